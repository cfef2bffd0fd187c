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

mod args;
mod convert;
mod data;
mod extract;
mod floor;
mod options;
mod replay;
mod response;
mod sequence;
mod state;

use crate::error::{PyExceptionKind, StatsError};
use crate::number::Number;
use crate::profile::{Behaviour, Profile};
use crate::quantile::python::PythonMethod;
use crate::quantile::{quantile_cuts, Method, QuantileCuts};
use crate::stats::Stats;
use args::{bind, Signature};
use convert::{error_to_py, float_to_py, number_to_py, numbers_to_list};
use data::Data;
use extract::{extract, Input};
pub use response::StatisticsResponse;
use state::{state, State};

use pyo3::exceptions::PyRuntimeWarning;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyTuple};
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

/// What a core function returns; cut points still to be computed borrow the data (`'d`).
enum Output<'d> {
    Number(Number),
    Float(f64),
    Cuts(DataCuts<'d>),
    /// The cut points of a method with no CPython counterpart.
    List(Vec<Number>),
    Stats(Stats),
}

/// [`QuantileCuts`] of whichever representation the data has.
enum DataCuts<'d> {
    Floats(QuantileCuts<'d, f64>),
    Ints(QuantileCuts<'d, i64>),
    Numbers(QuantileCuts<'d, Number>),
}

impl Output<'_> {
    fn into_py<'py>(self, py: Python<'py>, st: &State) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Output::Number(x) => number_to_py(py, &x),
            Output::Float(x) => float_to_py(py, x),
            Output::Cuts(DataCuts::Floats(c)) => cuts_to_list(py, st, c),
            Output::Cuts(DataCuts::Ints(c)) => cuts_to_list(py, st, c),
            Output::Cuts(DataCuts::Numbers(c)) => cuts_to_list(py, st, c),
            Output::List(xs) => Ok(numbers_to_list(py, &xs)?.into_any()),
            Output::Stats(s) => {
                Ok(Bound::new(py, StatisticsResponse::from_stats(py, &s)?)?.into_any())
            }
        }
    }
}

/// The Python list of the cut points, built as CPython builds it: no second copy of the results
/// (a huge `n` needs no more memory than `statistics` needs), `MemoryError` when Python's
/// allocator refuses, and an error met at a cut point raised there.
fn cuts_to_list<'py, T: crate::sample::Sample>(
    py: Python<'py>,
    st: &State,
    cuts: QuantileCuts<'_, T>,
) -> PyResult<Bound<'py, PyAny>> {
    match cuts {
        // CPython 3.13's `data * (n - 1)`: its list repetition, one object repeated.
        QuantileCuts::Repeat { value, count } => {
            let one = pyo3::types::PyList::new(py, [number_to_py(py, &value)?])?;
            let count = isize::try_from(count).map_err(|_| data::out_of_memory())?;
            // SAFETY: `one` is a live list; PySequence_Repeat returns a new reference or NULL
            // with an exception set (MemoryError for a size it cannot allocate).
            unsafe {
                Bound::from_owned_ptr_or_err(py, pyo3::ffi::PySequence_Repeat(one.as_ptr(), count))
            }
        }
        QuantileCuts::Cuts(cuts) => convert::results_to_list(py, cuts, |e| error_to_py(py, st, &e)),
    }
}

/// The core's answer, or why it has none.
enum Computed<'d> {
    Done(Output<'d>),
    Raise(StatsError),
    /// The core declines (or panicked): hand the input to `statistics`.
    Decline {
        panicked: bool,
    },
}

/// Computes in Rust — without the GIL for large inputs — and never lets a panic cross into
/// Python.
///
/// `core_only`: the call has no `statistics` counterpart (a method only the core has), so the
/// core's `MemoryError` is raised rather than handed on.
fn compute<'d, F>(py: Python<'_>, st: &State, data: &'d Data, core_only: bool, f: F) -> Computed<'d>
where
    F: Fn(&'d Data, Profile) -> crate::Result<Output<'d>> + Sync,
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
            // No room for the core's buffers: `statistics` may need less (or raise its own).
            PyExceptionKind::MemoryError if !core_only => Computed::Decline { panicked: false },
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
///
/// `rereads`: the `statistics` function iterates its data more than once (see
/// [`extract::extract`]). `core_only`: see [`compute`].
fn run<'py, F, D>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    rereads: bool,
    core_only: bool,
    f: F,
    delegate: D,
) -> PyResult<Bound<'py, PyAny>>
where
    F: Fn(&Data, Profile) -> crate::Result<Output<'_>> + Sync,
    D: FnOnce(&Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>>,
{
    let st = state(py)?;
    let (values, replay) = match extract(py, st, data, rereads)? {
        Input::Delegate(obj) => return delegate(&obj),
        Input::Fast { data, replay } => (data, replay),
    };
    let computed = match compute(py, st, &values, core_only, f) {
        // Cut points are computed here, with the GIL, as their list is built: a panic there
        // is caught as the core's are.
        Computed::Done(out) => match catch_unwind(AssertUnwindSafe(|| out.into_py(py, st))) {
            Ok(result) => return result,
            Err(_) => Computed::Decline { panicked: true },
        },
        other => other,
    };
    let panicked = match computed {
        Computed::Done(_) => {
            return Err(pyo3::exceptions::PyRuntimeError::new_err(
                "rstats: a computed result was not converted",
            ))
        }
        Computed::Raise(e) => return Err(error_to_py(py, st, &e)),
        Computed::Decline { panicked } => panicked,
    };
    if panicked {
        PyErr::warn(
            py,
            &py.get_type::<PyRuntimeWarning>(),
            c"rstats core panicked on this input; the result is statistics' (please report the input)",
            1,
        )?;
    }
    let obj = replay.into_object(py, &values)?;
    // The copy is not needed any more: give `statistics` its memory.
    drop(values);
    delegate(&obj)
}

/// A function of one data parameter.
const fn data_only(name: &'static str) -> Signature {
    Signature {
        name,
        positional: &["data"],
        required: 1,
        keyword_only: &["strict_numpy"],
    }
}

/// A function of `data` and one optional parameter (`xbar` or `mu`).
const fn data_and(name: &'static str, positional: &'static [&'static str; 2]) -> Signature {
    Signature {
        name,
        positional,
        required: 1,
        keyword_only: &["strict_numpy"],
    }
}

// The parameters as `statistics` (and `stats_py`) declare them, and rstats' keyword-only
// `strict_numpy`.
const MEAN: Signature = data_only("mean");
const MEDIAN: Signature = data_only("median");
const VARIANCE: Signature = data_and("variance", &["data", "xbar"]);
const STDEV: Signature = data_and("stdev", &["data", "xbar"]);
const PVARIANCE: Signature = data_and("pvariance", &["data", "mu"]);
const PSTDEV: Signature = data_and("pstdev", &["data", "mu"]);
const QUANTILES: Signature = Signature {
    name: "quantiles",
    positional: &["data"],
    required: 1,
    keyword_only: &["n", "method", "strict_numpy"],
};
const COMPUTE_STATS: Signature = data_and("compute_stats", &["numbers", "method"]);

/// A flag's value as Python's `if flag:` reads it (`False` when not given).
fn flag(arg: Option<Bound<'_, PyAny>>) -> PyResult<bool> {
    arg.map_or(Ok(false), |a| a.is_truthy())
}

/// How `quantiles` computes its cut points: CPython's method term by term, or one of the core's
/// methods with no CPython counterpart.
enum CutsBy {
    Python(PythonMethod),
    Core(Method),
}

/// A required argument [`bind`] has bound (it raises `TypeError` when one is missing).
fn required<'py>(arg: Option<Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
    arg.ok_or_else(|| pyo3::exceptions::PyTypeError::new_err("missing required argument"))
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
#[pyo3(signature = (*args, **kwargs), text_signature = "(data, *, strict_numpy=False)")]
fn mean<'py>(
    py: Python<'py>,
    args: &Bound<'py, PyTuple>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let st = state(py)?;
    let [data, strict_numpy] = bind(&MEAN, args, kwargs, st.profile >= Profile::Py313)?;
    let data = &required(data)?;
    let strict_numpy = flag(strict_numpy)?;
    if options::hand_array_to_statistics(py, st, data, strict_numpy) {
        return call_statistics(py, &st.functions.mean, (data,), None);
    }
    run(
        py,
        data,
        false,
        false,
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
#[pyo3(signature = (*args, **kwargs), text_signature = "(data, *, strict_numpy=False)")]
fn median<'py>(
    py: Python<'py>,
    args: &Bound<'py, PyTuple>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let st = state(py)?;
    let [data, strict_numpy] = bind(&MEDIAN, args, kwargs, st.profile >= Profile::Py313)?;
    let data = &required(data)?;
    let strict_numpy = flag(strict_numpy)?;
    if options::hand_array_to_statistics(py, st, data, strict_numpy) {
        return call_statistics(py, &st.functions.median, (data,), None);
    }
    run(
        py,
        data,
        false,
        false,
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
#[pyo3(signature = (*args, **kwargs), text_signature = "(data, xbar=None, *, strict_numpy=False)")]
fn variance<'py>(
    py: Python<'py>,
    args: &Bound<'py, PyTuple>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let st = state(py)?;
    let [data, xbar, strict_numpy] = bind(&VARIANCE, args, kwargs, st.profile >= Profile::Py313)?;
    let data = &required(data)?;
    let strict_numpy = flag(strict_numpy)?;
    let f = &st.functions.variance;
    if let Some(xbar) = xbar.filter(|x| !x.is_none()) {
        return call_statistics(py, f, (data, xbar), None);
    }
    if options::hand_array_to_statistics(py, st, data, strict_numpy) {
        return call_statistics(py, f, (data,), None);
    }
    run(
        py,
        data,
        !st.profile.has(Behaviour::SinglePassSumOfSquares),
        false,
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
#[pyo3(signature = (*args, **kwargs), text_signature = "(data, xbar=None, *, strict_numpy=False)")]
fn stdev<'py>(
    py: Python<'py>,
    args: &Bound<'py, PyTuple>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let st = state(py)?;
    let [data, xbar, strict_numpy] = bind(&STDEV, args, kwargs, st.profile >= Profile::Py313)?;
    let data = &required(data)?;
    let strict_numpy = flag(strict_numpy)?;
    let f = &st.functions.stdev;
    if let Some(xbar) = xbar.filter(|x| !x.is_none()) {
        return call_statistics(py, f, (data, xbar), None);
    }
    if options::hand_array_to_statistics(py, st, data, strict_numpy) {
        return call_statistics(py, f, (data,), None);
    }
    run(
        py,
        data,
        !st.profile.has(Behaviour::SinglePassSumOfSquares),
        false,
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
#[pyo3(signature = (*args, **kwargs), text_signature = "(data, mu=None, *, strict_numpy=False)")]
fn pvariance<'py>(
    py: Python<'py>,
    args: &Bound<'py, PyTuple>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let st = state(py)?;
    let [data, mu, strict_numpy] = bind(&PVARIANCE, args, kwargs, st.profile >= Profile::Py313)?;
    let data = &required(data)?;
    let strict_numpy = flag(strict_numpy)?;
    let f = &st.functions.pvariance;
    if let Some(mu) = mu.filter(|x| !x.is_none()) {
        return call_statistics(py, f, (data, mu), None);
    }
    if options::hand_array_to_statistics(py, st, data, strict_numpy) {
        return call_statistics(py, f, (data,), None);
    }
    run(
        py,
        data,
        !st.profile.has(Behaviour::SinglePassSumOfSquares),
        false,
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
#[pyo3(signature = (*args, **kwargs), text_signature = "(data, mu=None, *, strict_numpy=False)")]
fn pstdev<'py>(
    py: Python<'py>,
    args: &Bound<'py, PyTuple>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let st = state(py)?;
    let [data, mu, strict_numpy] = bind(&PSTDEV, args, kwargs, st.profile >= Profile::Py313)?;
    let data = &required(data)?;
    let strict_numpy = flag(strict_numpy)?;
    let f = &st.functions.pstdev;
    if let Some(mu) = mu.filter(|x| !x.is_none()) {
        return call_statistics(py, f, (data, mu), None);
    }
    if options::hand_array_to_statistics(py, st, data, strict_numpy) {
        return call_statistics(py, f, (data,), None);
    }
    run(
        py,
        data,
        !st.profile.has(Behaviour::SinglePassSumOfSquares),
        false,
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
#[pyo3(signature = (*args, **kwargs), text_signature = "(data, *, n=4, method='exclusive', strict_numpy=False)")]
fn quantiles<'py>(
    py: Python<'py>,
    args: &Bound<'py, PyTuple>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let st = state(py)?;
    let [data, n, method, strict_numpy] =
        bind(&QUANTILES, args, kwargs, st.profile >= Profile::Py313)?;
    let data = &required(data)?;
    let strict_numpy = flag(strict_numpy)?;
    let n = match n {
        Some(n) => n.extract::<NArg<'py>>()?,
        None => NArg::Int(4),
    };
    let method = match method {
        Some(m) => m.extract::<MethodArg<'py>>()?,
        None => MethodArg::Known(Method::Exclusive),
    };
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
        (NArg::Int(count), MethodArg::Known(Method::Exclusive)) if *count >= 1 => {
            (*count, CutsBy::Python(PythonMethod::Exclusive))
        }
        (NArg::Int(count), MethodArg::Known(Method::Inclusive)) if *count >= 1 => {
            (*count, CutsBy::Python(PythonMethod::Inclusive))
        }
        // The core's own methods: `n` as CPython's `range(1, n)` reads it, checked here.
        (n, MethodArg::Known(m)) if !m.has_cpython_counterpart() => {
            let count = match n {
                NArg::Int(count) => *count,
                NArg::Other(o) => options::index_n(o)?,
            };
            if count < 1 {
                return Err(error_to_py(py, st, &StatsError::InvalidN { n: count }));
            }
            (count, CutsBy::Core(*m))
        }
        _ => return delegate(data),
    };
    if options::hand_array_to_statistics(py, st, data, strict_numpy) {
        return delegate(data);
    }
    run(
        py,
        data,
        false,
        matches!(m, CutsBy::Core(_)),
        |d, p| match m {
            CutsBy::Python(m) => match d {
                Data::Floats(v) => quantile_cuts(v, count, m, p).map(DataCuts::Floats),
                Data::Ints(v) => quantile_cuts(v, count, m, p).map(DataCuts::Ints),
                Data::Numbers(v) => quantile_cuts(v, count, m, p).map(DataCuts::Numbers),
            }
            .map(Output::Cuts),
            CutsBy::Core(m) => {
                on_data!(d, |x| crate::quantile::quantiles(x, count, m, p)).map(Output::List)
            }
        },
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
#[pyo3(signature = (*args, **kwargs), text_signature = "(numbers, method='exclusive', *, strict_numpy=False)")]
fn compute_stats<'py>(
    py: Python<'py>,
    args: &Bound<'py, PyTuple>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let st = state(py)?;
    let [numbers, method, strict_numpy] =
        bind(&COMPUTE_STATS, args, kwargs, st.profile >= Profile::Py313)?;
    let numbers = &required(numbers)?;
    let strict_numpy = flag(strict_numpy)?;
    let method = match method {
        Some(m) => m.extract::<MethodArg<'py>>()?,
        None => MethodArg::Known(Method::Exclusive),
    };
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
        false,
        method.core_only().is_some(),
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
