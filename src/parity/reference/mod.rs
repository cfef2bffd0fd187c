//! The CPython side of a comparison: an interpreter that evaluates `statistics.<function>` and
//! `reference/stats.py`'s `stats_py` and returns exact [`Outcome`]s.
//!
//! Two backends, one trait:
//! - [`embedded::EmbeddedPython`]: the CPython pyo3 links against, in this process (fast; the
//!   default of `rstats-parity` and of `cargo test`);
//! - [`subprocess::SubprocessPython`]: any `python3` (3.8 or later) running
//!   `reference/parity_worker.py`, speaking JSON lines over its stdin/stdout (`--python PATH`,
//!   `matrix`).
//!
//! ```
//! use rstats::parity::call::Call;
//! use rstats::parity::reference::{embedded::EmbeddedPython, Reference};
//! use rstats::Number;
//! let mut python = EmbeddedPython::new().unwrap();
//! assert!(python.version() >= (3, 8));
//! let out = python.eval(&[Number::Int(1), Number::Int(2)], &[Call::Mean]).unwrap();
//! assert_eq!(out[0].to_string(), "1.5");
//! ```

pub mod embedded;
pub mod subprocess;

use super::call::Call;
use super::outcome::Outcome;
use crate::number::Number;
use crate::profile::Profile;
use std::path::{Path, PathBuf};

/// The source of `reference/stats.py` (the endpoint's `stats_py`), embedded.
pub const STATS_PY_SOURCE: &str = include_str!("../../../reference/stats.py");

/// The source of `reference/parity_worker.py`, embedded.
pub const WORKER_SOURCE: &str = include_str!("../../../reference/parity_worker.py");

/// Why a reference could not answer.
#[derive(Debug, thiserror::Error)]
pub enum ReferenceError {
    /// `--python PATH` names nothing.
    #[error("interpreter {0:?} does not exist")]
    NotFound(PathBuf),
    /// The interpreter could not be started.
    #[error("cannot start {path:?}: {source}")]
    Spawn {
        /// The interpreter.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The interpreter started but did not behave as a CPython running the worker.
    #[error("{path:?} is not a usable Python 3.8+ interpreter: {detail}")]
    NotPython {
        /// The interpreter.
        path: PathBuf,
        /// What happened (the last line of its error output, or the timeout).
        detail: String,
    },
    /// A CPython older than 3.8 (no `statistics.quantiles`).
    #[error("CPython {major}.{minor} is not supported as a reference (3.8 or later)")]
    UnsupportedVersion {
        /// Major version.
        major: u32,
        /// Minor version.
        minor: u32,
    },
    /// The worker died or broke the protocol during a campaign.
    #[error("reference worker failed: {0}")]
    Worker(String),
    /// The embedded interpreter failed outside of the evaluated call (a harness bug).
    #[error("embedded CPython failed: {0}")]
    Embedded(String),
    /// CPython returned something the exact encoding cannot hold (a harness bug).
    #[error("unexpected result from CPython: {0}")]
    Unexpected(String),
}

/// An interpreter that evaluates calls exactly.
pub trait Reference: Send {
    /// The interpreter's `sys.version`, on one line.
    fn describe(&self) -> String;
    /// `(major, minor)` of the interpreter.
    fn version(&self) -> (u32, u32);
    /// `(major, minor, micro)` of the interpreter: what its profile follows.
    fn release(&self) -> (u32, u32, u32);
    /// Where the interpreter is (`embedded` or the executable's path).
    fn location(&self) -> String;
    /// Evaluates every call on its own copy of `data`, in order.
    fn eval(&mut self, data: &[Number], calls: &[Call]) -> Result<Vec<Outcome>, ReferenceError> {
        self.submit(data, calls)?;
        self.collect()
    }

    /// Starts evaluating `calls` on `data`; [`Reference::collect`] returns the outcomes. A worker
    /// process computes while the caller does something else (the Rust side of the comparison);
    /// an in-process interpreter may simply compute here or in `collect`. One request at a time.
    fn submit(&mut self, data: &[Number], calls: &[Call]) -> Result<(), ReferenceError>;

    /// The outcomes of the last [`Reference::submit`].
    fn collect(&mut self) -> Result<Vec<Outcome>, ReferenceError>;

    /// The profile that matches this interpreter (its release, micro version included).
    fn profile(&self) -> Option<Profile> {
        let (major, minor, micro) = self.release();
        Profile::from_release(major, minor, micro)
    }
}

/// `sys.version` on one line (3.8 and 3.9 put the compiler on a second line).
pub fn one_line(version: &str) -> String {
    version.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a report says about its reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceInfo {
    /// `sys.version`, one line.
    pub sys_version: String,
    /// `(major, minor)`.
    pub version: (u32, u32),
    /// `embedded (libpython …)` or the interpreter's path.
    pub location: String,
}

impl ReferenceInfo {
    /// The description of `r`.
    pub fn of(r: &dyn Reference) -> ReferenceInfo {
        ReferenceInfo {
            sys_version: r.describe(),
            version: r.version(),
            location: r.location(),
        }
    }
}

/// The references of a campaign with `jobs` workers.
///
/// With `python`, `jobs` worker processes of that interpreter. Without, the embedded CPython;
/// for `jobs > 1`, `jobs` worker processes of the embedded interpreter's own executable instead
/// (threads would only queue on its GIL), provided it reports exactly the embedded
/// `sys.version`; otherwise `jobs` handles on the embedded interpreter.
pub fn open(python: Option<&Path>, jobs: usize) -> Result<Vec<Box<dyn Reference>>, ReferenceError> {
    let jobs = jobs.max(1);
    let mut out: Vec<Box<dyn Reference>> = Vec::with_capacity(jobs);
    if let Some(path) = python {
        for _ in 0..jobs {
            out.push(Box::new(subprocess::SubprocessPython::spawn(path)?));
        }
        return Ok(out);
    }
    let embedded = embedded::EmbeddedPython::new()?;
    if jobs > 1 {
        if let Some(exe) = embedded.executable() {
            let mut workers: Vec<Box<dyn Reference>> = Vec::with_capacity(jobs);
            for _ in 0..jobs {
                match subprocess::SubprocessPython::spawn(&exe) {
                    Ok(w) if w.describe() == embedded.describe() => workers.push(Box::new(w)),
                    _ => break,
                }
            }
            if workers.len() == jobs {
                return Ok(workers);
            }
        }
    }
    out.push(Box::new(embedded));
    while out.len() < jobs {
        out.push(Box::new(embedded::EmbeddedPython::new()?));
    }
    Ok(out)
}
