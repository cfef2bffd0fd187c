//! From a Python `data` argument to values the core computes on — or the decision to hand the
//! argument to the running `statistics` module.
//!
//! | input | how it is read |
//! |---|---|
//! | `list`, `tuple` (exact types) | items read in place; exact `int`/`bool`/finite `float` only |
//! | `numpy.ndarray` (1-D) of float64 / int64, `array.array('d'/'q'/'l')`, `memoryview` of those | the buffer, copied as `f64`/`i64`, no Python object created |
//! | other 1-D `numpy.ndarray` | `arr.tolist()`, then as a list |
//! | anything else iterable | iterated once, lazily |
//!
//! An item that is not an exact `int`, `bool` or finite `float` (a `Decimal`, a `Fraction`, a
//! float or int subclass, a numpy scalar, `inf`, `nan`, a string, `None`, a list, ...) stops the
//! reading: the whole argument goes to `statistics` instead. A list, a tuple or any re-iterable
//! object is passed on as it is; an iterator (a generator) is passed on as
//! `itertools.chain(items already read, the iterator)`, so `statistics` sees exactly the items the
//! caller's iterator yields, in order, and consumes the rest of it as lazily as it would have.
//!
//! numpy arrays are read as `arr.tolist()` would give them (Python `float`/`int`): see the
//! module documentation of `rstats` for why that, and not `statistics(arr)`, is the contract.

use super::state::{ndarray_type, State};
use crate::number::Number;
use num_bigint::BigInt;
use pyo3::buffer::PyUntypedBuffer;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyFloat, PyInt, PyList, PyMemoryView, PyTuple};

/// Values the core computes on, in the narrowest representation that holds them: all finite
/// floats, all machine ints, or a mix (with bools and big ints).
#[derive(Debug, Clone)]
pub(crate) enum Data {
    /// Every value a finite `float`.
    Floats(Vec<f64>),
    /// Every value an `int` in the `i64` range (no bools).
    Ints(Vec<i64>),
    /// Anything else the core computes: ints of any size, bools, finite floats, mixed.
    Numbers(Vec<Number>),
}

impl Data {
    /// The number of values.
    pub(crate) fn len(&self) -> usize {
        match self {
            Data::Floats(v) => v.len(),
            Data::Ints(v) => v.len(),
            Data::Numbers(v) => v.len(),
        }
    }

    /// The values as a new Python list (what `arr.tolist()` or `list(generator)` would have
    /// given), to hand to `statistics` when the core declines after reading them.
    pub(crate) fn to_pylist<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        match self {
            Data::Floats(v) => PyList::new(py, v),
            Data::Ints(v) => PyList::new(py, v),
            Data::Numbers(v) => {
                let list = PyList::empty(py);
                for x in v {
                    list.append(super::convert::number_to_py(py, x)?)?;
                }
                Ok(list)
            }
        }
    }
}

/// What to do with a `data` argument.
pub(crate) enum Input<'py> {
    /// Compute in Rust. `replay` is what to hand to `statistics` if the core declines: the
    /// original object when it can be iterated again, else `None` (build a list from `data`).
    Fast {
        data: Data,
        replay: Option<Bound<'py, PyAny>>,
    },
    /// Hand this object to `statistics` as the data argument.
    Delegate(Bound<'py, PyAny>),
}

/// One item the core can take.
enum Item {
    Float(f64),
    Int(i64),
    Other(Number),
}

/// Collects items into the narrowest [`Data`].
enum Builder {
    /// Nothing yet; the capacity to reserve.
    Empty(usize),
    Floats(Vec<f64>),
    Ints(Vec<i64>),
    Numbers(Vec<Number>),
}

impl Builder {
    fn with_capacity(capacity: usize) -> Builder {
        Builder::Empty(capacity)
    }

    #[inline]
    fn push(&mut self, item: Item) {
        match (&mut *self, item) {
            (Builder::Floats(v), Item::Float(x)) => v.push(x),
            (Builder::Ints(v), Item::Int(i)) => v.push(i),
            (Builder::Numbers(v), item) => v.push(item.into_number()),
            (_, item) => self.widen(item),
        }
    }

    /// The first item, or the first of another kind: switch to the representation that holds
    /// both.
    #[cold]
    fn widen(&mut self, item: Item) {
        let current = std::mem::replace(self, Builder::Empty(0));
        *self = match (current, item) {
            (Builder::Empty(capacity), Item::Float(x)) => {
                let mut v = Vec::with_capacity(capacity);
                v.push(x);
                Builder::Floats(v)
            }
            (Builder::Empty(capacity), Item::Int(i)) => {
                let mut v = Vec::with_capacity(capacity);
                v.push(i);
                Builder::Ints(v)
            }
            (Builder::Empty(capacity), item) => {
                let mut v = Vec::with_capacity(capacity);
                v.push(item.into_number());
                Builder::Numbers(v)
            }
            (Builder::Floats(v), item) => {
                let mut n: Vec<Number> = Vec::with_capacity(v.capacity().max(v.len() + 1));
                n.extend(v.into_iter().map(Number::Float));
                n.push(item.into_number());
                Builder::Numbers(n)
            }
            (Builder::Ints(v), item) => {
                let mut n: Vec<Number> = Vec::with_capacity(v.capacity().max(v.len() + 1));
                n.extend(v.into_iter().map(Number::Int));
                n.push(item.into_number());
                Builder::Numbers(n)
            }
            (Builder::Numbers(mut v), item) => {
                v.push(item.into_number());
                Builder::Numbers(v)
            }
        };
    }

    fn finish(self) -> Data {
        match self {
            Builder::Empty(_) => Data::Floats(Vec::new()),
            Builder::Floats(v) => Data::Floats(v),
            Builder::Ints(v) => Data::Ints(v),
            Builder::Numbers(v) => Data::Numbers(v),
        }
    }
}

impl Item {
    fn into_number(self) -> Number {
        match self {
            Item::Float(x) => Number::Float(x),
            Item::Int(i) => Number::Int(i),
            Item::Other(n) => n,
        }
    }
}

/// Reads one item: `Some` for an exact `int`, a `bool` or a finite exact `float`; `None` for
/// anything the core does not take.
fn classify(py: Python<'_>, item: &Bound<'_, PyAny>) -> PyResult<Option<Item>> {
    if item.is_exact_instance_of::<PyFloat>() {
        let x = match item.cast_exact::<PyFloat>() {
            Ok(f) => f.value(),
            Err(_) => return Ok(None),
        };
        return Ok(x.is_finite().then_some(Item::Float(x)));
    }
    if item.is_exact_instance_of::<PyInt>() {
        let mut overflow: std::os::raw::c_int = 0;
        // SAFETY: `item` is a live exact `int` and the thread is attached to the interpreter.
        // PyLong_AsLongLongAndOverflow does not raise for an out-of-range int: it sets
        // `overflow` and returns -1.
        let value =
            unsafe { pyo3::ffi::PyLong_AsLongLongAndOverflow(item.as_ptr(), &mut overflow) };
        if overflow == 0 {
            if value == -1 {
                if let Some(err) = PyErr::take(py) {
                    return Err(err);
                }
            }
            return Ok(Some(Item::Int(value)));
        }
        return Ok(Some(Item::Other(Number::from_bigint(big_from_py(item)?))));
    }
    if item.is_exact_instance_of::<PyBool>() {
        return Ok(Some(Item::Other(Number::Bool(item.is_truthy()?))));
    }
    Ok(None)
}

/// A Python int beyond 64 bits (exact, any size).
fn big_from_py(item: &Bound<'_, PyAny>) -> PyResult<BigInt> {
    // pyo3's num-bigint conversion: CPython's own byte-array export, one call.
    item.extract()
}

/// Reads `data`, or decides to delegate it.
pub(crate) fn extract<'py>(
    py: Python<'py>,
    st: &State,
    data: &Bound<'py, PyAny>,
) -> PyResult<Input<'py>> {
    if let Some(values) = super::sequence::read_uniform(data) {
        return Ok(Input::Fast {
            data: values,
            replay: Some(data.clone()),
        });
    }
    if let Ok(list) = data.cast_exact::<PyList>() {
        return from_items(py, list.iter(), list.len(), data);
    }
    if let Ok(tuple) = data.cast_exact::<PyTuple>() {
        return from_items(py, tuple.iter(), tuple.len(), data);
    }
    let ty = data.get_type();
    let is_ndarray = ndarray_type(py, st).is_some_and(|t| ty.is(&t));
    if is_ndarray || ty.is(st.array_type.bind(py)) || data.is_exact_instance_of::<PyMemoryView>() {
        if let Some(input) = from_buffer(py, data)? {
            return Ok(input);
        }
        if is_ndarray && data.getattr("ndim")?.extract::<i64>()? == 1 {
            // Other dtypes (float32, int32, uint64, bool, ...): numpy's own conversion to
            // Python numbers, then the list rules; the list is also what `statistics` gets.
            let list = data.call_method0("tolist")?;
            return match list.cast_exact::<PyList>() {
                Ok(l) => from_items(py, l.iter(), l.len(), &list),
                Err(_) => Ok(Input::Delegate(list)),
            };
        }
    }
    from_iterable(py, st, data)
}

/// A list or tuple: every item must be one the core takes, else the object goes to `statistics`.
fn from_items<'py>(
    py: Python<'py>,
    items: impl Iterator<Item = Bound<'py, PyAny>>,
    len: usize,
    original: &Bound<'py, PyAny>,
) -> PyResult<Input<'py>> {
    let mut builder = Builder::with_capacity(len);
    for item in items {
        match classify(py, &item)? {
            Some(x) => builder.push(x),
            None => return Ok(Input::Delegate(original.clone())),
        }
    }
    Ok(Input::Fast {
        data: builder.finish(),
        replay: Some(original.clone()),
    })
}

/// Float64 and int64 buffers in native byte order, one dimension: copied without creating a
/// Python object. `None` when the object's buffer is anything else.
fn from_buffer<'py>(py: Python<'py>, data: &Bound<'py, PyAny>) -> PyResult<Option<Input<'py>>> {
    // Formats `struct` reads as a native 8-byte double / signed integer. (PyO3's own format
    // check also accepts '>' on little-endian machines, so the format is checked here first.)
    const F64: [&[u8]; 3] = [b"d", b"@d", b"=d"];
    const I64: [&[u8]; 5] = [b"q", b"@q", b"=q", b"l", b"@l"];
    let Ok(buffer) = PyUntypedBuffer::get(data) else {
        return Ok(None);
    };
    if buffer.dimensions() != 1 || buffer.item_size() != 8 {
        return Ok(None);
    }
    let format = buffer.format().to_bytes();
    let is_f64 = F64.contains(&format);
    if !is_f64 && !I64.contains(&format) {
        return Ok(None);
    }
    if buffer.item_count() == 0 {
        // An empty buffer may have no aligned memory at all; no values either way.
        return Ok(Some(Input::Fast {
            data: if is_f64 {
                Data::Floats(Vec::new())
            } else {
                Data::Ints(Vec::new())
            },
            replay: None,
        }));
    }
    // Anything PyO3 refuses (e.g. misaligned memory) is read the slow way instead.
    let data = if is_f64 {
        let Ok(typed) = buffer.into_typed::<f64>() else {
            return Ok(None);
        };
        let values = typed.to_vec(py)?;
        if values.iter().all(|x| x.is_finite()) {
            Data::Floats(values)
        } else {
            // inf/nan: `statistics` on the values as Python floats (what `tolist()` gives).
            return Ok(Some(Input::Delegate(PyList::new(py, values)?.into_any())));
        }
    } else {
        let Ok(typed) = buffer.into_typed::<i64>() else {
            return Ok(None);
        };
        Data::Ints(typed.to_vec(py)?)
    };
    Ok(Some(Input::Fast { data, replay: None }))
}

/// Any other iterable: iterated once, lazily.
fn from_iterable<'py>(
    py: Python<'py>,
    st: &State,
    data: &Bound<'py, PyAny>,
) -> PyResult<Input<'py>> {
    let Ok(iter) = data.try_iter() else {
        // Not iterable: `statistics` raises its own TypeError.
        return Ok(Input::Delegate(data.clone()));
    };
    let is_iterator = iter.is(data);
    // A re-iterable object: CPython 3.8-3.10 take its len() in mean/variance/stdev; an object
    // without one, or whose len() disagrees with its items, is left to `statistics`.
    let expected = if is_iterator {
        None
    } else {
        match data.len() {
            Ok(n) => Some(n),
            Err(_) => return Ok(Input::Delegate(data.clone())),
        }
    };
    // len() is only a hint here (it may be anything): reserve at most 64Ki values up front.
    let mut builder = Builder::with_capacity(expected.unwrap_or(0).min(1 << 16));
    let mut count = 0usize;
    for item in iter.clone() {
        let item = item?;
        match classify(py, &item)? {
            Some(x) => {
                builder.push(x);
                count += 1;
            }
            None if is_iterator => {
                // Hand on the items read so far, this one, and the rest of the iterator.
                let seen = builder.finish().to_pylist(py)?;
                seen.append(&item)?;
                let chained = st.chain.bind(py).call1((seen, &iter))?;
                return Ok(Input::Delegate(chained));
            }
            None => return Ok(Input::Delegate(data.clone())),
        }
    }
    if expected.is_some_and(|n| n != count) {
        return Ok(Input::Delegate(data.clone()));
    }
    Ok(Input::Fast {
        data: builder.finish(),
        replay: (!is_iterator).then(|| data.clone()),
    })
}
