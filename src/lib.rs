//! # rstats
//!
//! CPython's `statistics` — `mean`, `median`, `variance`, `stdev`, `pvariance`, `pstdev`,
//! `quantiles` — and the endpoint function built on them ([`compute_stats`]), computed in Rust
//! **bit for bit** as CPython computes them: same value, same Python type (int or float), same
//! exception. Where CPython versions differ, a [`Profile`] says which one to match.
//!
//! ```
//! use rstats::{compute_stats, mean, Method, Number, Profile};
//! let talk = [1i64, 3, 5, 7, 9, 10, 13, 84, 528];
//! // The naive f64 mean is 73.33333333333334; CPython's exact mean is:
//! assert_eq!(mean(&talk).unwrap(), Number::Float(73.33333333333333));
//! let s = compute_stats(&talk, Method::Exclusive, Profile::Py311).unwrap();
//! assert_eq!(s.quartiles, vec![Number::Float(4.0), Number::Float(9.0), Number::Float(48.5)]);
//! ```
//!
//! Layout: [`number`] (Python's numbers) → [`exact`] (exact sums and correct rounding) →
//! [`arith`] (Python's mixed arithmetic) → [`summary`], [`spread`], [`quantile`], [`stats`]
//! (the functions) → `python` (the PyO3 binding) and `parity` (the differential harness).

pub mod arith;
pub mod bucket_select;
pub mod error;
pub mod exact;
pub mod format;
pub mod libm;
pub mod number;
pub mod order;
pub mod parity;
pub mod profile;
pub mod python;
pub mod quantile;
pub mod sample;
pub mod spread;
pub mod stats;
pub mod summary;

pub use error::{Function, Overflow, PyExceptionKind, Result, StatsError};
pub use number::{Number, PyType};
pub use profile::Profile;
pub use quantile::{quantiles, quantiles_named, Method};
pub use sample::Sample;
pub use spread::{pstdev, pvariance, stdev, variance};
pub use stats::{compute_stats, compute_stats_named, mean, median, Stats};
