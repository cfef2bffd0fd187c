//! The Python extension module `rstats`: a drop-in for the running CPython's `statistics`
//! (`mean`, `median`, `variance`, `stdev`, `pvariance`, `pstdev`, `quantiles`) and the endpoint
//! function `compute_stats` (`reference/stats.py`'s `stats_py`).
//!
//! This is only the binding: reading arguments (`extract`), handing what the core does not
//! compute to `statistics`, and raising CPython's exceptions (`convert`). The statistics are
//! the core's ([`crate::stats`], [`crate::spread`], [`crate::quantile`]).
//!
//! **The contract.** For every argument, the outcome — value, Python type, exception type and
//! message — is what the running interpreter's `statistics` gives for the same argument:
//!
//! - Lists, tuples, any iterable or generator whose items are exact `int` (any size), `bool` or
//!   finite `float` are computed in Rust with the profile of `sys.version_info` (read at import).
//! - Anything else — `Decimal`, `Fraction`, float/int subclasses, numpy scalars, `inf`/`nan`,
//!   strings, `None`, nested lists, `xbar`/`mu` given, an `n` or `method` that is not a plain
//!   int / one of the core's method names — is handed to the `statistics` functions captured at
//!   import (`compute_stats` to the compiled-in `stats_py`), so the outcome is theirs.
//! - numpy 1-D arrays, `array.array` and `memoryview` are read through the buffer protocol
//!   (float64/int64, no Python objects) or `tolist()`. For `array.array` and `memoryview` that is
//!   what iterating them gives, so the result is `statistics`' on the same object. For numpy it
//!   is **`statistics` on `arr.tolist()`**: `statistics` on the array itself works on numpy
//!   scalars and returns `numpy.float64` (a float subclass, same value) for float64 arrays, but
//!   for int64 arrays it computes in wrapping 64-bit numpy ints, truncates (`mean` of the talk's
//!   data is `np.int64(73)`) or raises `AttributeError` (3.11+ `stdev`). rstats gives the exact
//!   Python answer instead. `strict_numpy=True` (keyword-only, every function) hands the array
//!   itself to `statistics` for those who want exactly that ([`options`]).
//! - `quantiles` and `compute_stats` also take the core's quantile methods with no CPython
//!   counterpart (`statrs`, numpy's nine names); where the call would go to `statistics` they
//!   raise `ValueError` ([`options`]).
//! - `compute_stats` returns a [`StatisticsResponse`], a read-only mapping equal to `stats_py`'s
//!   dict.
//!
//! The GIL is released while the core computes on 1,024 values or more; the values are copied
//! out of Python objects and buffers first, so concurrent calls are safe.

mod convert;
mod extract;
mod floor;
mod options;
mod response;
mod sequence;
mod state;

use crate::error::{PyExceptionKind, StatsError};
use crate::number::Number;
use crate::profile::Profile;
use crate::quantile::Method;
use crate::stats::Stats;
use convert::{error_to_py, number_to_py, numbers_to_list};
use extract::{extract, Data, Input};
pub use response::StatisticsResponse;
use state::{state, State};

use pyo3::exceptions::PyRuntimeWarning;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use pyo3::Borrowed;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Inputs at least this long are computed with the GIL released.
const DETACH_MIN_LEN: usize = 1024;

/// Runs `$body` with `$d` bound to the data as `&[f64]`, `&[i64]` or `&[Number]`.
macro_rules! on_data {
    ($data:expr, |$d:ident| $body:expr) => {
        match $data {
            Data::Floats(v) => {
                let $d: &[f64] = v;
                $body
            }
            Data::Ints(v) => {
                let $d: &[i64] = v;
                $body
            }
            Data::Numbers(v) => {
                let $d: &[Number] = v;
                $body
            }
        }
    };
}

/// What a core function returns.
enum Output {
    Number(Number),
    Float(f64),
    List(Vec<Number>),
    Stats(Stats),
}

impl Output {
    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Output::Number(x) => number_to_py(py, &x),
            Output::Float(x) => Ok(pyo3::types::PyFloat::new(py, x).into_any()),
            Output::List(xs) => Ok(numbers_to_list(py, &xs)?.into_any()),
            Output::Stats(s) => {
                Ok(Bound::new(py, StatisticsResponse::from_stats(py, &s)?)?.into_any())
            }
        }
    }
}

/// The core's answer, or why it has none.
enum Computed {
    Done(Output),
    Raise(StatsError),
    /// The core declines (or panicked): hand the input to `statistics`.
    Decline {
        panicked: bool,
    },
}

/// Computes in Rust — without the GIL for large inputs — and never lets a panic cross into
/// Python.
fn compute<F>(py: Python<'_>, st: &State, data: &Data, f: F) -> Computed
where
    F: Fn(&Data, Profile) -> crate::Result<Output> + Sync,
{
    let profile = st.profile;
    let run = || catch_unwind(AssertUnwindSafe(|| f(data, profile)));
    let result = if data.len() >= DETACH_MIN_LEN {
        py.detach(run)
    } else {
        run()
    };
    match result {
        Ok(Ok(out)) => Computed::Done(out),
        Ok(Err(e)) => match e.exception() {
            PyExceptionKind::Unsupported => Computed::Decline { panicked: false },
            // `python -O` strips CPython 3.8/3.9's `assert` in `_ss`: let it compute on.
            PyExceptionKind::AssertionError if st.optimized => {
                Computed::Decline { panicked: false }
            }
            _ => Computed::Raise(e),
        },
        Err(_) => Computed::Decline { panicked: true },
    }
}

/// Reads `data`, computes it in Rust, or hands it to `delegate` (the `statistics` function),
/// whichever gives the caller `statistics`' outcome.
fn run<'py, F, D>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    f: F,
    delegate: D,
) -> PyResult<Bound<'py, PyAny>>
where
    F: Fn(&Data, Profile) -> crate::Result<Output> + Sync,
    D: FnOnce(&Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>>,
{
    let st = state(py)?;
    let (values, replay) = match extract(py, st, data)? {
        Input::Delegate(obj) => return delegate(&obj),
        Input::Fast { data, replay } => (data, replay),
    };
    match compute(py, st, &values, f) {
        Computed::Done(out) => out.into_py(py),
        Computed::Raise(e) => Err(error_to_py(py, st, &e)),
        Computed::Decline { panicked } => {
            if panicked {
                PyErr::warn(
                    py,
                    &py.get_type::<PyRuntimeWarning>(),
                    c"rstats core panicked on this input; the result is statistics' (please report the input)",
                    1,
                )?;
            }
            let obj = match replay {
                Some(obj) => obj,
                None => values.to_pylist(py)?.into_any(),
            };
            delegate(&obj)
        }
    }
}

/// Calls a captured `statistics` function.
fn call_statistics<'py>(
    py: Python<'py>,
    function: &Py<PyAny>,
    args: impl pyo3::call::PyCallArgs<'py>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    function.bind(py).call(args, kwargs)
}

/// `quantiles`' `n`: a plain int (the core's), or anything else (`statistics`').
enum NArg<'py> {
    Int(i64),
    Other(Bound<'py, PyAny>),
}

impl<'a, 'py> FromPyObject<'a, 'py> for NArg<'py> {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<NArg<'py>> {
        if obj.is_exact_instance_of::<pyo3::types::PyInt>() {
            if let Ok(n) = obj.extract::<i64>() {
                return Ok(NArg::Int(n));
            }
        }
        Ok(NArg::Other(obj.to_owned()))
    }
}

impl<'py> NArg<'py> {
    fn to_py(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            NArg::Int(n) => Ok(n.into_pyobject(py)?.into_any()),
            NArg::Other(o) => Ok(o.clone()),
        }
    }
}

/// A `method` argument: one of the core's method names as an exact `str` (`'exclusive'`,
/// `'inclusive'`, and those with no CPython counterpart), or anything else (`statistics`').
enum MethodArg<'py> {
    Known(Method),
    Other(Bound<'py, PyAny>),
}

impl<'a, 'py> FromPyObject<'a, 'py> for MethodArg<'py> {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<MethodArg<'py>> {
        if let Ok(s) = obj.cast_exact::<PyString>() {
            // CPython's two, and the core's methods with no CPython counterpart.
            if let Some(m) = s.to_str().ok().and_then(|name| name.parse::<Method>().ok()) {
                return Ok(MethodArg::Known(m));
            }
        }
        Ok(MethodArg::Other(obj.to_owned()))
    }
}

impl<'py> MethodArg<'py> {
    /// The method, when it is one only the core computes (no CPython counterpart).
    fn core_only(&self) -> Option<Method> {
        match self {
            MethodArg::Known(m) if !m.has_cpython_counterpart() => Some(*m),
            _ => None,
        }
    }

    fn to_py(&self, py: Python<'py>) -> Bound<'py, PyAny> {
        match self {
            MethodArg::Known(m) => PyString::new(py, m.name()).into_any(),
            MethodArg::Other(o) => o.clone(),
        }
    }
}

/// Return the sample arithmetic mean of data — exactly what the running CPython's
/// `statistics.mean(data)` returns: the exact mean, correctly rounded; an `int` when every value
/// is an int (or bool) and the mean is integral. Raises `StatisticsError` for empty data.
///
/// Exact int/bool/finite float data is computed in Rust; anything else (Decimal, Fraction,
/// inf/nan, numpy scalars, ...) is handed to `statistics.mean`.
///
/// numpy arrays are read as `arr.tolist()`: the answer is `statistics.mean(arr.tolist())`'s, in
/// Python ints and floats. `statistics.mean(arr)` itself computes on numpy scalars: it may
/// answer in numpy types (`numpy.float64` for float64 arrays, numpy's own for float32 and integer
/// arrays) and computes int64 arrays in 64-bit numpy arithmetic (truncating, wrapping around).
/// `strict_numpy=True` hands the array itself to `statistics.mean`, whose answer it then is,
/// types included.
#[pyfunction]
#[pyo3(signature = (data, *, strict_numpy=false))]
fn mean<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    strict_numpy: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let st = state(py)?;
    if options::hand_array_to_statistics(py, st, data, strict_numpy) {
        return call_statistics(py, &st.functions.mean, (data,), None);
    }
    run(
        py,
        data,
        |d, _| on_data!(d, |x| crate::stats::mean(x)).map(Output::Number),
        |obj| call_statistics(py, &st.functions.mean, (obj,), None),
    )
}

/// Return the median (middle value) of numeric data — exactly what the running CPython's
/// `statistics.median(data)` returns: the middle element itself (its type kept) for an odd
/// count, the Python average `(a + b) / 2` of the two middle ones for an even count. Raises
/// `StatisticsError` for empty data.
///
/// NaN among two or more values (whose position depends on CPython's list sort), and anything
/// that is not an exact int/bool/finite float, is handed to `statistics.median`.
///
/// numpy arrays are read as `arr.tolist()`: the answer is `statistics.median(arr.tolist())`'s, in
/// Python ints and floats. `statistics.median(arr)` itself computes on numpy scalars: it may
/// answer in numpy types (`numpy.float64` for float64 arrays, numpy's own for float32 and integer
/// arrays) and computes int64 arrays in 64-bit numpy arithmetic (truncating, wrapping around).
/// `strict_numpy=True` hands the array itself to `statistics.median`, whose answer it then is,
/// types included.
#[pyfunction]
#[pyo3(signature = (data, *, strict_numpy=false))]
fn median<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    strict_numpy: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let st = state(py)?;
    if options::hand_array_to_statistics(py, st, data, strict_numpy) {
        return call_statistics(py, &st.functions.median, (data,), None);
    }
    run(
        py,
        data,
        |d, _| on_data!(d, |x| crate::stats::median(x)).map(Output::Number),
        |obj| call_statistics(py, &st.functions.median, (obj,), None),
    )
}

/// Return the sample variance of data — exactly what the running CPython's
/// `statistics.variance(data, xbar)` returns (3.8/3.9: from the rounded mean; 3.10+: exact sum
/// of squares, correctly rounded; an `int` for int data when CPython gives one). Raises
/// `StatisticsError` for fewer than two points.
///
/// With `xbar` given, or data that is not exact int/bool/finite float, the call is handed to
/// `statistics.variance`.
///
/// numpy arrays are read as `arr.tolist()`: the answer is `statistics.variance(arr.tolist())`'s, in
/// Python ints and floats. `statistics.variance(arr)` itself computes on numpy scalars: it may
/// answer in numpy types (`numpy.float64` for float64 arrays, numpy's own for float32 and integer
/// arrays) and computes int64 arrays in 64-bit numpy arithmetic (truncating, wrapping around).
/// `strict_numpy=True` hands the array itself to `statistics.variance`, whose answer it then is,
/// types included.
#[pyfunction]
#[pyo3(signature = (data, xbar=None, *, strict_numpy=false))]
fn variance<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    xbar: Option<Bound<'py, PyAny>>,
    strict_numpy: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let st = state(py)?;
    let f = &st.functions.variance;
    if let Some(xbar) = xbar {
        return call_statistics(py, f, (data, xbar), None);
    }
    if options::hand_array_to_statistics(py, st, data, strict_numpy) {
        return call_statistics(py, f, (data,), None);
    }
    run(
        py,
        data,
        |d, p| on_data!(d, |x| crate::spread::variance(x, p)).map(Output::Number),
        |obj| call_statistics(py, f, (obj,), None),
    )
}

/// Return the square root of the sample variance — exactly what the running CPython's
/// `statistics.stdev(data, xbar)` returns (3.8-3.10: `math.sqrt(variance)`; 3.11+: the
/// correctly rounded square root of the exact variance). Always a float. Raises
/// `StatisticsError` for fewer than two points.
///
/// With `xbar` given, or data that is not exact int/bool/finite float, the call is handed to
/// `statistics.stdev`.
///
/// numpy arrays are read as `arr.tolist()`: the answer is `statistics.stdev(arr.tolist())`'s, in
/// Python ints and floats. `statistics.stdev(arr)` itself computes on numpy scalars: it may
/// answer in numpy types (`numpy.float64` for float64 arrays, numpy's own for float32 and integer
/// arrays) and computes int64 arrays in 64-bit numpy arithmetic (truncating, wrapping around).
/// `strict_numpy=True` hands the array itself to `statistics.stdev`, whose answer it then is,
/// types included.
#[pyfunction]
#[pyo3(signature = (data, xbar=None, *, strict_numpy=false))]
fn stdev<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    xbar: Option<Bound<'py, PyAny>>,
    strict_numpy: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let st = state(py)?;
    let f = &st.functions.stdev;
    if let Some(xbar) = xbar {
        return call_statistics(py, f, (data, xbar), None);
    }
    if options::hand_array_to_statistics(py, st, data, strict_numpy) {
        return call_statistics(py, f, (data,), None);
    }
    run(
        py,
        data,
        |d, p| on_data!(d, |x| crate::spread::stdev(x, p)).map(Output::Float),
        |obj| call_statistics(py, f, (obj,), None),
    )
}

/// Return the population variance of data — exactly what the running CPython's
/// `statistics.pvariance(data, mu)` returns. Raises `StatisticsError` for empty data.
///
/// With `mu` given, or data that is not exact int/bool/finite float, the call is handed to
/// `statistics.pvariance`.
///
/// numpy arrays are read as `arr.tolist()`: the answer is `statistics.pvariance(arr.tolist())`'s, in
/// Python ints and floats. `statistics.pvariance(arr)` itself computes on numpy scalars: it may
/// answer in numpy types (`numpy.float64` for float64 arrays, numpy's own for float32 and integer
/// arrays) and computes int64 arrays in 64-bit numpy arithmetic (truncating, wrapping around).
/// `strict_numpy=True` hands the array itself to `statistics.pvariance`, whose answer it then is,
/// types included.
#[pyfunction]
#[pyo3(signature = (data, mu=None, *, strict_numpy=false))]
fn pvariance<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    mu: Option<Bound<'py, PyAny>>,
    strict_numpy: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let st = state(py)?;
    let f = &st.functions.pvariance;
    if let Some(mu) = mu {
        return call_statistics(py, f, (data, mu), None);
    }
    if options::hand_array_to_statistics(py, st, data, strict_numpy) {
        return call_statistics(py, f, (data,), None);
    }
    run(
        py,
        data,
        |d, p| on_data!(d, |x| crate::spread::pvariance(x, p)).map(Output::Number),
        |obj| call_statistics(py, f, (obj,), None),
    )
}

/// Return the square root of the population variance — exactly what the running CPython's
/// `statistics.pstdev(data, mu)` returns. Always a float. Raises `StatisticsError` for empty
/// data.
///
/// With `mu` given, or data that is not exact int/bool/finite float, the call is handed to
/// `statistics.pstdev`.
///
/// numpy arrays are read as `arr.tolist()`: the answer is `statistics.pstdev(arr.tolist())`'s, in
/// Python ints and floats. `statistics.pstdev(arr)` itself computes on numpy scalars: it may
/// answer in numpy types (`numpy.float64` for float64 arrays, numpy's own for float32 and integer
/// arrays) and computes int64 arrays in 64-bit numpy arithmetic (truncating, wrapping around).
/// `strict_numpy=True` hands the array itself to `statistics.pstdev`, whose answer it then is,
/// types included.
#[pyfunction]
#[pyo3(signature = (data, mu=None, *, strict_numpy=false))]
fn pstdev<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    mu: Option<Bound<'py, PyAny>>,
    strict_numpy: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let st = state(py)?;
    let f = &st.functions.pstdev;
    if let Some(mu) = mu {
        return call_statistics(py, f, (data, mu), None);
    }
    if options::hand_array_to_statistics(py, st, data, strict_numpy) {
        return call_statistics(py, f, (data,), None);
    }
    run(
        py,
        data,
        |d, p| on_data!(d, |x| crate::spread::pstdev(x, p)).map(Output::Float),
        |obj| call_statistics(py, f, (obj,), None),
    )
}

/// Divide data into n continuous intervals with equal probability — exactly what the running
/// CPython's `statistics.quantiles(data, n=n, method=method)` returns: the n - 1 cut points,
/// computed term by term with Python's int/float arithmetic ('exclusive': Hyndman-Fan type 6,
/// 'inclusive': type 7). Same checks in the same order: `n < 1` → `StatisticsError`; too few
/// points → `StatisticsError` (3.13: one point gives `[x] * (n - 1)`); unknown method →
/// `ValueError`.
///
/// An `n` that is not a plain int, a method that is not one of the names below, or data that is
/// not exact int/bool/finite float, is handed to `statistics.quantiles`.
///
/// Methods with NO CPython counterpart (rstats only; `statistics.quantiles` raises
/// `ValueError: Unknown method` for them): numpy's nine Hyndman-Fan names 'inverted_cdf',
/// 'averaged_inverted_cdf', 'closest_observation', 'interpolated_inverted_cdf', 'hazen',
/// 'weibull', 'linear', 'median_unbiased', 'normal_unbiased' (the cut points
/// `numpy.quantile(data, [i/n ...], method=method)` gives, as floats), and 'statrs' (the `statrs`
/// crate's quantiles, Hyndman-Fan type 8, the talk's "before"). CPython's checks of `n` and of
/// the number of points come first, as above. They are computed only on data the Rust core
/// reads: on anything that would go to `statistics` (Decimal, Fraction, inf/nan, ...; numpy
/// arrays with `strict_numpy=True`) they raise `ValueError`.
///
/// numpy arrays are read as `arr.tolist()`: the answer is `statistics.quantiles(arr.tolist())`'s,
/// in Python ints and floats. `statistics.quantiles(arr)` itself computes on numpy scalars: it
/// answers in numpy types (`numpy.float64` for float64 arrays, numpy's own for float32 and
/// integer arrays) and computes int64 arrays in 64-bit numpy arithmetic (truncating, wrapping
/// around). `strict_numpy=True` hands the array itself to `statistics.quantiles`, whose answer it
/// then is, types included.
#[pyfunction]
#[pyo3(signature = (data, *, n=NArg::Int(4), method=MethodArg::Known(Method::Exclusive), strict_numpy=false), text_signature = "(data, *, n=4, method='exclusive', strict_numpy=False)")]
fn quantiles<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    n: NArg<'py>,
    method: MethodArg<'py>,
    strict_numpy: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let st = state(py)?;
    let f = &st.functions.quantiles;
    let delegate = |obj: &Bound<'py, PyAny>| -> PyResult<Bound<'py, PyAny>> {
        if let Some(m) = method.core_only() {
            return Err(options::needs_core_data("quantiles", m));
        }
        let kwargs = PyDict::new(py);
        kwargs.set_item("n", n.to_py(py)?)?;
        kwargs.set_item("method", method.to_py(py))?;
        call_statistics(py, f, (obj,), Some(&kwargs))
    };
    // CPython checks `n < 1` before it touches the data (a generator stays unconsumed).
    let (count, m) = match (&n, &method) {
        (NArg::Int(count), MethodArg::Known(m)) if *count >= 1 => (*count, *m),
        // The core's own methods: `n` as CPython's `range(1, n)` reads it, checked here.
        (n, MethodArg::Known(m)) if !m.has_cpython_counterpart() => {
            let count = match n {
                NArg::Int(count) => *count,
                NArg::Other(o) => options::index_n(o)?,
            };
            if count < 1 {
                return Err(error_to_py(py, st, &StatsError::InvalidN { n: count }));
            }
            (count, *m)
        }
        _ => return delegate(data),
    };
    if options::hand_array_to_statistics(py, st, data, strict_numpy) {
        return delegate(data);
    }
    run(
        py,
        data,
        |d, p| on_data!(d, |x| crate::quantile::quantiles(x, count, m, p)).map(Output::List),
        delegate,
    )
}

/// The endpoint's statistics of `numbers`, as a `StatisticsResponse` (`range`, `quartiles`,
/// `mean`, `stddev`) — exactly what `stats_py(numbers, method)` of `reference/stats.py` returns on
/// the running CPython: `range = float(max - min)`, `quartiles = statistics.quantiles(data, n=4,
/// method=method)`, `mean = statistics.mean(data)`, `stddev = statistics.stdev(data)` of
/// `data = sorted(numbers)`, raising what `stats_py` raises first (`IndexError` for no numbers,
/// `StatisticsError` for one, ...).
///
/// The response is a read-only mapping with `stats_py`'s keys, values and order:
/// `r['mean']`, `keys()`, `values()`, `items()`, `get()`, `len`, `in`, iteration, `dict(r)`
/// (`json.dumps(dict(r))`), `r == stats_py(...)`; `KeyError` for other keys. `to_dict()` gives
/// the dict too.
///
/// Exact int/bool/finite float data with one of the method names below is computed in Rust;
/// anything else is handed to `stats_py` itself (compiled into the extension).
///
/// Methods with NO CPython counterpart (rstats only; `stats_py` raises `ValueError: Unknown
/// method` for them): numpy's nine Hyndman-Fan names (the quartiles as `numpy.quantile` computes
/// them; range, mean and stddev as `stats_py`) and 'statrs' (the talk's port: every field
/// computed by the `statrs` crate in floats). They are computed only on data the Rust core
/// reads: on anything that would go to `stats_py` (Decimal, Fraction, inf/nan, ...; numpy arrays
/// with `strict_numpy=True`) they raise `ValueError`.
///
/// numpy arrays are read as `arr.tolist()`: the answer is `stats_py(arr.tolist(), method)`'s.
/// `strict_numpy=True` hands the array itself to `stats_py`, whose answer it then is (fields in
/// numpy types where `statistics` gives them, int64 arrays in 64-bit numpy arithmetic).
#[pyfunction]
#[pyo3(signature = (numbers, method=MethodArg::Known(Method::Exclusive), *, strict_numpy=false), text_signature = "(numbers, method='exclusive', *, strict_numpy=False)")]
fn compute_stats<'py>(
    py: Python<'py>,
    numbers: &Bound<'py, PyAny>,
    method: MethodArg<'py>,
    strict_numpy: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let st = state(py)?;
    let delegate = |obj: &Bound<'py, PyAny>| -> PyResult<Bound<'py, PyAny>> {
        if let Some(m) = method.core_only() {
            return Err(options::needs_core_data("compute_stats", m));
        }
        let d = st.stats_py.bind(py).call1((obj, method.to_py(py)))?;
        Ok(Bound::new(py, StatisticsResponse::from_dict(&d)?)?.into_any())
    };
    let m = match &method {
        MethodArg::Known(m) => *m,
        MethodArg::Other(_) => return delegate(numbers),
    };
    if options::hand_array_to_statistics(py, st, numbers, strict_numpy) {
        return delegate(numbers);
    }
    run(
        py,
        numbers,
        |d, p| on_data!(d, |x| crate::stats::compute_stats(x, m, p)).map(Output::Stats),
        delegate,
    )
}

/// rstats: CPython's `statistics` (mean, median, variance, stdev, pvariance, pstdev, quantiles)
/// and the endpoint's `compute_stats`, computed in Rust bit for bit as the running CPython
/// computes them: same value, same type (int or float), same exception and message.
/// `rstats.StatisticsError` is `statistics.StatisticsError`. Inputs the Rust core does not
/// compute (Decimal, Fraction, inf/nan, subclasses, numpy scalars, non-numbers) are handed to
/// the running `statistics`.
///
/// numpy arrays are taken as `arr.tolist()` (Python ints and floats, where `statistics(arr)`
/// answers in numpy types and truncates int64 arrays); `strict_numpy=True` on any function gives
/// `statistics(arr)`'s answer instead. `compute_stats` returns a `StatisticsResponse`, a read-only
/// mapping equal to `stats_py`'s dict. `quantiles` and `compute_stats` also take quantile methods
/// with no CPython counterpart ('statrs' and numpy's nine Hyndman-Fan names), computed only by
/// the Rust core. `__version__` is the package's version.
#[pymodule(name = "rstats")]
pub fn rstats_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let st = state(py)?;
    m.add_function(wrap_pyfunction!(mean, m)?)?;
    m.add_function(wrap_pyfunction!(median, m)?)?;
    m.add_function(wrap_pyfunction!(variance, m)?)?;
    m.add_function(wrap_pyfunction!(stdev, m)?)?;
    m.add_function(wrap_pyfunction!(pvariance, m)?)?;
    m.add_function(wrap_pyfunction!(pstdev, m)?)?;
    m.add_function(wrap_pyfunction!(quantiles, m)?)?;
    m.add_function(wrap_pyfunction!(compute_stats, m)?)?;
    m.add_function(wrap_pyfunction!(floor::_noop, m)?)?;
    m.add_function(wrap_pyfunction!(floor::_noop_call, m)?)?;
    m.add_class::<StatisticsResponse>()?;
    // `isinstance(r, collections.abc.Mapping)`, and `case {...}` patterns on 3.10+.
    pyo3::types::PyMapping::register::<StatisticsResponse>(py)?;
    // The crate's version is the wheel's (maturin's dynamic version).
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("StatisticsError", st.statistics_error.bind(py))?;
    m.add("PROFILE", st.profile.name())?;
    // maturin's package `__init__.py` re-exports exactly `__all__`.
    m.add(
        "__all__",
        [
            "PROFILE",
            "StatisticsError",
            "StatisticsResponse",
            "__version__",
            "compute_stats",
            "mean",
            "median",
            "pstdev",
            "pvariance",
            "quantiles",
            "stdev",
            "variance",
        ],
    )?;
    Ok(())
}
