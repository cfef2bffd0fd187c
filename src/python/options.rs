//! The two choices a caller makes beyond `statistics`' own arguments:
//!
//! - **`strict_numpy=True`** (every function that takes data): a numpy array is handed to the
//!   `statistics` function itself, so the answer is `statistics(arr)`'s — numpy scalar types,
//!   int64 truncation, wrap-around and all — instead of `statistics(arr.tolist())`'s.
//! - **Quantile methods with no CPython counterpart** (`quantiles` and `compute_stats`):
//!   `statrs` and numpy's nine Hyndman–Fan names exist only in the Rust core. Where the call
//!   would go to `statistics` (data the core does not read, or `strict_numpy=True` with an array),
//!   there is nobody to compute them: a `ValueError` says so ([`needs_core_data`]).

use super::state::{ndarray_type, State};
use crate::quantile::Method;
use pyo3::exceptions::{PyOverflowError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyInt;

/// True when `strict_numpy` is set and `data` is a numpy array (any `ndarray`, subclasses
/// included): the caller asked for `statistics`' answer on the array itself. numpy is never
/// imported here; without it in `sys.modules` no object is an array.
pub(crate) fn hand_array_to_statistics(
    py: Python<'_>,
    st: &State,
    data: &Bound<'_, PyAny>,
    strict_numpy: bool,
) -> bool {
    strict_numpy
        && ndarray_type(py, st).is_some_and(|ndarray| data.is_instance(&ndarray).unwrap_or(false))
}

/// The `ValueError` for a method that only the core computes, on data that the core does not
/// read (or that `strict_numpy=True` hands to `statistics`).
pub(crate) fn needs_core_data(function: &str, method: Method) -> PyErr {
    PyValueError::new_err(format!(
        "{function}(): method '{method}' has no CPython counterpart, so rstats computes it only \
         on data the Rust core reads (exact int, bool and finite float values; numpy arrays \
         without strict_numpy=True); this data would go to statistics, which has no such method"
    ))
}

/// `quantiles`' `n` for a method that only the core computes: any object with `__index__`
/// (as `range(1, n)` takes it in CPython). An int beyond 64 bits is clamped: a positive one asks
/// for more cut points than memory holds (the core raises `MemoryError`), a negative one is
/// below 1 (`StatisticsError`).
pub(crate) fn index_n(n: &Bound<'_, PyAny>) -> PyResult<i64> {
    let py = n.py();
    let index = py.import("operator")?.getattr("index")?.call1((n,))?;
    let index = index.cast_into::<PyInt>()?;
    match index.extract::<i64>() {
        Ok(value) => Ok(value),
        Err(e) if e.is_instance_of::<PyOverflowError>(py) => {
            Ok(if index.gt(0)? { i64::MAX } else { i64::MIN })
        }
        Err(e) => Err(e),
    }
}
