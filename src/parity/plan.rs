//! What a campaign compares on every input: which calls, against which CPython call, how.
//!
//! A [`Plan`] lists functions and quantile methods; for one input and one `n` it yields
//! [`Check`]s. A check pairs the call the subject runs with the call CPython runs and the
//! comparison [`Mode`]:
//!
//! | subject's method | CPython runs | mode |
//! |---|---|---|
//! | `exclusive`, `inclusive` | the same method | bit-exact |
//! | `linear` (numpy's type 7) | `inclusive` (type 7) | tolerance |
//! | `statrs` and every other numpy method | `exclusive`, what `stats_py` used by default: the code the method would replace | tolerance |
//!
//! So `--method statrs` asks "can the talk's statrs port replace the endpoint's Python?", and the
//! answer is a divergence in `quartiles` (type 8 against type 6, far beyond any tolerance) while
//! the mean's last-bit difference stays within the tolerance and is reported as *tolerated*.
//!
//! The method-independent functions (`mean`, `median`, `variance`, `stdev`, `pvariance`,
//! `pstdev`) are always bit-exact.
//!
//! ```
//! use rstats::parity::plan::{FunctionName, Plan};
//! use rstats::Method;
//! let plan = Plan::new(FunctionName::ALL.to_vec(), vec![Method::Statrs]).unwrap();
//! let checks = plan.checks(4);
//! let q = checks.iter().find(|c| c.row() == "quantiles[statrs]").unwrap();
//! assert_eq!(q.reference.label(), "quantiles(n=4, method='exclusive')");
//! assert!(!q.mode.is_exact());
//! assert!(checks.iter().find(|c| c.row() == "mean").unwrap().mode.is_exact());
//! ```

use super::call::Call;
use super::compare::{Mode, Tolerance};
use crate::quantile::hyndman_fan::HyndmanFan;
use crate::Method;
use std::fmt;
use std::str::FromStr;

/// The functions a campaign can check, by their Python names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FunctionName {
    /// `statistics.mean`
    Mean,
    /// `statistics.median`
    Median,
    /// `statistics.variance`
    Variance,
    /// `statistics.stdev`
    Stdev,
    /// `statistics.pvariance`
    Pvariance,
    /// `statistics.pstdev`
    Pstdev,
    /// `statistics.quantiles`
    Quantiles,
    /// `reference/stats.py`'s `stats_py` (rstats' `compute_stats`)
    StatsPy,
}

impl FunctionName {
    /// Every function, in report order.
    pub const ALL: [FunctionName; 8] = [
        FunctionName::Mean,
        FunctionName::Median,
        FunctionName::Variance,
        FunctionName::Stdev,
        FunctionName::Pvariance,
        FunctionName::Pstdev,
        FunctionName::Quantiles,
        FunctionName::StatsPy,
    ];

    /// The Python name.
    pub fn name(self) -> &'static str {
        match self {
            FunctionName::Mean => "mean",
            FunctionName::Median => "median",
            FunctionName::Variance => "variance",
            FunctionName::Stdev => "stdev",
            FunctionName::Pvariance => "pvariance",
            FunctionName::Pstdev => "pstdev",
            FunctionName::Quantiles => "quantiles",
            FunctionName::StatsPy => "stats_py",
        }
    }

    /// True for the functions that take a quantile method.
    pub fn takes_method(self) -> bool {
        matches!(self, FunctionName::Quantiles | FunctionName::StatsPy)
    }
}

impl fmt::Display for FunctionName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A name that is not one of [`FunctionName::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown function {0:?} (valid: mean, median, variance, stdev, pvariance, pstdev, quantiles, stats_py)")]
pub struct UnknownFunction(pub String);

impl FromStr for FunctionName {
    type Err = UnknownFunction;

    fn from_str(s: &str) -> Result<FunctionName, UnknownFunction> {
        FunctionName::ALL
            .into_iter()
            .find(|f| f.name() == s || (s == "compute_stats" && *f == FunctionName::StatsPy))
            .ok_or_else(|| UnknownFunction(s.to_string()))
    }
}

/// A plan that checks nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    /// No function selected.
    #[error("no function to check")]
    NoFunction,
    /// `quantiles`/`stats_py` selected without any method.
    #[error("no quantile method to check")]
    NoMethod,
}

/// One comparison of a case: the subject's call, CPython's call and how they are compared.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// What the subject (rstats) runs.
    pub call: Call,
    /// What CPython runs.
    pub reference: Call,
    /// How the outcomes are compared.
    pub mode: Mode,
}

impl Check {
    /// The report row of this check: the function, and the method for those that take one
    /// (`quantiles[exclusive]`; `n` varies from case to case and is not part of the row).
    pub fn row(&self) -> String {
        match &self.call {
            Call::Quantiles { method, .. } | Call::StatsPy { method } => {
                format!("{}[{method}]", self.call.function())
            }
            other => other.function().to_string(),
        }
    }
}

/// The CPython method a method is compared with, and whether bit for bit.
///
/// ```
/// use rstats::parity::plan::reference_method;
/// use rstats::Method;
/// assert_eq!(reference_method(Method::Inclusive), ("inclusive", true));
/// assert_eq!(reference_method(Method::Statrs), ("exclusive", false));
/// assert_eq!(reference_method("linear".parse().unwrap()), ("inclusive", false));
/// ```
pub fn reference_method(method: Method) -> (&'static str, bool) {
    match method {
        Method::Exclusive => ("exclusive", true),
        Method::Inclusive => ("inclusive", true),
        Method::HyndmanFan(HyndmanFan::Linear) => ("inclusive", false),
        _ => ("exclusive", false),
    }
}

/// What to check on every input.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    functions: Vec<FunctionName>,
    methods: Vec<Method>,
    /// The tolerance for methods without a CPython counterpart.
    pub tolerance: Tolerance,
}

impl Default for Plan {
    /// Every function; CPython's two methods.
    fn default() -> Plan {
        Plan {
            functions: FunctionName::ALL.to_vec(),
            methods: vec![Method::Exclusive, Method::Inclusive],
            tolerance: Tolerance::default(),
        }
    }
}

impl Plan {
    /// A plan over `functions` (report order is kept, duplicates dropped) and `methods`.
    pub fn new(functions: Vec<FunctionName>, methods: Vec<Method>) -> Result<Plan, PlanError> {
        let mut fs: Vec<FunctionName> = Vec::new();
        for f in functions {
            if !fs.contains(&f) {
                fs.push(f);
            }
        }
        fs.sort();
        let mut ms: Vec<Method> = Vec::new();
        for m in methods {
            if !ms.contains(&m) {
                ms.push(m);
            }
        }
        if fs.is_empty() {
            return Err(PlanError::NoFunction);
        }
        if ms.is_empty() && fs.iter().any(|f| f.takes_method()) {
            return Err(PlanError::NoMethod);
        }
        Ok(Plan {
            functions: fs,
            methods: ms,
            tolerance: Tolerance::default(),
        })
    }

    /// The functions checked.
    pub fn functions(&self) -> &[FunctionName] {
        &self.functions
    }

    /// The methods checked.
    pub fn methods(&self) -> &[Method] {
        &self.methods
    }

    /// True when some check uses a tolerance.
    pub fn uses_tolerance(&self) -> bool {
        self.checks(4).iter().any(|c| !c.mode.is_exact())
    }

    /// The checks of one input; `n` is the `quantiles` argument (`stats_py` always uses 4).
    /// The list has the same length and rows for every `n`.
    pub fn checks(&self, n: i64) -> Vec<Check> {
        let mut out = Vec::new();
        for &f in &self.functions {
            let simple = match f {
                FunctionName::Mean => Some(Call::Mean),
                FunctionName::Median => Some(Call::Median),
                FunctionName::Variance => Some(Call::Variance),
                FunctionName::Stdev => Some(Call::Stdev),
                FunctionName::Pvariance => Some(Call::Pvariance),
                FunctionName::Pstdev => Some(Call::Pstdev),
                FunctionName::Quantiles | FunctionName::StatsPy => None,
            };
            if let Some(call) = simple {
                out.push(Check {
                    reference: call.clone(),
                    call,
                    mode: Mode::Exact,
                });
                continue;
            }
            for &m in &self.methods {
                let (ref_method, exact) = reference_method(m);
                let mode = if exact {
                    Mode::Exact
                } else {
                    Mode::Tolerance(self.tolerance)
                };
                let (call, reference) = if f == FunctionName::Quantiles {
                    (
                        Call::Quantiles {
                            n,
                            method: m.name().to_string(),
                        },
                        Call::Quantiles {
                            n,
                            method: ref_method.to_string(),
                        },
                    )
                } else {
                    (
                        Call::StatsPy {
                            method: m.name().to_string(),
                        },
                        Call::StatsPy {
                            method: ref_method.to_string(),
                        },
                    )
                };
                out.push(Check {
                    call,
                    reference,
                    mode,
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_plan_is_all_exact_with_both_python_methods() {
        let checks = Plan::default().checks(7);
        let rows: Vec<String> = checks.iter().map(Check::row).collect();
        assert_eq!(
            rows,
            [
                "mean",
                "median",
                "variance",
                "stdev",
                "pvariance",
                "pstdev",
                "quantiles[exclusive]",
                "quantiles[inclusive]",
                "stats_py[exclusive]",
                "stats_py[inclusive]"
            ]
        );
        assert!(checks
            .iter()
            .all(|c| c.mode.is_exact() && c.call == c.reference));
        assert!(!Plan::default().uses_tolerance());
    }

    #[test]
    fn function_names_parse() {
        assert_eq!(
            "stats_py".parse::<FunctionName>(),
            Ok(FunctionName::StatsPy)
        );
        assert_eq!(
            "compute_stats".parse::<FunctionName>(),
            Ok(FunctionName::StatsPy)
        );
        assert!("avg".parse::<FunctionName>().is_err());
        assert_eq!(Plan::new(vec![], vec![]), Err(PlanError::NoFunction));
        assert_eq!(
            Plan::new(vec![FunctionName::Quantiles], vec![]),
            Err(PlanError::NoMethod)
        );
        assert!(Plan::new(vec![FunctionName::Mean], vec![]).is_ok());
    }
}
