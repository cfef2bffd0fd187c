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
use crate::order::{order_statistics, small_stable_order, sorted, stable_order, SMALL_ORDER};
use crate::profile::{Behaviour, Profile};
use crate::sample::Sample;
use hyndman_fan::HyndmanFan;
use python::{cut_point, interpolate, plan_iter, PythonMethod};
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
            out.extend((1..n).map(|i| Number::Float(hyndman_fan::cut_point(&values, i, n, hf))));
            Ok(out)
        }
        #[cfg(feature = "statrs")]
        Method::Statrs => {
            let values = sorted_floats(data)?;
            statrs_port::statrs_cut_points_into(values, n, &mut out);
            Ok(out)
        }
    }
}

/// CPython's `quantiles(data, n=n, method=method)` (`exclusive` or `inclusive`) as its cut
/// points one at a time, for a caller that builds its own list of results (the Python binding
/// builds the Python list directly, with no second copy of a huge `n`'s results): the same
/// checks in the same order as [`quantiles`], then the order statistics the cut points need
/// (the one step that costs time), and the cut points themselves only when asked for.
///
/// ```
/// use rstats::internals::quantile::{quantile_cuts, QuantileCuts};
/// use rstats::internals::quantile::python::PythonMethod;
/// use rstats::{Number, Profile};
/// let talk = [1i64, 3, 5, 7, 9, 10, 13, 84, 528];
/// let QuantileCuts::Cuts(cuts) = quantile_cuts(&talk, 4, PythonMethod::Exclusive, Profile::Py311).unwrap() else {
///     panic!("nine points give cut points")
/// };
/// let q: Vec<Number> = cuts.collect::<Result<_, _>>().unwrap();
/// assert_eq!(q, vec![Number::Float(4.0), Number::Float(9.0), Number::Float(48.5)]);
/// ```
pub fn quantile_cuts<T: Sample>(
    data: &[T],
    n: i64,
    method: PythonMethod,
    profile: Profile,
) -> Result<QuantileCuts<'_, T>> {
    if n < 1 {
        return Err(StatsError::InvalidN { n });
    }
    if let ([single], true) = (data, profile.has(Behaviour::OnePointQuantiles)) {
        return Ok(QuantileCuts::Repeat {
            value: single.to_number(),
            count: (n - 1) as u64,
        });
    }
    // The errors (no data, one point, NaN) as `quantiles` gives them; 3.13's one point is above.
    if let Some(early) = preconditions(data, n, profile)? {
        return Ok(QuantileCuts::Repeat {
            value: early.first().cloned().unwrap_or(Number::Float(f64::NAN)),
            count: early.len() as u64,
        });
    }
    Ok(QuantileCuts::Cuts(PythonCuts::new(data, n as u64, method)?))
}

/// What [`quantile_cuts`] answers.
pub enum QuantileCuts<'a, T> {
    /// CPython 3.13's one-point answer `data * (n - 1)`: the one value, `count` times.
    Repeat {
        /// The data's one value.
        value: Number,
        /// `n - 1`.
        count: u64,
    },
    /// The `n - 1` cut points, computed as they are taken.
    Cuts(PythonCuts<'a, T>),
}

/// CPython's cut points of some data, each computed when the iterator is advanced, from the
/// order statistics found once by [`PythonCuts::new`]. An [`ExactSizeIterator`] of `n - 1`
/// results; an error (an int beyond the float range, ...) is the one CPython meets at that cut.
pub struct PythonCuts<'a, T> {
    data: &'a [T],
    order: CutOrder<T>,
    n: u64,
    method: PythonMethod,
    /// The next cut's `i` (1 to `n - 1`).
    next: u64,
}

/// Where the order statistics the cut points need are found.
enum CutOrder<T> {
    /// At most [`SMALL_ORDER`] values: their sorted order, on the stack.
    Small([u8; SMALL_ORDER]),
    /// A few cut points: the values at their (ascending, distinct) positions.
    Selected {
        positions: Vec<usize>,
        values: Vec<T>,
    },
    /// Many cut points: the whole sorted order.
    Full(Vec<usize>),
}

/// Up to this many cut points are computed from selected order statistics (two positions each),
/// more from the full sorted order.
const MAX_SELECTED_CUTS: u64 = 6;

impl<'a, T: Sample> PythonCuts<'a, T> {
    /// Finds the order statistics for the `n - 1` cut points of `data` (`len >= 2`, no NaN).
    fn new(data: &'a [T], n: u64, method: PythonMethod) -> Result<PythonCuts<'a, T>> {
        let order = if let Some(order) = small_stable_order(data) {
            CutOrder::Small(order)
        } else if n - 1 <= MAX_SELECTED_CUTS {
            let mut positions: Vec<usize> = plan_iter(data.len(), n, method)
                .flat_map(|c| [c.lo, c.hi])
                .collect();
            positions.sort_unstable();
            positions.dedup();
            let values = order_statistics(data, &positions)?;
            CutOrder::Selected { positions, values }
        } else {
            CutOrder::Full(stable_order(data)?)
        };
        Ok(PythonCuts {
            data,
            order,
            n,
            method,
            next: 1,
        })
    }

    /// The value `sorted(data)` has at position `p` (every planned position is below the length).
    fn at(&self, p: usize) -> Number {
        let value = match &self.order {
            CutOrder::Small(order) => order.get(p).and_then(|&i| self.data.get(usize::from(i))),
            CutOrder::Selected { positions, values } => {
                positions.binary_search(&p).ok().and_then(|i| values.get(i))
            }
            CutOrder::Full(order) => order.get(p).and_then(|&i| self.data.get(i)),
        };
        value.map_or(Number::Float(f64::NAN), Sample::to_number)
    }
}

impl<T: Sample> Iterator for PythonCuts<'_, T> {
    type Item = Result<Number>;

    fn next(&mut self) -> Option<Result<Number>> {
        if self.next >= self.n {
            return None;
        }
        let cut = cut_point(self.data.len(), self.n, self.method, self.next);
        self.next += 1;
        Some(interpolate(
            &self.at(cut.lo),
            &self.at(cut.hi),
            &cut,
            self.n,
        ))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = usize::try_from(self.n - self.next).unwrap_or(usize::MAX);
        (left, Some(left))
    }
}

impl<T: Sample> ExactSizeIterator for PythonCuts<'_, T> {}

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
    for q in PythonCuts::new(data, n, method)? {
        out.push(q?);
    }
    Ok(out)
}

/// The data as sorted floats, for the methods that compute in floats.
fn sorted_floats<T: Sample>(data: &[T]) -> Result<Vec<f64>> {
    let mut values = crate::order::try_vec(data.len())?;
    for x in sorted(data)? {
        values.push(arith::to_float(&x.to_number())?);
    }
    Ok(values)
}
