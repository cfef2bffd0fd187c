//! `StatisticsResponse`: what `compute_stats` returns, the endpoint's dict as an object.

use super::convert::{number_to_py, numbers_to_list};
use crate::stats::Stats;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyFloat, PyList, PyTuple};

/// The result of `compute_stats(numbers, method)`: the four fields of `stats_py`'s dict.
///
/// Each field is the Python object `stats_py` would put in its dict: `range` and `stddev` are
/// floats, `quartiles` a list (of floats; on CPython 3.13 a one-point input gives the point
/// itself), `mean` an int or a float. `to_dict()` gives that dict (same keys, same order);
/// `==` compares field by field with Python's `==`, against another response or a dict.
/// Immutable: `quartiles` returns a new list each time.
#[pyclass(module = "rstats", name = "StatisticsResponse", frozen)]
pub struct StatisticsResponse {
    range: Py<PyAny>,
    quartiles: Py<PyList>,
    mean: Py<PyAny>,
    stddev: Py<PyAny>,
}

impl StatisticsResponse {
    /// From the core's result.
    pub(crate) fn from_stats(py: Python<'_>, s: &Stats) -> PyResult<StatisticsResponse> {
        Ok(StatisticsResponse {
            range: PyFloat::new(py, s.range).into_any().unbind(),
            quartiles: numbers_to_list(py, &s.quartiles)?.unbind(),
            mean: number_to_py(py, &s.mean)?.unbind(),
            stddev: PyFloat::new(py, s.stddev).into_any().unbind(),
        })
    }

    /// From the dict `stats_py` returns.
    pub(crate) fn from_dict(d: &Bound<'_, PyAny>) -> PyResult<StatisticsResponse> {
        StatisticsResponse::build(
            d.get_item("range")?,
            d.get_item("quartiles")?,
            d.get_item("mean")?,
            d.get_item("stddev")?,
        )
    }

    fn build(
        range: Bound<'_, PyAny>,
        quartiles: Bound<'_, PyAny>,
        mean: Bound<'_, PyAny>,
        stddev: Bound<'_, PyAny>,
    ) -> PyResult<StatisticsResponse> {
        let py = range.py();
        let quartiles = PyList::new(py, quartiles.try_iter()?.collect::<PyResult<Vec<_>>>()?)?;
        Ok(StatisticsResponse {
            range: range.unbind(),
            quartiles: quartiles.unbind(),
            mean: mean.unbind(),
            stddev: stddev.unbind(),
        })
    }

    fn quartiles_copy<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let q = self.quartiles.bind(py);
        PyList::new(py, q.iter())
    }
}

#[pymethods]
impl StatisticsResponse {
    /// `StatisticsResponse(range, quartiles, mean, stddev)`.
    #[new]
    #[pyo3(signature = (range, quartiles, mean, stddev))]
    fn __new__(
        range: Bound<'_, PyAny>,
        quartiles: Bound<'_, PyAny>,
        mean: Bound<'_, PyAny>,
        stddev: Bound<'_, PyAny>,
    ) -> PyResult<StatisticsResponse> {
        StatisticsResponse::build(range, quartiles, mean, stddev)
    }

    /// `float(max - min)` of the data.
    #[getter]
    fn range(&self, py: Python<'_>) -> Py<PyAny> {
        self.range.clone_ref(py)
    }

    /// `statistics.quantiles(sorted(numbers), n=4, method=method)` (a new list each time).
    #[getter]
    fn quartiles<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        self.quartiles_copy(py)
    }

    /// `statistics.mean(sorted(numbers))`: an int when every value is an int and the mean is
    /// integral, else a float.
    #[getter]
    fn mean(&self, py: Python<'_>) -> Py<PyAny> {
        self.mean.clone_ref(py)
    }

    /// `statistics.stdev(sorted(numbers))`.
    #[getter]
    fn stddev(&self, py: Python<'_>) -> Py<PyAny> {
        self.stddev.clone_ref(py)
    }

    /// The dict `stats_py` returns: `{"range": ..., "quartiles": [...], "mean": ..., "stddev": ...}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("range", self.range.bind(py))?;
        d.set_item("quartiles", self.quartiles_copy(py)?)?;
        d.set_item("mean", self.mean.bind(py))?;
        d.set_item("stddev", self.stddev.bind(py))?;
        Ok(d)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "StatisticsResponse(range={}, quartiles={}, mean={}, stddev={})",
            self.range.bind(py).repr()?,
            self.quartiles.bind(py).repr()?,
            self.mean.bind(py).repr()?,
            self.stddev.bind(py).repr()?,
        ))
    }

    /// Field-by-field Python `==` with another response, or with a dict such as `stats_py`'s.
    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let mine = self.to_dict(py)?;
        let theirs = if let Ok(r) = other.cast::<StatisticsResponse>() {
            r.get().to_dict(py)?.into_any()
        } else if other.is_instance_of::<PyDict>() {
            other.clone()
        } else {
            return Ok(py.NotImplemented());
        };
        Ok(mine
            .eq(theirs)?
            .into_pyobject(py)?
            .to_owned()
            .into_any()
            .unbind())
    }

    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        let key = PyTuple::new(
            py,
            [
                self.range.bind(py).clone(),
                PyTuple::new(py, self.quartiles.bind(py).iter())?.into_any(),
                self.mean.bind(py).clone(),
                self.stddev.bind(py).clone(),
            ],
        )?;
        key.hash()
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let me = slf.get();
        let args = PyTuple::new(
            py,
            [
                me.range.bind(py).clone(),
                me.quartiles_copy(py)?.into_any(),
                me.mean.bind(py).clone(),
                me.stddev.bind(py).clone(),
            ],
        )?;
        PyTuple::new(py, [slf.get_type().into_any(), args.into_any()])
    }
}
