//! What the module captures once, at import: the running interpreter's `statistics` functions
//! (the delegation targets), `StatisticsError`, the endpoint's `stats_py`, the profile chosen from
//! `sys.version_info`, and a few types the extraction recognises.

use crate::profile::Profile;
use pyo3::exceptions::PyImportError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyModule, PyType};

/// `reference/stats.py`, compiled into the extension: `compute_stats` hands what the core does
/// not compute to this very code, so the outcome is the endpoint's by construction.
const STATS_PY: &str = include_str!("../../reference/stats.py");

/// The functions of `statistics` that rstats replaces, captured at import.
pub(crate) struct StatisticsFunctions {
    pub mean: Py<PyAny>,
    pub median: Py<PyAny>,
    pub variance: Py<PyAny>,
    pub stdev: Py<PyAny>,
    pub pvariance: Py<PyAny>,
    pub pstdev: Py<PyAny>,
    pub quantiles: Py<PyAny>,
}

/// Everything captured at import.
pub(crate) struct State {
    /// The CPython release whose results the core reproduces (`sys.version_info`, micro included).
    pub profile: Profile,
    /// `sys.flags.optimize > 0`: assertions are compiled out of `statistics` (matters for
    /// CPython 3.9's `assert not total < 0` in `_ss`).
    pub optimized: bool,
    /// `statistics.StatisticsError`.
    pub statistics_error: Py<PyType>,
    /// The delegation targets.
    pub functions: StatisticsFunctions,
    /// `stats_py` from `reference/stats.py`.
    pub stats_py: Py<PyAny>,
    /// `itertools.chain`, to hand a partly consumed iterator on unchanged.
    pub chain: Py<PyAny>,
    /// `array.array`.
    pub array_type: Py<PyType>,
    /// `sys.modules`, to find numpy's `ndarray` without importing numpy.
    pub sys_modules: Py<PyDict>,
}

static STATE: PyOnceLock<State> = PyOnceLock::new();
static NDARRAY: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// The module state, loaded at import (or on first use).
pub(crate) fn state(py: Python<'_>) -> PyResult<&'static State> {
    STATE.get_or_try_init(py, || State::load(py))
}

/// `numpy.ndarray` once numpy has been imported by someone; rstats never imports numpy itself.
pub(crate) fn ndarray_type<'py>(py: Python<'py>, st: &State) -> Option<Bound<'py, PyType>> {
    if let Some(t) = NDARRAY.get(py) {
        return Some(t.bind(py).clone());
    }
    let numpy = st.sys_modules.bind(py).get_item("numpy").ok()??;
    let ndarray = numpy.getattr("ndarray").ok()?.cast_into::<PyType>().ok()?;
    let t = NDARRAY.get_or_init(py, || ndarray.unbind());
    Some(t.bind(py).clone())
}

impl State {
    fn load(py: Python<'_>) -> PyResult<State> {
        let sys = py.import("sys")?;
        let version = sys.getattr("version_info")?;
        let major: u32 = version.getattr("major")?.extract()?;
        let minor: u32 = version.getattr("minor")?.extract()?;
        let micro: u32 = version.getattr("micro")?.extract()?;
        // The release, micro version included: behaviour changes reach maintenance branches in
        // patch releases (see `crate::profile::CHANGES`).
        let profile = Profile::from_release(major, minor, micro).ok_or_else(|| {
            PyImportError::new_err(format!(
                "rstats reproduces CPython 3.8 and later; this is {major}.{minor}.{micro}"
            ))
        })?;
        let optimize: i64 = sys.getattr("flags")?.getattr("optimize")?.extract()?;
        let statistics = py.import("statistics")?;
        let get = |name: &str| -> PyResult<Py<PyAny>> { Ok(statistics.getattr(name)?.unbind()) };
        let functions = StatisticsFunctions {
            mean: get("mean")?,
            median: get("median")?,
            variance: get("variance")?,
            stdev: get("stdev")?,
            pvariance: get("pvariance")?,
            pstdev: get("pstdev")?,
            quantiles: get("quantiles")?,
        };
        let statistics_error = statistics
            .getattr("StatisticsError")?
            .cast_into::<PyType>()?
            .unbind();
        let code = std::ffi::CString::new(STATS_PY)?;
        let reference = PyModule::from_code(py, &code, c"reference/stats.py", c"rstats._stats_py")?;
        let stats_py = reference.getattr("stats_py")?.unbind();
        let chain = py.import("itertools")?.getattr("chain")?.unbind();
        let array_type = py
            .import("array")?
            .getattr("array")?
            .cast_into::<PyType>()?
            .unbind();
        let sys_modules = sys.getattr("modules")?.cast_into::<PyDict>()?.unbind();
        Ok(State {
            profile,
            optimized: optimize > 0,
            statistics_error,
            functions,
            stats_py,
            chain,
            array_type,
            sys_modules,
        })
    }
}
