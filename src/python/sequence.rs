//! The common case read in one tight loop: an exact `list` or `tuple` whose items are all exact
//! finite `float`s, or all exact `int`s in the `i64` range.
//!
//! The general reader ([`super::extract`]) classifies every item through PyO3's owned
//! references (a reference count taken and dropped per item) and a builder that can widen to
//! mixed numbers. For the endpoint's nine numbers that was a third of the call. Here the items
//! are borrowed straight from the sequence's item array, their type compared by address, and
//! the value read with CPython's own macros. Anything else — a mix, a bool, a big int, `inf` or
//! `nan`, a subclass — returns `None`, and the general reader starts over and decides.

use super::data::{try_with_capacity, Data};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};

/// The items of an exact list or tuple: the sequence keeps them alive while it is borrowed.
struct Items<'a, 'py> {
    seq: &'a Bound<'py, PyAny>,
    is_list: bool,
}

impl Items<'_, '_> {
    fn len(&self) -> usize {
        // SAFETY: `seq` is a live exact list (or tuple, per `is_list`), attached to the
        // interpreter.
        let n = unsafe {
            if self.is_list {
                ffi::PyList_GET_SIZE(self.seq.as_ptr())
            } else {
                ffi::PyTuple_GET_SIZE(self.seq.as_ptr())
            }
        };
        usize::try_from(n).unwrap_or(0)
    }

    /// A borrowed pointer to item `i < len()`.
    ///
    /// No Python code runs while the readers below hold these pointers (type checks and
    /// `PyLong_AsLongLongAndOverflow` on an exact `int` call none), so the sequence cannot
    /// change under them.
    fn get(&self, i: usize) -> *mut ffi::PyObject {
        // `i < len() <= isize::MAX`.
        let i = i as ffi::Py_ssize_t;
        // SAFETY: as in `len`, and `i` is in range.
        unsafe {
            if self.is_list {
                ffi::PyList_GET_ITEM(self.seq.as_ptr(), i)
            } else {
                ffi::PyTuple_GET_ITEM(self.seq.as_ptr(), i)
            }
        }
    }
}

/// All exact finite floats, or all exact `i64`-range ints (decided by the first item); `None`
/// for anything else, including an empty sequence, and for objects that are not an exact
/// `list` or `tuple`. `MemoryError` when the allocator refuses the copy.
pub(crate) fn read_uniform(seq: &Bound<'_, PyAny>) -> PyResult<Option<Data>> {
    // Borrowed items are only safe while no other thread can change the sequence: with the GIL.
    // A free-threaded CPython (3.13t) takes the general reader's owned references instead.
    if cfg!(Py_GIL_DISABLED) {
        return Ok(None);
    }
    let is_list = seq.is_exact_instance_of::<PyList>();
    if !is_list && !seq.is_exact_instance_of::<PyTuple>() {
        return Ok(None);
    }
    let items = Items { seq, is_list };
    let n = items.len();
    if n == 0 {
        return Ok(None);
    }
    // SAFETY: `get(0)` is a live object; taking the address of a static type object.
    let first_type = unsafe { ffi::Py_TYPE(items.get(0)) };
    Ok(if first_type == &raw mut ffi::PyFloat_Type {
        read_floats(&items, n)?.map(Data::Floats)
    } else if first_type == &raw mut ffi::PyLong_Type {
        read_ints(&items, n)?.map(Data::Ints)
    } else {
        None
    })
}

fn read_floats(items: &Items<'_, '_>, n: usize) -> PyResult<Option<Vec<f64>>> {
    let mut values = try_with_capacity(n)?;
    for i in 0..n {
        let item = items.get(i);
        // SAFETY: `item` is live; `PyFloat_AS_DOUBLE` only after the exact type check.
        let x = unsafe {
            if ffi::Py_TYPE(item) != &raw mut ffi::PyFloat_Type {
                return Ok(None);
            }
            ffi::PyFloat_AS_DOUBLE(item)
        };
        if !x.is_finite() {
            return Ok(None);
        }
        values.push(x);
    }
    Ok(Some(values))
}

fn read_ints(items: &Items<'_, '_>, n: usize) -> PyResult<Option<Vec<i64>>> {
    let mut values = try_with_capacity(n)?;
    for i in 0..n {
        let item = items.get(i);
        let mut overflow: std::os::raw::c_int = 0;
        // SAFETY: `item` is live and an exact `int` (checked first). For an exact int,
        // PyLong_AsLongLongAndOverflow runs no Python code and does not raise: out of range, it
        // sets `overflow` and returns -1.
        let value = unsafe {
            if ffi::Py_TYPE(item) != &raw mut ffi::PyLong_Type {
                return Ok(None);
            }
            ffi::PyLong_AsLongLongAndOverflow(item, &mut overflow)
        };
        if overflow != 0 {
            return Ok(None);
        }
        values.push(value);
    }
    Ok(Some(values))
}
