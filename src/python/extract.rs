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
//! reading: the whole argument goes to `statistics` instead, with what was read. Every argument
//! is iterated at most once:
//!
//! - a list, a tuple, an array, a `range`, a set, a dict or its keys or values (objects that
//!   iterate again from the start) are passed on as they are;
//! - an iterator (a generator) is passed on as `itertools.chain(items already read, the
//!   iterator)`, so `statistics` sees exactly the items the caller's iterator yields, in order,
//!   and consumes the rest of it as lazily as it would have;
//! - any other object is passed on as a [`Replayed`] stand-in: its own `len()`, and the items
//!   read followed by the rest of its iterator (it may be an object whose `__iter__` returns one
//!   shared iterator: iterable once, whatever its `len()` says). For CPython 3.9 and 3.10's
//!   `variance`, `stdev`, `pvariance` and `pstdev`, which iterate such an object two or three
//!   times, it is not read at all but handed to `statistics` as it is.
//!
//! numpy arrays are read as `arr.tolist()` would give them (Python `float`/`int`): see the
//! module documentation of `rstats` for why that, and not `statistics(arr)`, is the contract.

use super::data::{is_memory_error, out_of_memory, try_with_capacity, Data};
use super::replay::Replayed;
use super::state::{ndarray_type, State};
use crate::number::Number;
use num_bigint::BigInt;
use pyo3::buffer::PyUntypedBuffer;
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyDict, PyFloat, PyFrozenSet, PyInt, PyList, PyMemoryView, PyRange, PySet, PyTuple,
};

/// What to hand to `statistics` when the core declines data it has read.
pub(crate) enum Replay<'py> {
    /// The caller's object itself: it iterates again from the start.
    Original(Bound<'py, PyAny>),
    /// A new list of the values (an iterator read to its end, a numpy array's buffer).
    Values,
    /// A [`Replayed`] over the values, answering `len()` as this object does.
    ValuesFor(Bound<'py, PyAny>),
}

impl<'py> Replay<'py> {
    /// The object to hand to `statistics` in place of the caller's, given the values read.
    pub(crate) fn into_object(self, py: Python<'py>, values: &Data) -> PyResult<Bound<'py, PyAny>> {
        Ok(match self {
            Replay::Original(obj) => obj,
            Replay::Values => values.to_pylist(py)?.into_any(),
            Replay::ValuesFor(source) => {
                let items = values.to_pylist(py)?.into_any().try_iter()?.into_any();
                Replayed::new(&source, items)?.into_any()
            }
        })
    }
}

/// What to do with a `data` argument.
pub(crate) enum Input<'py> {
    /// Compute in Rust; `replay` is what to hand to `statistics` if the core declines.
    Fast { data: Data, replay: Replay<'py> },
    /// Hand this object to `statistics` as the data argument.
    Delegate(Bound<'py, PyAny>),
}

/// One item the core can take.
enum Item {
    Float(f64),
    Int(i64),
    Other(Number),
}

/// Collects items into the narrowest [`Data`]. Every allocation is fallible: a refusal is
/// `MemoryError`, never an abort.
enum Builder {
    /// Nothing yet; the capacity to reserve.
    Empty(usize),
    Floats(Vec<f64>),
    Ints(Vec<i64>),
    Numbers(Vec<Number>),
}

/// Room for one more value (amortized growth, as `push` would), or `MemoryError`.
#[inline]
fn room_for_one<T>(v: &mut Vec<T>) -> PyResult<()> {
    if v.len() == v.capacity() {
        v.try_reserve(1).map_err(|_| out_of_memory())?;
    }
    Ok(())
}

impl Builder {
    fn with_capacity(capacity: usize) -> Builder {
        Builder::Empty(capacity)
    }

    #[inline]
    fn push(&mut self, item: Item) -> PyResult<()> {
        match (&mut *self, item) {
            (Builder::Floats(v), Item::Float(x)) => {
                room_for_one(v)?;
                v.push(x);
            }
            (Builder::Ints(v), Item::Int(i)) => {
                room_for_one(v)?;
                v.push(i);
            }
            (Builder::Numbers(v), item) => {
                room_for_one(v)?;
                v.push(item.into_number());
            }
            (_, item) => self.widen(item)?,
        }
        Ok(())
    }

    /// The first item, or the first of another kind: switch to the representation that holds
    /// both.
    #[cold]
    fn widen(&mut self, item: Item) -> PyResult<()> {
        let current = std::mem::replace(self, Builder::Empty(0));
        *self = match (current, item) {
            (Builder::Empty(capacity), Item::Float(x)) => {
                let mut v = try_with_capacity(capacity.max(1))?;
                v.push(x);
                Builder::Floats(v)
            }
            (Builder::Empty(capacity), Item::Int(i)) => {
                let mut v = try_with_capacity(capacity.max(1))?;
                v.push(i);
                Builder::Ints(v)
            }
            (Builder::Empty(capacity), item) => {
                let mut v = try_with_capacity(capacity.max(1))?;
                v.push(item.into_number());
                Builder::Numbers(v)
            }
            (Builder::Floats(v), item) => {
                let mut n: Vec<Number> = try_with_capacity(v.capacity().max(v.len() + 1))?;
                n.extend(v.into_iter().map(Number::Float));
                n.push(item.into_number());
                Builder::Numbers(n)
            }
            (Builder::Ints(v), item) => {
                let mut n: Vec<Number> = try_with_capacity(v.capacity().max(v.len() + 1))?;
                n.extend(v.into_iter().map(Number::Int));
                n.push(item.into_number());
                Builder::Numbers(n)
            }
            (Builder::Numbers(mut v), item) => {
                room_for_one(&mut v)?;
                v.push(item.into_number());
                Builder::Numbers(v)
            }
        };
        Ok(())
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

/// Reads `data`, or decides to delegate it. `rereads`: the `statistics` function iterates its
/// data more than once (3.9 and 3.10's `variance`, `stdev`, `pvariance`, `pstdev`), so an object
/// that might iterate only once is handed to it unread.
pub(crate) fn extract<'py>(
    py: Python<'py>,
    st: &State,
    data: &Bound<'py, PyAny>,
    rereads: bool,
) -> PyResult<Input<'py>> {
    match super::sequence::read_uniform(data) {
        Ok(Some(values)) => {
            return Ok(Input::Fast {
                data: values,
                replay: Replay::Original(data.clone()),
            })
        }
        Ok(None) => {}
        // No room for a copy: `statistics` may need none (it sums a list in place).
        Err(e) if is_memory_error(py, &e) => return Ok(Input::Delegate(data.clone())),
        Err(e) => return Err(e),
    }
    if let Ok(list) = data.cast_exact::<PyList>() {
        return from_items(py, list.iter(), list.len(), data);
    }
    if let Ok(tuple) = data.cast_exact::<PyTuple>() {
        return from_items(py, tuple.iter(), tuple.len(), data);
    }
    let ty = data.get_type();
    let is_ndarray = ndarray_type(py, st).is_some_and(|t| ty.is(&t));
    let is_array = ty.is(st.array_type.bind(py));
    if is_ndarray || is_array || data.is_exact_instance_of::<PyMemoryView>() {
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
        // Arrays and memoryviews of other formats iterate again from the start.
        return from_iterable(py, st, data, Reiterable::Yes);
    }
    let reiterable = if is_reiterable_builtin(data) {
        Reiterable::Yes
    } else if rereads {
        // Iterated once here, the object could show `statistics` nothing more: let it iterate
        // the object itself, as often as it does.
        return Ok(Input::Delegate(data.clone()));
    } else {
        Reiterable::Unknown
    };
    from_iterable(py, st, data, reiterable)
}

/// Exact built-in types whose every `iter()` starts again from the first item.
fn is_reiterable_builtin(data: &Bound<'_, PyAny>) -> bool {
    if data.is_exact_instance_of::<PyRange>()
        || data.is_exact_instance_of::<PySet>()
        || data.is_exact_instance_of::<PyFrozenSet>()
        || data.is_exact_instance_of::<PyDict>()
    {
        return true;
    }
    let ty = data.get_type().as_ptr();
    // The addresses of CPython's static type objects (taking them reads nothing).
    ty == (&raw mut pyo3::ffi::PyDictKeys_Type).cast()
        || ty == (&raw mut pyo3::ffi::PyDictValues_Type).cast()
}

/// Whether a non-iterator object's `iter()` starts again from the first item.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reiterable {
    Yes,
    /// Perhaps not (any object may return one shared iterator).
    Unknown,
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
            Some(x) => match builder.push(x) {
                Ok(()) => {}
                // No room for a copy: `statistics` may need none (it sums a list in place).
                Err(e) if is_memory_error(py, &e) => return Ok(Input::Delegate(original.clone())),
                Err(e) => return Err(e),
            },
            None => return Ok(Input::Delegate(original.clone())),
        }
    }
    Ok(Input::Fast {
        data: builder.finish(),
        replay: Replay::Original(original.clone()),
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
            replay: Replay::Original(data.clone()),
        }));
    }
    // Anything PyO3 refuses (e.g. misaligned memory) is read the slow way instead.
    let data = if is_f64 {
        let Ok(typed) = buffer.into_typed::<f64>() else {
            return Ok(None);
        };
        let Some(values) = copy_or_none(py, copy_buffer(py, &typed, 0.0))? else {
            return Ok(None);
        };
        if values.iter().all(|x| x.is_finite()) {
            Data::Floats(values)
        } else {
            // inf/nan: `statistics` on the values as Python floats (what `tolist()` gives).
            let list = Data::Floats(values).to_pylist(py)?;
            return Ok(Some(Input::Delegate(list.into_any())));
        }
    } else {
        let Ok(typed) = buffer.into_typed::<i64>() else {
            return Ok(None);
        };
        let Some(values) = copy_or_none(py, copy_buffer(py, &typed, 0))? else {
            return Ok(None);
        };
        Data::Ints(values)
    };
    Ok(Some(Input::Fast {
        data,
        replay: Replay::Values,
    }))
}

/// A copy, or `None` when there was no room for it (the object is then read another way, or
/// handed to `statistics`, which may need no copy).
fn copy_or_none<T>(py: Python<'_>, copy: PyResult<Vec<T>>) -> PyResult<Option<Vec<T>>> {
    match copy {
        Ok(values) => Ok(Some(values)),
        Err(e) if is_memory_error(py, &e) => Ok(None),
        Err(e) => Err(e),
    }
}

/// A buffer's items, copied into a vector allocated fallibly (PyO3's `to_vec` aborts when the
/// allocator refuses).
fn copy_buffer<T: pyo3::buffer::Element + Copy>(
    py: Python<'_>,
    buffer: &pyo3::buffer::PyBuffer<T>,
    zero: T,
) -> PyResult<Vec<T>> {
    let mut values = try_with_capacity(buffer.item_count())?;
    values.resize(buffer.item_count(), zero);
    buffer.copy_to_slice(py, &mut values)?;
    Ok(values)
}

/// Any other iterable: iterated once, lazily.
fn from_iterable<'py>(
    py: Python<'py>,
    st: &State,
    data: &Bound<'py, PyAny>,
    reiterable: Reiterable,
) -> PyResult<Input<'py>> {
    let Ok(iter) = data.try_iter() else {
        // Not iterable: `statistics` raises its own TypeError.
        return Ok(Input::Delegate(data.clone()));
    };
    let is_iterator = iter.is(data);
    // A non-iterator: CPython 3.9-3.10 take its len() in mean/variance/stdev; an object without
    // one is left to `statistics` (unread), one whose len() disagrees with its items is handed
    // on with that len().
    let expected = if is_iterator {
        None
    } else {
        match data.len() {
            // CPython 3.9-3.10's `mean` raises for `len() == 0` without iterating: an object
            // that says it is empty goes to `statistics` unread, whatever it would yield.
            Ok(0) | Err(_) => return Ok(Input::Delegate(data.clone())),
            Ok(n) => Some(n),
        }
    };
    // What `statistics` gets in place of `data` once items have been read from it.
    let stand_in = |seen: Bound<'py, PyAny>| -> PyResult<Bound<'py, PyAny>> {
        if is_iterator {
            Ok(seen)
        } else {
            Ok(Replayed::new(data, seen)?.into_any())
        }
    };
    // len() is only a hint here (it may be anything): reserve at most 64Ki values up front.
    let mut builder = Builder::with_capacity(expected.unwrap_or(0).min(1 << 16));
    let mut count = 0usize;
    for item in iter.clone() {
        let item = item?;
        match classify(py, &item)? {
            Some(x) => {
                builder.push(x)?;
                count += 1;
            }
            None => {
                if !is_iterator && reiterable == Reiterable::Yes {
                    return Ok(Input::Delegate(data.clone()));
                }
                // Hand on the items read so far, this one, and the rest of the iterator.
                let seen = builder.finish().to_pylist(py)?;
                seen.append(&item)?;
                let chained = st.chain.bind(py).call1((seen, &iter))?;
                return Ok(Input::Delegate(stand_in(chained)?));
            }
        }
    }
    let data_read = builder.finish();
    let replay = if is_iterator {
        Replay::Values
    } else if reiterable == Reiterable::Yes {
        Replay::Original(data.clone())
    } else {
        Replay::ValuesFor(data.clone())
    };
    if expected.is_some_and(|n| n != count) {
        return Ok(Input::Delegate(replay.into_object(py, &data_read)?));
    }
    Ok(Input::Fast {
        data: data_read,
        replay,
    })
}
