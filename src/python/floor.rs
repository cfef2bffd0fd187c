//! Two functions that do nothing, for the benchmarks' floor (`benches/python_bench.py`): what a
//! call into the extension costs before any statistics is computed. Not part of `__all__`.

use pyo3::prelude::*;

/// Takes `numbers` the way a plain PyO3 port takes its argument — converted to a `Vec<f64>`, as
/// the talk's `fn compute_stats(numbers: Vec<f64>)` did — and returns their count. The floor of
/// a call that reads the numbers.
///
/// ```python
/// >>> import rstats
/// >>> rstats._noop([1.0, 2.0, 3.0])
/// 3
/// ```
#[pyfunction]
#[pyo3(signature = (numbers))]
pub(crate) fn _noop(numbers: Vec<f64>) -> usize {
    numbers.len()
}

/// Takes any object and returns `None`: the bare cost of calling into the extension.
///
/// ```python
/// >>> import rstats
/// >>> rstats._noop_call([1.0, 2.0, 3.0]) is None
/// True
/// ```
#[pyfunction]
#[pyo3(signature = (numbers))]
pub(crate) fn _noop_call(numbers: &Bound<'_, PyAny>) {
    let _ = numbers;
}
