//! What must hold for every input, checked by the `core` target (a violated invariant panics,
//! which libFuzzer reports as a crash).
//!
//! Every invariant here is a property of CPython's `statistics` itself (reference/SEMANTICS.md),
//! not of one implementation; several obvious ones are *false* in CPython and are stated
//! precisely instead:
//!
//! * `quantiles(..., method='inclusive')` of floats can leave `[min, max]` by rounding
//!   (`quantiles([-0.2, -0.2], n=17, method='inclusive')[1] == -0.19999999999999998`), and is not
//!   always monotone; only int data is exact (one rounding): there the cut points are monotone and
//!   inside `[float(min), float(max)]`. Floats get the bound with the error of three roundings.
//! * Finite data can give NaN in `quantiles` (`quantiles([-1.7e308, 1.7e308], n=4,
//!   method='inclusive') == [-inf, nan, inf]`, a product overflows): finiteness is only required
//!   when no product can overflow.
//! * `stats_py(...)['range']` can be `-0.0` (`stats_py([0.0, -0.0])`), never below zero.
//!
//! The invariants:
//!
//! 1. The `f64` and `i64` fast paths give the same outcome as the `Number` path.
//! 2. Exception kinds are the documented ones for the function and profile, raised exactly when
//!    documented: `StatisticsError` with CPython's message exactly for too few points or `n < 1`;
//!    `IndexError` exactly for `stats_py([])`; `Unsupported` exactly for NaN among two or more
//!    values in an order-dependent function; `ValueError` for an unknown method (3.10: also NaN
//!    ratios); `AttributeError` (3.11+ `stdev`) exactly for non-finite data; `MemoryError` exactly
//!    for `n > 2**31`; `OverflowError` only where an int or a product can leave the float range.
//! 3. Values: result types (`mean`/`variance` are ints only for int/bool data, never bool;
//!    `stdev` and quantile cut points are floats; `median` of an odd count is one of the data
//!    values itself, at the middle rank); `mean` of finite data is finite and inside
//!    `[float(min), float(max)]` (correct rounding is monotone); `variance`, `stdev` of finite data
//!    are finite, `>= 0`, never `-0.0` (overflow raises instead of giving inf); non-finite data
//!    give the documented non-finite results (3.8/3.9 NaN, 3.11+ `variance` = float sum of the
//!    non-finite values over `n - 1`, with `mean`'s sign); `median` of finite data is never NaN.
//! 4. Consistency: 3.8–3.10 `stdev == math.sqrt(variance)` (same error when it raises); 3.11+
//!    `stdev` within one ulp of `sqrt(variance)`; `stats_py` is exactly "the first error of range,
//!    quantiles(n=4), mean, stdev, else their values"; `mean`/`variance`/`stdev` do not depend on
//!    the data's order (reversed data, same outcome; 3.8/3.9 errors: same exception class, as the
//!    message names the first element that failed); profiles agree where CPython versions do
//!    (3.11 = 3.13 except `quantiles` of fewer than two points; 3.10 = 3.11 for finite
//!    `variance`); every outcome survives the exact JSON codec.

use rstats::internals::arith;
use rstats::parity::call::Call;
use rstats::parity::codec::numbers_to_json;
use rstats::parity::outcome::{Outcome, Value};
use rstats::{Method, Number, Profile, PyExceptionKind};
use std::cmp::Ordering;

use crate::input::{FuzzInput, N_REFUSED};

const MAX: f64 = f64::MAX;

/// Facts about the data that the invariants depend on.
#[derive(Debug, Clone)]
pub struct Facts {
    /// `len(data)`.
    pub len: usize,
    /// Some value is a float NaN.
    pub has_nan: bool,
    /// No float is inf or NaN.
    pub finite: bool,
    /// No value is a float (CPython's `T` is int).
    pub int_like: bool,
    /// Some int is beyond the float range (`float(x)` raises).
    pub has_huge_int: bool,
    /// The largest `abs(float(x))` of the ints (inf for a huge one), 0 without ints.
    pub int_magnitude: f64,
    /// The largest `abs(float(x))` (inf for a huge int or an infinity), NaN ignored.
    pub magnitude: f64,
    /// `float(min(data))` and `float(max(data))` over the non-NaN values (saturated to ±inf).
    pub min_f: f64,
    /// See `min_f`.
    pub max_f: f64,
    /// The smallest and largest non-NaN values, exactly.
    pub min: Option<Number>,
    /// See `min`.
    pub max: Option<Number>,
}

/// `float(x)`, with ±inf for an int beyond the float range.
pub fn saturated_float(x: &Number) -> f64 {
    match arith::to_float(x) {
        Ok(f) => f,
        Err(_) => {
            if x.py_cmp(&Number::Int(0)) == Some(Ordering::Less) {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            }
        }
    }
}

impl Facts {
    /// The facts of `data`.
    pub fn of(data: &[Number]) -> Facts {
        let mut facts = Facts {
            len: data.len(),
            has_nan: false,
            finite: true,
            int_like: true,
            has_huge_int: false,
            int_magnitude: 0.0,
            magnitude: 0.0,
            min_f: f64::NAN,
            max_f: f64::NAN,
            min: None,
            max: None,
        };
        for x in data {
            if x.is_nan() {
                facts.has_nan = true;
            }
            if !x.is_finite() {
                facts.finite = false;
            }
            let f = saturated_float(x);
            if x.is_float() {
                facts.int_like = false;
            } else {
                facts.int_magnitude = facts.int_magnitude.max(f.abs());
                if f.is_infinite() {
                    facts.has_huge_int = true;
                }
            }
            if x.is_nan() {
                continue;
            }
            facts.magnitude = facts.magnitude.max(f.abs());
            if facts
                .min
                .as_ref()
                .is_none_or(|m| x.py_cmp(m) == Some(Ordering::Less))
            {
                facts.min = Some(x.clone());
            }
            if facts
                .max
                .as_ref()
                .is_none_or(|m| x.py_cmp(m) != Some(Ordering::Less))
            {
                facts.max = Some(x.clone());
            }
        }
        if facts.min.is_none() {
            // Only NaNs: `sorted()` of one NaN is that NaN (two or more are never composed).
            facts.min = data.first().cloned();
            facts.max = data.last().cloned();
        }
        if let (Some(min), Some(max)) = (&facts.min, &facts.max) {
            facts.min_f = saturated_float(min);
            facts.max_f = saturated_float(max);
        }
        facts
    }
}

/// The calls made on every input.
pub fn calls(input: &FuzzInput) -> Vec<Call> {
    vec![
        Call::Mean,
        Call::Median,
        Call::Variance,
        Call::Stdev,
        Call::Pvariance,
        Call::Pstdev,
        Call::Quantiles {
            n: input.n,
            method: input.method.clone(),
        },
        Call::StatsPy {
            method: input.method.clone(),
        },
    ]
}

/// The data as floats when every value is a float, for the `f64` fast path.
pub fn as_floats(data: &[Number]) -> Option<Vec<f64>> {
    data.iter()
        .map(|x| match x {
            Number::Float(f) => Some(*f),
            _ => None,
        })
        .collect()
}

/// The data as machine ints when every value is one (no bool, no big int), for the `i64` path.
pub fn as_ints(data: &[Number]) -> Option<Vec<i64>> {
    data.iter()
        .map(|x| match x {
            Number::Int(i) => Some(*i),
            _ => None,
        })
        .collect()
}

/// Runs `call` on the `Number` path and on the fast path that applies, which must agree.
pub fn run_checked(call: &Call, data: &[Number], profile: Profile, ctx: &Ctx<'_>) -> Outcome {
    let out = call.run(data, profile);
    let fast = if let Some(floats) = as_floats(data) {
        Some(("f64", call.run(&floats, profile)))
    } else {
        as_ints(data).map(|ints| ("i64", call.run(&ints, profile)))
    };
    if let Some((path, fast)) = fast {
        if fast != out {
            ctx.fail(
                call,
                profile,
                format!("{path} fast path gave {fast}, Number path {out}"),
            );
        }
    }
    out
}

/// The input, for failure messages.
pub struct Ctx<'a> {
    /// The input.
    pub input: &'a FuzzInput,
}

impl Ctx<'_> {
    /// Reports a violated invariant (a panic: libFuzzer records the input).
    pub fn fail(&self, call: &Call, profile: Profile, why: String) -> ! {
        let data = numbers_to_json(&self.input.data).to_string();
        let shown: String = data.chars().take(4000).collect();
        panic!(
            "invariant violated: {} under {profile}: {why}\n  data ({} values): {shown}",
            call.label(),
            self.input.data.len(),
        );
    }
}

/// One call under one profile, for failure messages.
pub struct Site<'a> {
    ctx: &'a Ctx<'a>,
    call: &'a Call,
    profile: Profile,
}

impl Site<'_> {
    fn fail(&self, why: String) -> ! {
        self.ctx.fail(self.call, self.profile, why)
    }
}

fn kind(k: PyExceptionKind) -> &'static str {
    k.name()
}

fn is_err(out: &Outcome, k: PyExceptionKind) -> bool {
    matches!(out, Outcome::Err { kind, .. } if kind == k.name())
}

fn err_kind(out: &Outcome) -> Option<&str> {
    match out {
        Outcome::Err { kind, .. } => Some(kind.as_str()),
        Outcome::Ok(_) => None,
    }
}

/// The exception classes each function may raise under a profile.
fn allowed_kinds(call: &Call, profile: Profile, method: &str) -> Vec<&'static str> {
    use PyExceptionKind::*;
    let modern = profile >= Profile::Py311;
    let mut kinds = match call {
        Call::Mean => vec![StatisticsError, OverflowError],
        Call::Median => vec![StatisticsError, OverflowError, Unsupported],
        Call::Variance | Call::Pvariance => match profile {
            Profile::Py38 => vec![StatisticsError, OverflowError, AssertionError],
            Profile::Py310 => vec![StatisticsError, OverflowError, ValueError],
            _ => vec![StatisticsError, OverflowError],
        },
        Call::Stdev | Call::Pstdev => match profile {
            Profile::Py38 => vec![StatisticsError, OverflowError, AssertionError],
            Profile::Py310 => vec![StatisticsError, OverflowError, ValueError],
            _ => vec![StatisticsError, OverflowError, AttributeError],
        },
        Call::Quantiles { .. } => vec![
            StatisticsError,
            ValueError,
            OverflowError,
            MemoryError,
            Unsupported,
        ],
        Call::StatsPy { .. } => {
            let mut k = vec![
                IndexError,
                StatisticsError,
                ValueError,
                OverflowError,
                Unsupported,
            ];
            match profile {
                Profile::Py38 => k.push(AssertionError),
                _ if modern => k.push(AttributeError),
                _ => {}
            }
            k
        }
    };
    if method == "statrs" && matches!(call, Call::StatsPy { .. }) {
        // The talk's statrs port: only an empty list and int conversions can fail.
        kinds = vec![IndexError, OverflowError];
    }
    kinds.into_iter().map(kind).collect()
}

/// CPython's `StatisticsError` message for too few points (or `n < 1`), or `None` when the call
/// must not raise `StatisticsError` for this input.
fn expected_statistics_error(call: &Call, profile: Profile, len: usize) -> Option<String> {
    let modern = profile >= Profile::Py311;
    let msg = |s: &str| Some(s.to_string());
    match call {
        Call::Mean if len == 0 => msg("mean requires at least one data point"),
        Call::Median if len == 0 => msg("no median for empty data"),
        Call::Variance if len < 2 => msg("variance requires at least two data points"),
        Call::Pvariance if len == 0 => msg("pvariance requires at least one data point"),
        Call::Stdev if len < 2 && modern => msg("stdev requires at least two data points"),
        Call::Stdev if len < 2 => msg("variance requires at least two data points"),
        Call::Pstdev if len == 0 && modern => msg("pstdev requires at least one data point"),
        Call::Pstdev if len == 0 => msg("pvariance requires at least one data point"),
        Call::Quantiles { n, .. } if *n < 1 => msg("n must be at least 1"),
        Call::Quantiles { .. } if profile >= Profile::Py313 && len == 0 => {
            msg("must have at least one data point")
        }
        Call::Quantiles { .. } if profile < Profile::Py313 && len < 2 => {
            msg("must have at least two data points")
        }
        Call::StatsPy { method } if len == 1 && method != "statrs" => {
            if profile >= Profile::Py313 {
                msg("stdev requires at least two data points")
            } else {
                msg("must have at least two data points")
            }
        }
        _ => None,
    }
}

fn is_cpython_method(method: &str) -> bool {
    method == "exclusive" || method == "inclusive"
}

fn is_known_method(method: &str) -> bool {
    Method::NAMES.contains(&method)
}

/// The distance in ulps between two finite floats of the same sign.
fn ulps(a: f64, b: f64) -> u64 {
    a.to_bits().abs_diff(b.to_bits())
}

/// Checks one outcome against the documented exception kinds and value properties.
pub fn check_outcome(call: &Call, out: &Outcome, profile: Profile, facts: &Facts, ctx: &Ctx<'_>) {
    let data = &ctx.input.data;
    let site = Site { ctx, call, profile };
    let method = match call {
        Call::Quantiles { method, .. } | Call::StatsPy { method } => method.as_str(),
        _ => "exclusive",
    };

    // Every outcome survives the exact codec and can be shown (long quantile lists only cost
    // time: their numbers take the same paths as short ones).
    let long = matches!(out, Outcome::Ok(Value::List(cuts)) if cuts.len() > 32);
    if !long {
        match Outcome::from_json(&out.to_json()) {
            Ok(back) if &back == out => {}
            other => site.fail(format!("{out} does not survive the JSON codec: {other:?}")),
        }
        let _ = out.to_string();
    }

    // 2. Exception kinds.
    let expected_stat = expected_statistics_error(call, profile, facts.len);
    // The statrs port of `compute_stats` takes no order statistics of Python values.
    let order_dependent = match call {
        Call::Median | Call::Quantiles { .. } => true,
        Call::StatsPy { method } => method != "statrs",
        _ => false,
    };
    let n_ok = !matches!(call, Call::Quantiles { n, .. } if *n < 1);
    let unsupported_expected = order_dependent && n_ok && facts.has_nan && facts.len >= 2;
    match out {
        Outcome::Err { kind: k, message } => {
            if !allowed_kinds(call, profile, method).contains(&k.as_str()) {
                site.fail(format!("raised {k}: {message}, not a documented exception"));
            }
            if k == kind(PyExceptionKind::StatisticsError)
                && expected_stat.as_ref() != Some(message)
            {
                site.fail(format!(
                    "StatisticsError {message:?}, expected {expected_stat:?}"
                ));
            }
            if k == kind(PyExceptionKind::Unsupported) && !unsupported_expected {
                site.fail(format!(
                    "declined ({message}) without NaN among >= 2 values"
                ));
            }
            if k == kind(PyExceptionKind::IndexError) && facts.len != 0 {
                site.fail("IndexError on a non-empty list".into());
            }
        }
        Outcome::Ok(_) => {
            if let Some(msg) = &expected_stat {
                site.fail(format!("returned, expected StatisticsError {msg:?}"));
            }
        }
    }
    if expected_stat.is_some() {
        // The rest is about calls that got past the length checks.
        return;
    }
    if unsupported_expected && !is_err(out, PyExceptionKind::Unsupported) {
        site.fail(format!(
            "NaN among {} values: expected Unsupported, got {out}",
            facts.len
        ));
    }
    if matches!(call, Call::StatsPy { .. }) && facts.len == 0 {
        match out {
            Outcome::Err { kind: k, message }
                if k == kind(PyExceptionKind::IndexError)
                    && message == "list index out of range" => {}
            _ => site.fail(format!("stats_py([]) must raise IndexError, got {out}")),
        }
    }
    if is_err(out, PyExceptionKind::AttributeError) && facts.finite {
        site.fail("AttributeError on finite data".into());
    }
    if is_err(out, PyExceptionKind::AssertionError) && profile != Profile::Py38 {
        site.fail("AssertionError outside 3.8/3.9".into());
    }

    let (min_f, max_f) = (facts.min_f, facts.max_f);
    let in_float_range = |x: f64| min_f <= x && x <= max_f;
    match call {
        Call::Mean => match out {
            Outcome::Ok(Value::Number(v)) => {
                check_number_type(v, facts, &site);
                if facts.finite {
                    match v {
                        Number::Float(f) if !(f.is_finite() && in_float_range(*f)) => site.fail(
                            format!("mean {f} of finite data outside [{min_f}, {max_f}]"),
                        ),
                        Number::Int(_) | Number::BigInt(_) => {
                            let (Some(min), Some(max)) = (&facts.min, &facts.max) else {
                                site.fail("int mean of no data".into())
                            };
                            if v.py_cmp(min) == Some(Ordering::Less)
                                || v.py_cmp(max) == Some(Ordering::Greater)
                            {
                                site.fail(format!("int mean {v} outside [{min}, {max}]"));
                            }
                        }
                        _ => {}
                    }
                } else if !matches!(v, Number::Float(f) if !f.is_finite()) {
                    site.fail(format!("mean of non-finite data must be inf/nan, got {v}"));
                }
            }
            Outcome::Ok(other) => site.fail(format!("mean returned {other}")),
            Outcome::Err { .. } => {
                if !facts.has_huge_int || !facts.finite {
                    site.fail(format!(
                        "mean raised {out} without an int beyond the float range"
                    ));
                }
            }
        },
        Call::Median => match out {
            Outcome::Ok(Value::Number(v)) => {
                if facts.len % 2 == 1 {
                    if !data.iter().any(|x| x == v) {
                        site.fail(format!("median {v} of an odd count is not a data value"));
                    }
                    let less = data
                        .iter()
                        .filter(|x| x.py_cmp(v) == Some(Ordering::Less))
                        .count();
                    let greater = data
                        .iter()
                        .filter(|x| x.py_cmp(v) == Some(Ordering::Greater))
                        .count();
                    if less > facts.len / 2 || greater > facts.len / 2 {
                        site.fail(format!(
                            "median {v}: {less} values below, {greater} above, of {}",
                            facts.len
                        ));
                    }
                } else {
                    let Number::Float(f) = v else {
                        site.fail(format!("median of an even count must be a float: {v}"))
                    };
                    if facts.finite {
                        if f.is_nan() {
                            site.fail("median of finite data is NaN".into());
                        }
                        if f.is_finite() && !in_float_range(*f) {
                            site.fail(format!("median {f} outside [{min_f}, {max_f}]"));
                        }
                        if f.is_infinite() && facts.magnitude < MAX / 4.0 {
                            site.fail(format!("median {f} of data below max/4"));
                        }
                        if facts.int_like && !f.is_finite() {
                            site.fail("median of ints is not finite".into());
                        }
                    }
                }
            }
            Outcome::Ok(other) => site.fail(format!("median returned {other}")),
            Outcome::Err { kind: k, .. } => {
                if k == kind(PyExceptionKind::OverflowError)
                    && !(facts.has_huge_int && facts.len.is_multiple_of(2))
                {
                    site.fail("median OverflowError without a huge int in an even count".into());
                }
            }
        },
        Call::Variance | Call::Pvariance | Call::Stdev | Call::Pstdev => {
            check_spread(call, out, profile, facts, &site)
        }
        Call::Quantiles { n, method } => check_quantiles(out, *n, method, profile, facts, &site),
        Call::StatsPy { method } => {
            if let Outcome::Ok(Value::Stats {
                range, quartiles, ..
            }) = out
            {
                let Number::Float(r) = range else {
                    site.fail(format!("range {range} is not a float"))
                };
                if *r < 0.0 {
                    site.fail(format!("negative range {r}"));
                }
                if r.is_nan() && facts.finite && method != "statrs" {
                    site.fail("NaN range of finite data".into());
                }
                if method != "statrs" && !(profile >= Profile::Py313 && facts.len == 1) {
                    // quartiles are checked with the quantiles call
                    if quartiles.len() != 3 {
                        site.fail(format!("{} quartiles", quartiles.len()));
                    }
                }
            }
            if facts.len >= 2
                && !facts.has_nan
                && !is_known_method(method)
                && !matches!(err_kind(out), Some("ValueError" | "OverflowError"))
            {
                site.fail(format!(
                    "unknown method {method:?}: expected ValueError, got {out}"
                ));
            }
        }
    }
}

/// `mean`/`variance` result types: an int only for int/bool data, never a bool.
fn check_number_type(v: &Number, facts: &Facts, site: &Site<'_>) {
    match v {
        Number::Bool(_) => site.fail(format!("returned a bool {v}")),
        Number::Int(_) | Number::BigInt(_) if !facts.int_like => {
            site.fail(format!("returned the int {v} for data with floats"))
        }
        _ => {}
    }
}

fn check_spread(call: &Call, out: &Outcome, profile: Profile, facts: &Facts, site: &Site<'_>) {
    let is_stdev = matches!(call, Call::Stdev | Call::Pstdev);
    // 3.8/3.9 take float deviations from the rounded mean: `x - c` can overflow to inf (and then
    // give NaN) when values reach max/2; every other profile is exact up to the final rounding.
    let exact = profile >= Profile::Py310 || facts.magnitude < MAX / 4.0;
    match out {
        Outcome::Ok(Value::Number(v)) => {
            check_number_type(v, facts, site);
            if is_stdev && !v.is_float() {
                site.fail(format!("stdev returned a non-float {v}"));
            }
            if facts.finite && exact {
                match v {
                    Number::Float(f) => {
                        if !f.is_finite() || *f < 0.0 || f.is_sign_negative() {
                            site.fail(format!("{f} for finite data: must be finite, >= +0.0"));
                        }
                    }
                    _ => {
                        if v.py_cmp(&Number::Int(0)) == Some(Ordering::Less) {
                            site.fail(format!("negative int {v}"));
                        }
                    }
                }
            }
            if !facts.finite {
                match (profile, v) {
                    (Profile::Py38, Number::Float(f)) if f.is_nan() => {}
                    (Profile::Py38, _) => {
                        site.fail(format!("3.8 non-finite data must give nan: {v}"))
                    }
                    (Profile::Py310, _) => {
                        site.fail(format!("3.10 non-finite data must raise: {v}"))
                    }
                    (_, Number::Float(f)) if !is_stdev && !f.is_finite() => {}
                    _ => site.fail(format!("3.11+ non-finite data: expected inf/nan, got {v}")),
                }
            }
        }
        Outcome::Ok(other) => site.fail(format!("returned {other}")),
        Outcome::Err { kind: k, message } => {
            if !facts.finite {
                let ok = match profile {
                    Profile::Py38 => k == "OverflowError" && facts.has_huge_int,
                    Profile::Py310 => {
                        (k == "OverflowError"
                            && message == "cannot convert Infinity to integer ratio")
                            || (k == "ValueError"
                                && message == "cannot convert NaN to integer ratio")
                    }
                    _ => is_stdev && k == "AttributeError",
                };
                if !ok {
                    site.fail(format!("non-finite data raised {k}: {message}"));
                }
            } else if k == "ValueError" || k == "AttributeError" {
                site.fail(format!("finite data raised {k}: {message}"));
            }
        }
    }
}

fn check_quantiles(
    out: &Outcome,
    n: i64,
    method: &str,
    profile: Profile,
    facts: &Facts,
    site: &Site<'_>,
) {
    let len = facts.len;
    let past_checks = n >= 1 && len >= 2 && !facts.has_nan;
    if past_checks && !is_known_method(method) && !is_err(out, PyExceptionKind::ValueError) {
        site.fail(format!(
            "unknown method {method:?}: expected ValueError, got {out}"
        ));
    }
    let valid = past_checks && is_known_method(method);
    let one_point = profile >= Profile::Py313 && len == 1 && n >= 1;
    let refused = n > N_REFUSED && (valid || one_point);
    match out {
        Outcome::Err { kind: k, message } => {
            if (k == "MemoryError") != refused {
                site.fail(format!(
                    "{k}: {message} (n = {n}, refusal expected: {refused})"
                ));
            }
            if k == "ValueError" && (is_known_method(method) || !past_checks) {
                site.fail(format!(
                    "ValueError {message} for a valid method or early check"
                ));
            }
            if k == "OverflowError" {
                let possible = if is_cpython_method(method) {
                    // `int * weight` is exact, then converted when the other term is a float:
                    // weights reach 2n in magnitude.
                    facts.int_magnitude > MAX / (4.0 * n as f64)
                } else {
                    facts.has_huge_int
                };
                if !possible {
                    site.fail(format!(
                        "OverflowError {message} with no int near the float range"
                    ));
                }
            }
        }
        Outcome::Ok(Value::List(cuts)) => {
            if refused {
                site.fail("returned instead of MemoryError".into());
            }
            if cuts.len() as i64 != n - 1 {
                site.fail(format!("{} cut points for n = {n}", cuts.len()));
            }
            if one_point {
                // 3.13: `sorted(data) * (n - 1)`, the value itself, type and sign kept.
                if let Some(c) = cuts.iter().find(|c| Some(*c) != facts.min.as_ref()) {
                    site.fail(format!("one-point cut {c} is not the point itself"));
                }
                return;
            }
            let mut floats = Vec::with_capacity(cuts.len());
            for c in cuts {
                match c {
                    Number::Float(f) => floats.push(*f),
                    _ => site.fail(format!("cut point {c} is not a float")),
                }
            }
            let (min_f, max_f) = (facts.min_f, facts.max_f);
            // CPython's methods: three roundings (two products, a sum, a division), each at most
            // half an ulp of the magnitude, plus their absolute error in the subnormal range.
            // numpy's lerp has a few more (a difference, a product, a sum, and `1 - t`).
            let tiny = f64::from_bits(1);
            let tol = facts.magnitude * 2.0 * f64::EPSILON + 4.0 * tiny;
            let tol_numpy = facts.magnitude * 8.0 * f64::EPSILON + 8.0 * tiny;
            let nf = n as f64;
            if is_cpython_method(method) {
                let inclusive = method == "inclusive";
                if facts.int_like {
                    for (i, q) in floats.iter().enumerate() {
                        if !q.is_finite() {
                            site.fail(format!("cut point {i} of int data is {q}"));
                        }
                        if inclusive && !(min_f <= *q && *q <= max_f) {
                            site.fail(format!(
                                "inclusive cut {q} of ints outside [{min_f}, {max_f}]"
                            ));
                        }
                    }
                    if floats.windows(2).any(|w| w[0] > w[1]) {
                        site.fail(format!("cut points of int data not monotone: {floats:?}"));
                    }
                }
                if facts.finite && facts.magnitude < MAX / (8.0 * nf) {
                    for q in &floats {
                        if !q.is_finite() {
                            site.fail(format!("cut point {q} where no product can overflow"));
                        }
                        if inclusive && !(min_f - tol <= *q && *q <= max_f + tol) {
                            site.fail(format!(
                                "inclusive cut {q} outside [{min_f}, {max_f}] ± {tol:e}"
                            ));
                        }
                    }
                }
            } else if facts.finite && facts.magnitude < MAX / 8.0 {
                for q in &floats {
                    if !q.is_finite() {
                        site.fail(format!("{method} cut point {q} of finite data"));
                    }
                    if method != "statrs" && !(min_f - tol_numpy <= *q && *q <= max_f + tol_numpy) {
                        site.fail(format!(
                            "{method} cut {q} outside [{min_f}, {max_f}] ± {tol_numpy:e}"
                        ));
                    }
                }
            }
        }
        Outcome::Ok(other) => site.fail(format!("quantiles returned {other}")),
    }
}

/// `math.sqrt(variance)` as 3.8–3.10's `stdev` computes it from `variance`'s outcome.
fn sqrt_of(variance: &Outcome) -> Outcome {
    match variance {
        Outcome::Ok(Value::Number(v)) => match arith::to_float(v) {
            Ok(f) => Outcome::Ok(Value::Number(Number::Float(f.sqrt()))),
            Err(e) => Outcome::from_error(&e),
        },
        other => other.clone(),
    }
}

/// Runs every call on the input and checks every invariant.
pub fn check_core(input: &FuzzInput) {
    let ctx = Ctx { input };
    let data = &input.data;
    let profile = input.profile;
    let facts = Facts::of(data);
    let calls = calls(input);
    let outcomes: Vec<Outcome> = calls
        .iter()
        .map(|call| {
            let out = run_checked(call, data, profile, &ctx);
            check_outcome(call, &out, profile, &facts, &ctx);
            out
        })
        .collect();
    let get = |c: &Call| -> &Outcome {
        let i = calls.iter().position(|x| x == c).unwrap_or(0);
        &outcomes[i]
    };

    // stdev from variance.
    for (var_call, sd_call) in [
        (Call::Variance, Call::Stdev),
        (Call::Pvariance, Call::Pstdev),
    ] {
        let (var, sd) = (get(&var_call), get(&sd_call));
        if profile < Profile::Py311 {
            let expected = sqrt_of(var);
            if &expected != sd {
                ctx.fail(
                    &sd_call,
                    profile,
                    format!("{sd} is not math.sqrt({var}) = {expected}"),
                );
            }
            continue;
        }
        match (var, sd) {
            (Outcome::Ok(Value::Number(v)), _) if facts.finite => {
                let vf = saturated_float(v);
                if vf.is_finite() && vf >= f64::MIN_POSITIVE {
                    let close = matches!(sd, Outcome::Ok(Value::Number(Number::Float(s)))
                        if ulps(*s, vf.sqrt()) <= 1);
                    if !close {
                        ctx.fail(
                            &sd_call,
                            profile,
                            format!("{sd} not within 1 ulp of sqrt({var})"),
                        );
                    }
                }
                // A variance that rounds to 0 may be a positive rational below 2^-1075, whose
                // root (below 2^-537) is still a float: only bound it.
                let tiny = matches!(sd, Outcome::Ok(Value::Number(Number::Float(s)))
                    if *s >= 0.0 && *s < 1e-160);
                if vf == 0.0 && !tiny {
                    ctx.fail(&sd_call, profile, format!("{sd} for variance 0"));
                }
            }
            (Outcome::Err { kind: vk, .. }, Outcome::Err { kind: sk, .. })
                if vk == "StatisticsError" && sk == "StatisticsError" => {}
            (Outcome::Err { kind: vk, .. }, _) if vk == "StatisticsError" => ctx.fail(
                &sd_call,
                profile,
                format!("{sd} where variance raised {var}"),
            ),
            _ => {}
        }
    }

    // stats_py is the first error of range, quartiles, mean, stdev, else their values.
    if let Call::StatsPy { method } = &calls[7] {
        if method != "statrs" && !(facts.has_nan && facts.len >= 2) {
            let quartiles = if input.n == 4 {
                get(&calls[6]).clone()
            } else {
                Call::Quantiles {
                    n: 4,
                    method: method.clone(),
                }
                .run(data, profile)
            };
            let expected = compose_stats(&facts, &quartiles, get(&Call::Mean), get(&Call::Stdev));
            if &expected != get(&calls[7]) {
                ctx.fail(
                    &calls[7],
                    profile,
                    format!(
                        "{} differs from range/quantiles/mean/stdev composed: {expected}",
                        get(&calls[7])
                    ),
                );
            }
        }
    }

    // The order of the data does not matter to the exact functions.
    let reversed: Vec<Number> = data.iter().rev().cloned().collect();
    for call in [
        Call::Mean,
        Call::Variance,
        Call::Pvariance,
        Call::Stdev,
        Call::Pstdev,
    ] {
        let (a, b) = (get(&call), call.run(&reversed, profile));
        let same = match (a, &b) {
            (Outcome::Err { kind: x, .. }, Outcome::Err { kind: y, .. })
                if profile == Profile::Py38 =>
            {
                x == y
            }
            _ => a == &b,
        };
        if !same {
            ctx.fail(&call, profile, format!("{a}, but {b} on the reversed data"));
        }
    }

    // Profiles agree where the CPython versions do.
    let other = match profile {
        Profile::Py311 => Some(Profile::Py313),
        Profile::Py313 => Some(Profile::Py311),
        _ => None,
    };
    if let Some(other) = other {
        for (call, out) in calls.iter().zip(&outcomes) {
            let differs_by_design =
                matches!(call, Call::Quantiles { .. } | Call::StatsPy { .. }) && facts.len < 2;
            if !differs_by_design {
                let theirs = call.run(data, other);
                if &theirs != out {
                    ctx.fail(call, profile, format!("{out}, but {theirs} under {other}"));
                }
            }
        }
    }
    if facts.finite && matches!(profile, Profile::Py310 | Profile::Py311) {
        let other = if profile == Profile::Py310 {
            Profile::Py311
        } else {
            Profile::Py310
        };
        for call in [Call::Variance, Call::Pvariance] {
            let theirs = call.run(data, other);
            if &theirs != get(&call) {
                ctx.fail(
                    &call,
                    profile,
                    format!("{}, but {theirs} under {other}", get(&call)),
                );
            }
        }
    }

    // 3.11+ variance of non-finite data: the float sum of the non-finite values over n - 1,
    // which has the sign (or NaN-ness) of mean's sum over n.
    if !facts.finite && profile >= Profile::Py311 && facts.len >= 2 {
        if let (
            Outcome::Ok(Value::Number(Number::Float(v))),
            Outcome::Ok(Value::Number(Number::Float(m))),
        ) = (get(&Call::Variance), get(&Call::Mean))
        {
            let same = (v.is_nan() && m.is_nan()) || (v.is_infinite() && v == m);
            if !same {
                ctx.fail(&Call::Variance, profile, format!("{v} but mean {m}"));
            }
        }
    }
}

/// `stats_py`'s outcome from its parts: range, then quartiles, mean and stdev.
fn compose_stats(facts: &Facts, quartiles: &Outcome, mean: &Outcome, stdev: &Outcome) -> Outcome {
    let range = match (&facts.min, &facts.max) {
        (Some(min), Some(max)) => arith::sub(max, min).and_then(|d| arith::to_float(&d)),
        _ => {
            return Outcome::Err {
                kind: "IndexError".into(),
                message: "list index out of range".into(),
            }
        }
    };
    let range = match range {
        Ok(r) => r,
        Err(e) => return Outcome::from_error(&e),
    };
    for part in [quartiles, mean, stdev] {
        if let Outcome::Err { .. } = part {
            return part.clone();
        }
    }
    match (quartiles, mean, stdev) {
        (
            Outcome::Ok(Value::List(q)),
            Outcome::Ok(Value::Number(m)),
            Outcome::Ok(Value::Number(s)),
        ) => Outcome::Ok(Value::Stats {
            range: Number::Float(range),
            quartiles: q.clone(),
            mean: m.clone(),
            stddev: s.clone(),
        }),
        _ => Outcome::Err {
            kind: "Harness".into(),
            message: "unexpected shapes".into(),
        },
    }
}
