//! `quantiles(data, n, method)`: CPython's two methods bit for bit, and more methods by name.
//!
//! | name | what | CPython counterpart |
//! |---|---|---|
//! | `exclusive` (default) | Hyndman–Fan 6, CPython's arithmetic | `statistics.quantiles(method='exclusive')` |
//! | `inclusive` | Hyndman–Fan 7, CPython's arithmetic | `statistics.quantiles(method='inclusive')` |
//! | numpy's nine names | Hyndman–Fan 1–9 in floats, as numpy computes them | none (numpy) |
//! | `statrs` | the `statrs` crate's quantiles (type 8), the talk's "before" | none |
//!
//! ```
//! use rstats::{quantiles, Method, Number, Profile};
//! let talk = [1i64, 3, 5, 7, 9, 10, 13, 84, 528];
//! let q = quantiles(&talk, 4, Method::Exclusive, Profile::default()).unwrap();
//! assert_eq!(q, vec![Number::Float(4.0), Number::Float(9.0), Number::Float(48.5)]);
//! ```

pub mod hyndman_fan;
pub mod python;
#[cfg(feature = "statrs")]
pub mod statrs_port;

use crate::arith;
use crate::error::{Function, Result, StatsError};
use crate::number::Number;
use crate::order::{order_statistics, small_stable_order, sorted};
use crate::profile::{Behaviour, Profile};
use crate::sample::Sample;
use hyndman_fan::HyndmanFan;
use python::{interpolate, plan_iter, PythonMethod};
use std::fmt;
use std::str::FromStr;

/// A quantile method, chosen by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Method {
    /// CPython's `exclusive` (the default).
    #[default]
    Exclusive,
    /// CPython's `inclusive`.
    Inclusive,
    /// One of Hyndman and Fan's nine definitions, as numpy computes it.
    HyndmanFan(HyndmanFan),
    /// The `statrs` crate (the talk's port): no CPython counterpart. Feature `statrs`.
    #[cfg(feature = "statrs")]
    Statrs,
}

impl Method {
    /// Every valid name (`statrs` only with the `statrs` feature).
    pub const NAMES: &'static [&'static str] = &[
        "exclusive",
        "inclusive",
        "inverted_cdf",
        "averaged_inverted_cdf",
        "closest_observation",
        "interpolated_inverted_cdf",
        "hazen",
        "weibull",
        "linear",
        "median_unbiased",
        "normal_unbiased",
        #[cfg(feature = "statrs")]
        "statrs",
    ];

    /// Every method, in the order of [`Method::NAMES`].
    pub fn all() -> Vec<Method> {
        Method::NAMES
            .iter()
            .filter_map(|n| n.parse().ok())
            .collect()
    }

    /// The method's name.
    pub fn name(self) -> &'static str {
        match self {
            Method::Exclusive => "exclusive",
            Method::Inclusive => "inclusive",
            Method::HyndmanFan(hf) => hf.name(),
            #[cfg(feature = "statrs")]
            Method::Statrs => "statrs",
        }
    }

    /// True for the methods CPython's `statistics` has (and that are compared bit for bit).
    pub fn has_cpython_counterpart(self) -> bool {
        matches!(self, Method::Exclusive | Method::Inclusive)
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Method {
    type Err = StatsError;

    fn from_str(name: &str) -> Result<Method> {
        match name {
            "exclusive" => Ok(Method::Exclusive),
            "inclusive" => Ok(Method::Inclusive),
            #[cfg(feature = "statrs")]
            "statrs" => Ok(Method::Statrs),
            other => HyndmanFan::from_name(other)
                .map(Method::HyndmanFan)
                .ok_or_else(|| StatsError::UnknownMethod {
                    name: other.to_string(),
                }),
        }
    }
}

/// `statistics.quantiles(data, n=n, method=...)` with the method given by name, checking in
/// CPython's order: `n`, then the number of points, then the method (so an unknown method with
/// too little data is a `StatisticsError`, as in CPython).
pub fn quantiles_named<T: Sample>(
    data: &[T],
    n: i64,
    method: &str,
    profile: Profile,
) -> Result<Vec<Number>> {
    match preconditions(data, n, profile)? {
        Some(early) => Ok(early),
        None => quantiles(data, n, method.parse()?, profile),
    }
}

/// `statistics.quantiles(data, n=n, method=method)` as the profile's CPython computes it.
pub fn quantiles<T: Sample>(
    data: &[T],
    n: i64,
    method: Method,
    profile: Profile,
) -> Result<Vec<Number>> {
    if let Some(early) = preconditions(data, n, profile)? {
        return Ok(early);
    }
    let n = n as u64; // n >= 1 checked
    let mut out = reserve_results(n)?;
    match method {
        Method::Exclusive => python_quantiles(data, n, PythonMethod::Exclusive, out),
        Method::Inclusive => python_quantiles(data, n, PythonMethod::Inclusive, out),
        Method::HyndmanFan(hf) => {
            let values = sorted_floats(data)?;
            let cuts = hyndman_fan::cut_points(&values, n as usize, hf);
            out.extend(cuts.into_iter().map(Number::Float));
            Ok(out)
        }
        #[cfg(feature = "statrs")]
        Method::Statrs => {
            let values = sorted_floats(data)?;
            let cuts = statrs_port::statrs_cut_points(&values, n as usize);
            out.extend(cuts.into_iter().map(Number::Float));
            Ok(out)
        }
    }
}

/// CPython's checks before the method is looked at. `Ok(Some(..))` is 3.13's one-point answer.
fn preconditions<T: Sample>(data: &[T], n: i64, profile: Profile) -> Result<Option<Vec<Number>>> {
    if n < 1 {
        return Err(StatsError::InvalidN { n });
    }
    match data {
        [single] if profile.has(Behaviour::OnePointQuantiles) => {
            let count = (n - 1) as u64;
            let mut out = reserve_results(count + 1)?;
            out.resize(count as usize, single.to_number());
            Ok(Some(out))
        }
        [] if profile.has(Behaviour::OnePointQuantiles) => Err(StatsError::NoData {
            function: Function::Quantiles,
        }),
        [] | [_] => Err(StatsError::TooFewPoints {
            function: Function::Quantiles,
            required: 2,
            got: data.len(),
        }),
        _ if data.iter().any(Sample::is_nan) => Err(nan_order_unsupported()),
        _ => Ok(None),
    }
}

/// The error for NaN in a function whose result depends on where `sorted()` puts the NaN.
pub(crate) fn nan_order_unsupported() -> StatsError {
    StatsError::Unsupported {
        reason: "NaN among two or more values: where sorted() puts it depends on CPython's list \
                 sort, which differs between versions",
    }
}

/// The list for `n - 1` results; `OutOfMemory` (CPython's MemoryError) when the allocator refuses
/// it, and without asking the allocator past 2^31 - 1 results, whatever the machine's memory.
fn reserve_results(n: u64) -> Result<Vec<Number>> {
    const LIMIT: u64 = 1 << 31;
    let requested = n.saturating_sub(1);
    if n > LIMIT {
        return Err(StatsError::OutOfMemory { requested });
    }
    let mut out: Vec<Number> = Vec::new();
    out.try_reserve_exact(requested as usize)
        .map_err(|_| StatsError::OutOfMemory { requested })?;
    Ok(out)
}

/// CPython's `exclusive` or `inclusive` cut points, pushed onto `out`.
fn python_quantiles<T: Sample>(
    data: &[T],
    n: u64,
    method: PythonMethod,
    mut out: Vec<Number>,
) -> Result<Vec<Number>> {
    if let Some(order) = small_stable_order(data) {
        // Few values: their sorted order on the stack, then each cut point straight from it.
        let at = |p: usize| data[usize::from(order[p])].to_number();
        for cut in plan_iter(data.len(), n, method) {
            out.push(interpolate(&at(cut.lo), &at(cut.hi), &cut, n)?);
        }
        return Ok(out);
    }
    let cuts: Vec<_> = plan_iter(data.len(), n, method).collect();
    let positions: Vec<usize> = cuts.iter().flat_map(|c| [c.lo, c.hi]).collect();
    let stats = order_statistics(data, &positions);
    for (cut, pair) in cuts.iter().zip(stats.chunks_exact(2)) {
        let (lo, hi) = (pair[0].to_number(), pair[1].to_number());
        out.push(interpolate(&lo, &hi, cut, n)?);
    }
    Ok(out)
}

/// The data as sorted floats, for the methods that compute in floats.
fn sorted_floats<T: Sample>(data: &[T]) -> Result<Vec<f64>> {
    let mut values = Vec::with_capacity(data.len());
    for x in sorted(data) {
        values.push(arith::to_float(&x.to_number())?);
    }
    Ok(values)
}
