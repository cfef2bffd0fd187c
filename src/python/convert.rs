//! From the core's results and errors to Python objects and exceptions.

use super::state::State;
use crate::error::{Overflow, PyExceptionKind, StatsError};
use crate::number::Number;
use pyo3::exceptions::{
    PyAssertionError, PyAttributeError, PyIndexError, PyMemoryError, PyOverflowError,
    PyRuntimeError, PyTypeError, PyValueError,
};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyList};

/// A core value as the Python object CPython would return: `int` (any size), `bool`, `float`.
/// `MemoryError` when Python's allocator refuses the object (PyO3's own conversions of
/// machine numbers would panic instead).
pub(crate) fn number_to_py<'py>(py: Python<'py>, x: &Number) -> PyResult<Bound<'py, PyAny>> {
    match x {
        // SAFETY: PyLong_FromLongLong returns a new reference, or NULL with an exception set.
        Number::Int(i) => unsafe {
            Bound::from_owned_ptr_or_err(py, pyo3::ffi::PyLong_FromLongLong(*i))
        },
        Number::Bool(b) => Ok(PyBool::new(py, *b).to_owned().into_any()),
        Number::Float(f) => float_to_py(py, *f),
        // pyo3's num-bigint conversion: CPython's own byte-array constructor, one call.
        Number::BigInt(b) => Ok(b.as_ref().into_pyobject(py)?.into_any()),
    }
}

/// A Python float, or `MemoryError`.
pub(crate) fn float_to_py(py: Python<'_>, x: f64) -> PyResult<Bound<'_, PyAny>> {
    // SAFETY: PyFloat_FromDouble returns a new reference, or NULL with an exception set.
    unsafe { Bound::from_owned_ptr_or_err(py, pyo3::ffi::PyFloat_FromDouble(x)) }
}

/// A list of core values as a Python list.
pub(crate) fn numbers_to_list<'py>(py: Python<'py>, xs: &[Number]) -> PyResult<Bound<'py, PyList>> {
    results_to_list(
        py,
        xs.iter().cloned().map(Ok),
        |e: std::convert::Infallible| match e {},
    )?
    .cast_into::<PyList>()
    .map_err(PyErr::from)
}

/// The Python list of the values an exact-size iterator yields, created at its final size in
/// one allocation (`MemoryError` if Python's allocator refuses) and filled in order; the first
/// error the iterator yields is raised as `raise` makes it.
pub(crate) fn results_to_list<'py, E>(
    py: Python<'py>,
    values: impl ExactSizeIterator<Item = Result<Number, E>>,
    raise: impl Fn(E) -> PyErr,
) -> PyResult<Bound<'py, PyAny>> {
    let len = values.len();
    let size = pyo3::ffi::Py_ssize_t::try_from(len).map_err(|_| PyMemoryError::new_err(()))?;
    // SAFETY: PyList_New returns a new list of `len` empty (NULL) slots, or NULL with
    // MemoryError set; a list with NULL slots may be deallocated (on an error below), and is
    // only returned once every slot is filled.
    let list = unsafe { Bound::from_owned_ptr_or_err(py, pyo3::ffi::PyList_New(size))? };
    let mut filled = 0usize;
    for value in values.take(len) {
        let object = number_to_py(py, &value.map_err(&raise)?)?;
        // SAFETY: `filled < len` (at most `len` values are taken); SET_ITEM steals the reference.
        unsafe {
            pyo3::ffi::PyList_SET_ITEM(
                list.as_ptr(),
                filled as pyo3::ffi::Py_ssize_t,
                object.into_ptr(),
            );
        }
        filled += 1;
    }
    if filled != len {
        return Err(PyRuntimeError::new_err(
            "rstats: fewer results than announced",
        ));
    }
    Ok(list)
}

/// The exception CPython raises for this error, with CPython's message.
///
/// [`PyExceptionKind::Unsupported`] never reaches Python (the binding delegates such inputs); if
/// it did, it would be a `RuntimeError` naming the reason.
pub(crate) fn error_to_py(py: Python<'_>, st: &State, e: &StatsError) -> PyErr {
    let message = e.to_string();
    match e.exception() {
        PyExceptionKind::StatisticsError => match st.statistics_error.bind(py).call1((message,)) {
            Ok(instance) => PyErr::from_value(instance),
            Err(err) => err,
        },
        PyExceptionKind::ValueError => PyValueError::new_err(message),
        PyExceptionKind::TypeError => PyTypeError::new_err(message),
        PyExceptionKind::OverflowError => match e {
            // `float ** 2` overflowing: CPython raises OverflowError(errno, strerror).
            StatsError::Overflow(Overflow::Pow) => {
                PyOverflowError::new_err((34, "Numerical result out of range"))
            }
            _ => PyOverflowError::new_err(message),
        },
        PyExceptionKind::AttributeError => PyAttributeError::new_err(message),
        PyExceptionKind::IndexError => PyIndexError::new_err(message),
        PyExceptionKind::AssertionError => PyAssertionError::new_err(message),
        PyExceptionKind::MemoryError => PyMemoryError::new_err(message),
        PyExceptionKind::Unsupported => PyRuntimeError::new_err(message),
    }
}
