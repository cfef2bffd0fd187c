//! From the core's results and errors to Python objects and exceptions.

use super::state::State;
use crate::error::{Overflow, PyExceptionKind, StatsError};
use crate::number::Number;
use pyo3::exceptions::{
    PyAssertionError, PyAttributeError, PyIndexError, PyMemoryError, PyOverflowError,
    PyRuntimeError, PyTypeError, PyValueError,
};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyFloat, PyList};

/// A core value as the Python object CPython would return: `int` (any size), `bool`, `float`.
pub(crate) fn number_to_py<'py>(py: Python<'py>, x: &Number) -> PyResult<Bound<'py, PyAny>> {
    Ok(match x {
        Number::Int(i) => i.into_pyobject(py)?.into_any(),
        Number::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Number::Float(f) => PyFloat::new(py, *f).into_any(),
        // pyo3's num-bigint conversion: CPython's own byte-array constructor, one call.
        Number::BigInt(b) => b.as_ref().into_pyobject(py)?.into_any(),
    })
}

/// A list of core values as a Python list.
pub(crate) fn numbers_to_list<'py>(py: Python<'py>, xs: &[Number]) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for x in xs {
        list.append(number_to_py(py, x)?)?;
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
