//! The values a `data` argument was read into, and the fallible allocation every input-sized
//! buffer of the binding goes through (a refusal is CPython's `MemoryError`, never an abort).
//! Shared by the readers (`extract` for any argument, `sequence` for lists and tuples).

use crate::number::Number;
use pyo3::exceptions::PyMemoryError;
use pyo3::prelude::*;
use pyo3::types::PyList;

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
    /// `MemoryError` when Python's allocator refuses the list or a value.
    pub(crate) fn to_pylist<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        use super::convert::results_to_list;
        let never = |e: std::convert::Infallible| -> PyErr { match e {} };
        let list = match self {
            Data::Floats(v) => results_to_list(py, v.iter().map(|&x| Ok(Number::Float(x))), never),
            Data::Ints(v) => results_to_list(py, v.iter().map(|&i| Ok(Number::Int(i))), never),
            Data::Numbers(v) => results_to_list(py, v.iter().cloned().map(Ok), never),
        }?;
        Ok(list.cast_into::<PyList>()?)
    }
}

/// The failure of an allocation sized by the input: CPython's `MemoryError`.
pub(crate) fn out_of_memory() -> PyErr {
    PyMemoryError::new_err(())
}

/// True for a `MemoryError`.
pub(crate) fn is_memory_error(py: Python<'_>, e: &PyErr) -> bool {
    e.is_instance_of::<PyMemoryError>(py)
}

/// A vector with room for `capacity` values, or `MemoryError`.
pub(crate) fn try_with_capacity<T>(capacity: usize) -> PyResult<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(capacity).map_err(|_| out_of_memory())?;
    Ok(v)
}
