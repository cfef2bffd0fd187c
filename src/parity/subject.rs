//! The side under test: what computes the outcomes that are compared with CPython's.
//!
//! [`Core`] is rstats itself ([`Call::run`]). Any closure `Fn(&Call, &[Number], Profile) ->
//! Outcome` is a subject too (wrap it in [`FnSubject`] to give it a name), which is how the tests
//! prove the harness catches what it exists to catch: a naive `sum / n` mean, or the talk's statrs
//! port, plugged into the very engine the `rstats-parity` tool runs.
//!
//! ```
//! use rstats::parity::call::Call;
//! use rstats::parity::outcome::{Outcome, Value};
//! use rstats::parity::subject::{Core, FnSubject, Subject};
//! use rstats::{Number, Profile};
//! let data: Vec<Number> = [0.1, 0.2, 0.3].map(Number::Float).to_vec();
//! let core = Core::default();
//! assert_eq!(core.eval(&Call::Mean, &data, Profile::Py311).to_string(), "0.2");
//! let naive = FnSubject::new("naive mean", |_: &Call, data: &[Number], _: Profile| {
//!     let xs: Vec<f64> = data.iter().filter_map(|n| rstats::internals::arith::to_float(n).ok()).collect();
//!     Outcome::Ok(Value::Number(Number::Float(xs.iter().sum::<f64>() / xs.len() as f64)))
//! });
//! assert_eq!(naive.eval(&Call::Mean, &data, Profile::Py311).to_string(), "0.20000000000000004");
//! ```

use super::call::Call;
use super::outcome::Outcome;
use crate::number::Number;
use crate::profile::Profile;

/// Computes a call's outcome on the side under test.
pub trait Subject: Sync {
    /// A name for reports.
    fn name(&self) -> String;
    /// The outcome of `call` on `data`, as the profile's CPython should give it.
    fn eval(&self, call: &Call, data: &[Number], profile: Profile) -> Outcome;
}

/// The rstats core, through the same public API a user calls.
///
/// With `fast_paths` on (the default), an input of only floats is also run through the `f64`
/// instantiation and one of only machine ints through `i64`; if a fast path disagrees with the
/// [`Number`] path the outcome becomes a `FastPathMismatch` error naming both, which no CPython
/// raises, so the case is reported as a divergence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Core {
    /// Also run the `f64`/`i64` instantiations and require the same outcome.
    pub fast_paths: bool,
}

impl Default for Core {
    fn default() -> Core {
        Core { fast_paths: true }
    }
}

impl Subject for Core {
    fn name(&self) -> String {
        "rstats core".to_string()
    }

    fn eval(&self, call: &Call, data: &[Number], profile: Profile) -> Outcome {
        let general = call.run(data, profile);
        if !self.fast_paths {
            return general;
        }
        let fast = if let Some(floats) = all_floats(data) {
            Some(("f64", call.run(&floats, profile)))
        } else {
            all_ints(data).map(|ints| ("i64", call.run(&ints, profile)))
        };
        match fast {
            Some((path, outcome)) if outcome != general => Outcome::Err {
                kind: "FastPathMismatch".to_string(),
                message: format!("Number path gave {general}, {path} path gave {outcome}"),
            },
            _ => general,
        }
    }
}

fn all_floats(data: &[Number]) -> Option<Vec<f64>> {
    data.iter()
        .map(|n| match n {
            Number::Float(x) => Some(*x),
            _ => None,
        })
        .collect()
}

fn all_ints(data: &[Number]) -> Option<Vec<i64>> {
    data.iter()
        .map(|n| match n {
            Number::Int(i) => Some(*i),
            _ => None,
        })
        .collect()
}

/// A closure as a named subject.
pub struct FnSubject<F> {
    name: String,
    f: F,
}

impl<F> FnSubject<F>
where
    F: Fn(&Call, &[Number], Profile) -> Outcome + Sync,
{
    /// Names `f`.
    pub fn new(name: impl Into<String>, f: F) -> FnSubject<F> {
        FnSubject {
            name: name.into(),
            f,
        }
    }
}

impl<F> Subject for FnSubject<F>
where
    F: Fn(&Call, &[Number], Profile) -> Outcome + Sync,
{
    fn name(&self) -> String {
        self.name.clone()
    }

    fn eval(&self, call: &Call, data: &[Number], profile: Profile) -> Outcome {
        (self.f)(call, data, profile)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_paths_agree_on_simple_inputs() {
        let core = Core::default();
        let floats = [1.5, -0.0, 2.25].map(Number::Float);
        let ints = [1, 2, 4].map(Number::Int);
        let mismatch =
            |o: &Outcome| matches!(o, Outcome::Err { kind, .. } if kind == "FastPathMismatch");
        for call in [Call::Mean, Call::Median, Call::Stdev, Call::Pvariance] {
            assert!(!mismatch(&core.eval(&call, &floats, Profile::Py38)));
            assert!(!mismatch(&core.eval(&call, &ints, Profile::Py311)));
        }
    }
}
