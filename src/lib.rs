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
//! ## Features
//!
//! | feature | adds | dependencies it brings |
//! |---|---|---|
//! | (none, the default) | the core: everything re-exported below | num-bigint, num-integer, num-traits, thiserror, libc, unicode-general-category |
//! | `python` | the PyO3 extension module `rstats` (built by maturin) | pyo3 |
//! | `statrs` | the talk's statrs port as the quantile method `statrs` | statrs |
//! | `parity` | [`parity`]: the differential harness library (embedded and subprocess CPython references) | pyo3, proptest, approx, serde, serde_json |
//! | `cli` | the `rstats-parity` tool (implies `parity` and `statrs`) | clap, indicatif |
//!
//! ## API
//!
//! The items re-exported at the crate root are the documented API. [`internals`] exposes the
//! building blocks (exact arithmetic, order statistics, Python's formatting) to this crate's own
//! tests, fuzzers and harness: it is **not** covered by semantic versioning.
//!
//! Layout: `number` (Python's numbers) → `exact` (exact sums and correct rounding) → `arith`
//! (Python's mixed arithmetic) → `summary`, `spread`, `quantile`, `stats` (the functions) →
//! `python` (the PyO3 binding) and `parity` (the differential harness).

#[cfg(feature = "parity")]
pub mod parity;
#[cfg(feature = "python")]
mod python;

pub use error::{Function, Overflow, PyExceptionKind, Result, StatsError};
pub use fmean::fmean;
pub use number::{Number, PyType};
pub use profile::{Behaviour, Profile};
pub use quantile::hyndman_fan::HyndmanFan;
pub use quantile::{quantiles, quantiles_named, Method};
pub use sample::Sample;
pub use spread::{pstdev, pvariance, stdev, variance};
pub use stats::{compute_stats, compute_stats_named, mean, median, Stats};

// The core's modules. They are public only so that [`internals`] can name them; they are hidden
// from the documentation and are not part of the API.
#[doc(hidden)]
pub mod arith;
#[doc(hidden)]
pub mod bucket_select;
#[doc(hidden)]
pub mod error;
#[doc(hidden)]
pub mod exact;
#[doc(hidden)]
pub mod fmean;
#[doc(hidden)]
pub mod format;
#[doc(hidden)]
pub mod fsum;
#[doc(hidden)]
pub mod libm;
#[doc(hidden)]
pub mod number;
#[doc(hidden)]
pub mod order;
#[doc(hidden)]
pub mod profile;
#[doc(hidden)]
pub mod quantile;
#[doc(hidden)]
pub mod sample;
#[doc(hidden)]
pub mod spread;
#[doc(hidden)]
pub mod stats;
#[doc(hidden)]
pub mod summary;
#[doc(hidden)]
pub mod sumprod;

/// The building blocks behind the API, for this crate's tests, fuzz targets and harness.
///
/// **Not covered by semantic versioning**: anything here may change or go in any release.
/// Use the items re-exported at the crate root instead.
#[doc(hidden)]
pub mod internals {
    pub use crate::{
        arith, bucket_select, error, exact, fmean, format, fsum, libm, number, order, profile,
        quantile, sample, spread, stats, summary, sumprod,
    };
}
