//! One function call to compare: which function, with which arguments, run on the Rust core.
//! The reference side evaluates the same call in CPython (see the Python worker).
//!
//! ```
//! use rstats::parity::call::Call;
//! use rstats::parity::outcome::{Outcome, Value};
//! use rstats::{Number, Profile};
//! let call = Call::Quantiles { n: 4, method: "exclusive".into() };
//! let out = call.run(&[1i64, 3, 5, 7, 9, 10, 13, 84, 528], Profile::Py311);
//! assert_eq!(out.to_string(), "[4.0, 9.0, 48.5]");
//! assert_eq!(call.label(), "quantiles(n=4, method='exclusive')");
//! ```

use super::outcome::{Outcome, Value};
use crate::format::py_str_repr;
use crate::profile::Profile;
use crate::sample::Sample;
use crate::{
    compute_stats_named, mean, median, pstdev, pvariance, quantiles_named, stdev, variance, Number,
};
use serde_json::{json, Value as Json};

/// A statistics call on one data list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Call {
    /// `statistics.mean(data)`
    Mean,
    /// `statistics.median(data)`
    Median,
    /// `statistics.variance(data)`
    Variance,
    /// `statistics.stdev(data)`
    Stdev,
    /// `statistics.pvariance(data)`
    Pvariance,
    /// `statistics.pstdev(data)`
    Pstdev,
    /// `statistics.quantiles(data, n=n, method=method)`
    Quantiles {
        /// `n`
        n: i64,
        /// `method`
        method: String,
    },
    /// `stats_py(data, method)` / `compute_stats(data, method)`
    StatsPy {
        /// `method`
        method: String,
    },
}

impl Call {
    /// The function's name.
    pub fn function(&self) -> &'static str {
        match self {
            Call::Mean => "mean",
            Call::Median => "median",
            Call::Variance => "variance",
            Call::Stdev => "stdev",
            Call::Pvariance => "pvariance",
            Call::Pstdev => "pstdev",
            Call::Quantiles { .. } => "quantiles",
            Call::StatsPy { .. } => "stats_py",
        }
    }

    /// The call as a Python user would write it (without the data).
    pub fn label(&self) -> String {
        match self {
            Call::Quantiles { n, method } => {
                format!("quantiles(n={n}, method={})", py_str_repr(method))
            }
            Call::StatsPy { method } => format!("stats_py(method={})", py_str_repr(method)),
            other => other.function().to_string(),
        }
    }

    /// Runs the call on the Rust core.
    pub fn run<T: Sample + Sync>(&self, data: &[T], profile: Profile) -> Outcome {
        let number = |r: crate::Result<Number>| Outcome::from_result(r.map(Value::Number));
        let float = |r: crate::Result<f64>| number(r.map(Number::Float));
        match self {
            Call::Mean => number(mean(data)),
            Call::Median => number(median(data)),
            Call::Variance => number(variance(data, profile)),
            Call::Stdev => float(stdev(data, profile)),
            Call::Pvariance => number(pvariance(data, profile)),
            Call::Pstdev => float(pstdev(data, profile)),
            Call::Quantiles { n, method } => {
                Outcome::from_result(quantiles_named(data, *n, method, profile).map(Value::List))
            }
            Call::StatsPy { method } => {
                Outcome::from_result(compute_stats_named(data, method, profile).map(Value::from))
            }
        }
    }

    /// The call as JSON for the reference worker: `{"fn": "quantiles", "n": 4, "method": "..."}`.
    pub fn to_json(&self) -> Json {
        match self {
            Call::Quantiles { n, method } => json!({ "fn": "quantiles", "n": n, "method": method }),
            Call::StatsPy { method } => json!({ "fn": "stats_py", "method": method }),
            other => json!({ "fn": other.function() }),
        }
    }

    /// Reads [`Call::to_json`]'s form.
    ///
    /// ```
    /// use rstats::parity::call::Call;
    /// let call = Call::Quantiles { n: 3, method: "inclusive".into() };
    /// assert_eq!(Call::from_json(&call.to_json()), Ok(call));
    /// assert!(Call::from_json(&serde_json::json!({"fn": "mode"})).is_err());
    /// ```
    pub fn from_json(v: &Json) -> Result<Call, String> {
        let name = v
            .get("fn")
            .and_then(Json::as_str)
            .ok_or_else(|| format!("not a call: {v}"))?;
        let method = || {
            v.get("method")
                .and_then(Json::as_str)
                .map(str::to_string)
                .ok_or_else(|| format!("{name} without a method: {v}"))
        };
        Ok(match name {
            "mean" => Call::Mean,
            "median" => Call::Median,
            "variance" => Call::Variance,
            "stdev" => Call::Stdev,
            "pvariance" => Call::Pvariance,
            "pstdev" => Call::Pstdev,
            "quantiles" => Call::Quantiles {
                n: v.get("n")
                    .and_then(Json::as_i64)
                    .ok_or_else(|| format!("quantiles without n: {v}"))?,
                method: method()?,
            },
            "stats_py" => Call::StatsPy { method: method()? },
            other => return Err(format!("unknown function {other:?}")),
        })
    }

    /// The field names of the call's result, for per-field comparison.
    pub fn fields(&self) -> &'static [&'static str] {
        match self {
            Call::StatsPy { .. } => &["range", "quartiles", "mean", "stddev"],
            _ => &["value"],
        }
    }
}
