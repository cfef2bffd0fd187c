//! `StatisticsResponse`: what `compute_stats` returns, the endpoint's dict as an object that is
//! also a read-only mapping, so that code written for `stats_py`'s dict works on it unchanged.

use super::convert::{number_to_py, numbers_to_list};
use crate::stats::Stats;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyFloat, PyList, PyMapping, PyString, PyTuple};

/// `stats_py`'s keys, in its order.
const KEYS: [&str; 4] = ["range", "quartiles", "mean", "stddev"];

/// The result of `compute_stats(numbers, method)`: the four fields of `stats_py`'s dict.
///
/// Each field is the Python object `stats_py` would put in its dict: `range` and `stddev` are
/// floats, `quartiles` a list (of floats; on CPython 3.13 a one-point input gives the point
/// itself), `mean` an int or a float.
///
/// A read-only mapping (a registered `collections.abc.Mapping`) with `stats_py`'s keys, values
/// and order, wherever code uses the dict: `r['mean']`, `r.get('mean')`, `keys()`, `values()`,
/// `items()` (dict views), `len(r)`, `'mean' in r`, iteration, `dict(r)`, `**r`,
/// `json.dumps(dict(r))`; any other key raises `KeyError` as the dict does. `to_dict()` gives
/// the dict; `==` compares with Python's `==` against another response, a dict or any mapping.
/// Attributes too: `r.range`, `r.quartiles`, `r.mean`, `r.stddev`. Immutable: `quartiles` is a
/// new list each time it is read. Unlike a dict it is hashable; `json.dumps(r)` needs `dict(r)`
/// (the `json` module encodes only real dicts).
#[pyclass(module = "rstats", name = "StatisticsResponse", frozen, mapping)]
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

    /// The value under one of [`KEYS`] (`None` for any other name).
    fn field<'py>(&self, py: Python<'py>, name: &str) -> Option<PyResult<Bound<'py, PyAny>>> {
        match name {
            "range" => Some(Ok(self.range.bind(py).clone())),
            "quartiles" => Some(self.quartiles_copy(py).map(Bound::into_any)),
            "mean" => Some(Ok(self.mean.bind(py).clone())),
            "stddev" => Some(Ok(self.stddev.bind(py).clone())),
            _ => None,
        }
    }

    /// The value under `key` when `key` is an exact `str` naming a field; `None` for any other
    /// key (the dict then answers, with its own hashing, equality and errors).
    fn exact_field<'py>(&self, key: &Bound<'py, PyAny>) -> Option<PyResult<Bound<'py, PyAny>>> {
        let name = key.cast_exact::<PyString>().ok()?.to_str().ok()?;
        self.field(key.py(), name)
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
        for name in KEYS {
            if let Some(value) = self.field(py, name) {
                d.set_item(name, value?)?;
            }
        }
        Ok(d)
    }

    /// `r[key]`: the field named `key`; any other key as `stats_py`'s dict answers it
    /// (`KeyError`, or `TypeError` for an unhashable key).
    fn __getitem__<'py>(&self, key: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        match self.exact_field(key) {
            Some(value) => value,
            None => self.to_dict(key.py())?.as_any().get_item(key),
        }
    }

    /// `len(r)`: 4, as `stats_py`'s dict.
    fn __len__(&self) -> usize {
        KEYS.len()
    }

    /// `key in r`, as in `stats_py`'s dict.
    fn __contains__(&self, key: &Bound<'_, PyAny>) -> PyResult<bool> {
        match self.exact_field(key) {
            Some(value) => value.map(|_| true),
            None => self.to_dict(key.py())?.contains(key),
        }
    }

    /// `iter(r)`: the keys, in `stats_py`'s order.
    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyTuple::new(py, KEYS)?.as_any().try_iter()?.into_any())
    }

    /// `reversed(r)`: the keys, last first (as `reversed()` of a dict).
    fn __reversed__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyTuple::new(py, KEYS.iter().rev())?
            .as_any()
            .try_iter()?
            .into_any())
    }

    /// `r.get(key, default=None)`, as `dict.get`.
    #[pyo3(signature = (key, default=None))]
    fn get<'py>(
        &self,
        key: &Bound<'py, PyAny>,
        default: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        if let Some(value) = self.exact_field(key) {
            return value;
        }
        let py = key.py();
        let default = default.unwrap_or_else(|| py.None().into_bound(py));
        self.to_dict(py)?.call_method1("get", (key, default))
    }

    /// The keys, as `stats_py(...).keys()` gives them (a `dict_keys` view).
    fn keys<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.to_dict(py)?.call_method0("keys")
    }

    /// The values, as `stats_py(...).values()` gives them (a `dict_values` view).
    fn values<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.to_dict(py)?.call_method0("values")
    }

    /// The `(key, value)` pairs, as `stats_py(...).items()` gives them (a `dict_items` view).
    fn items<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.to_dict(py)?.call_method0("items")
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

    /// Python `==` of the dicts: with another response, a dict such as `stats_py`'s, or any
    /// other mapping (as `collections.abc.Mapping.__eq__` compares).
    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let mine = self.to_dict(py)?;
        let theirs = if let Ok(r) = other.cast::<StatisticsResponse>() {
            r.get().to_dict(py)?.into_any()
        } else if other.is_instance_of::<PyDict>() {
            other.clone()
        } else if let Ok(mapping) = other.cast::<PyMapping>() {
            PyDict::from_sequence(mapping.items()?.as_any())?.into_any()
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
