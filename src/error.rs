//! One typed error for everything the core can refuse, with the Python exception each case is.
//!
//! `Display` is CPython's own message wherever CPython raises (so the Python binding can raise the
//! same exception with the same text); [`StatsError::exception`] names the exception class.
//!
//! ```
//! use rstats::{StatsError, PyExceptionKind, Function};
//! let e = StatsError::TooFewPoints { function: Function::Stdev, required: 2, got: 1 };
//! assert_eq!(e.to_string(), "stdev requires at least two data points");
//! assert_eq!(e.exception(), PyExceptionKind::StatisticsError);
//! ```

use crate::format::py_str_repr;
use thiserror::Error;

/// The statistics functions, for error messages and reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Function {
    /// `statistics.mean`
    Mean,
    /// `statistics.fmean`
    Fmean,
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
    /// The endpoint's `stats_py` / rstats' `compute_stats`.
    ComputeStats,
}

impl Function {
    /// The Python name of the function.
    pub fn name(self) -> &'static str {
        match self {
            Function::Mean => "mean",
            Function::Fmean => "fmean",
            Function::Median => "median",
            Function::Variance => "variance",
            Function::Stdev => "stdev",
            Function::Pvariance => "pvariance",
            Function::Pstdev => "pstdev",
            Function::Quantiles => "quantiles",
            Function::ComputeStats => "compute_stats",
        }
    }
}

/// The Python exception class an error is raised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PyExceptionKind {
    /// `statistics.StatisticsError` (a `ValueError` subclass).
    StatisticsError,
    /// `ValueError`
    ValueError,
    /// `TypeError`
    TypeError,
    /// `OverflowError`
    OverflowError,
    /// `AttributeError` (CPython 3.11+ `stdev` of non-finite data).
    AttributeError,
    /// `IndexError` (`stats_py` of an empty list).
    IndexError,
    /// `AssertionError` (CPython 3.8's guard against a negative sum of squares).
    AssertionError,
    /// `MemoryError`
    MemoryError,
    /// Not a Python exception: the core does not compute this case, and a binding must hand the
    /// input to the running `statistics` module instead.
    Unsupported,
}

impl PyExceptionKind {
    /// The class name, as `type(e).__name__` gives it.
    pub fn name(self) -> &'static str {
        match self {
            PyExceptionKind::StatisticsError => "StatisticsError",
            PyExceptionKind::ValueError => "ValueError",
            PyExceptionKind::TypeError => "TypeError",
            PyExceptionKind::OverflowError => "OverflowError",
            PyExceptionKind::AttributeError => "AttributeError",
            PyExceptionKind::IndexError => "IndexError",
            PyExceptionKind::AssertionError => "AssertionError",
            PyExceptionKind::MemoryError => "MemoryError",
            PyExceptionKind::Unsupported => "Unsupported",
        }
    }
}

/// Which of CPython's float overflows happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Overflow {
    /// `float(int)` or `int + float` with an int beyond the float range.
    IntToFloat,
    /// `int / int` (and `float(Fraction)`) whose quotient is beyond the float range.
    IntDivision,
    /// `float ** 2` beyond the float range (libm's ERANGE, CPython 3.8–3.9 `_ss`).
    Pow,
}

/// Everything the core can refuse; never a panic.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum StatsError {
    /// No data where the function needs at least one point.
    #[error("{}", no_data_message(*.function))]
    NoData {
        /// The function that was called.
        function: Function,
    },
    /// Fewer points than the function needs.
    #[error("{}", too_few_message(*.function, *.required))]
    TooFewPoints {
        /// The function that was called.
        function: Function,
        /// How many points it needs.
        required: usize,
        /// How many it got.
        got: usize,
    },
    /// `quantiles` with `n < 1`.
    #[error("n must be at least 1")]
    InvalidN {
        /// The n that was given.
        n: i64,
    },
    /// A method name that is not one of [`crate::Method::NAMES`].
    #[error("Unknown method: {}", py_str_repr(.name))]
    UnknownMethod {
        /// The name that was given.
        name: String,
    },
    /// A float overflow where CPython raises `OverflowError`.
    #[error("{}", overflow_message(*.0))]
    Overflow(Overflow),
    /// CPython 3.10: the mean of non-finite data has no integer ratio.
    #[error("cannot convert {} to integer ratio", if *.nan { "NaN" } else { "Infinity" })]
    NonFiniteRatio {
        /// NaN (a `ValueError`) rather than an infinity (an `OverflowError`).
        nan: bool,
    },
    /// CPython 3.11+: `stdev`/`pstdev` of non-finite data reach `float.numerator`.
    #[error("'float' object has no attribute 'numerator'")]
    NonFiniteNoNumerator,
    /// CPython 3.13.10+, 3.14.1+, 3.15 (gh-140938): `stdev`/`pstdev` of non-finite data.
    #[error("inf or nan encountered in data")]
    NonFiniteStdev,
    /// CPython 3.8–3.9's `assert not total < 0` in `_ss` failed.
    #[error("negative sum of square deviations: {total:.6}")]
    NegativeSumOfSquares {
        /// The negative total, rounded to a float.
        total: f64,
    },
    /// A value of a type the statistics functions do not accept.
    #[error("can't convert type {} to numerator/denominator", py_str_repr(.type_name))]
    UnsupportedValue {
        /// Python's name of the type.
        type_name: String,
    },
    /// `math.fsum`: the running sum of finite values overflowed.
    #[error("intermediate overflow in fsum")]
    FsumOverflow,
    /// `math.fsum` of `inf` and `-inf`.
    #[error("-inf + inf in fsum")]
    FsumInfMinusInf,
    /// `fmean(data, weights)` with lengths that differ.
    #[error("data and weights must be the same length")]
    WeightsLength,
    /// `fmean(data, weights)` whose weights sum to zero.
    #[error("sum of weights must be non-zero")]
    ZeroSumOfWeights,
    /// A working buffer CPython would fail to allocate too (the message is CPython's).
    #[error("{0}")]
    NoMemory(&'static str),
    /// More cut points than memory allows.
    #[error("cannot allocate {requested} results")]
    OutOfMemory {
        /// How many values were asked for.
        requested: u64,
    },
    /// An input the core does not compute bit for bit (for example NaN in an order-dependent
    /// function, whose result depends on the exact comparisons of CPython's list sort); a binding
    /// delegates it to CPython.
    #[error("not computed by the rstats core: {reason}")]
    Unsupported {
        /// Why.
        reason: &'static str,
    },
}

/// The core's result type.
pub type Result<T> = std::result::Result<T, StatsError>;

fn no_data_message(function: Function) -> String {
    match function {
        Function::Median => "no median for empty data".to_string(),
        Function::Quantiles => "must have at least one data point".to_string(),
        Function::ComputeStats => "list index out of range".to_string(),
        f => format!("{} requires at least one data point", f.name()),
    }
}

fn too_few_message(function: Function, required: usize) -> String {
    let count = if required == 2 {
        "two".to_string()
    } else {
        required.to_string()
    };
    match function {
        Function::Quantiles => format!("must have at least {count} data points"),
        f => format!("{} requires at least {count} data points", f.name()),
    }
}

fn overflow_message(kind: Overflow) -> &'static str {
    match kind {
        Overflow::IntToFloat => "int too large to convert to float",
        Overflow::IntDivision => "integer division result too large for a float",
        Overflow::Pow => "(34, 'Numerical result out of range')",
    }
}

impl StatsError {
    /// The Python exception CPython raises in this case.
    pub fn exception(&self) -> PyExceptionKind {
        match self {
            StatsError::NoData {
                function: Function::ComputeStats,
            } => PyExceptionKind::IndexError,
            StatsError::NoData { .. }
            | StatsError::TooFewPoints { .. }
            | StatsError::InvalidN { .. } => PyExceptionKind::StatisticsError,
            StatsError::UnknownMethod { .. } => PyExceptionKind::ValueError,
            StatsError::Overflow(_) => PyExceptionKind::OverflowError,
            StatsError::NonFiniteRatio { nan: true } => PyExceptionKind::ValueError,
            StatsError::NonFiniteRatio { nan: false } => PyExceptionKind::OverflowError,
            StatsError::NonFiniteNoNumerator => PyExceptionKind::AttributeError,
            StatsError::NonFiniteStdev => PyExceptionKind::ValueError,
            StatsError::NegativeSumOfSquares { .. } => PyExceptionKind::AssertionError,
            StatsError::UnsupportedValue { .. } => PyExceptionKind::TypeError,
            StatsError::OutOfMemory { .. } | StatsError::NoMemory(_) => {
                PyExceptionKind::MemoryError
            }
            StatsError::FsumOverflow => PyExceptionKind::OverflowError,
            StatsError::FsumInfMinusInf => PyExceptionKind::ValueError,
            StatsError::WeightsLength | StatsError::ZeroSumOfWeights => {
                PyExceptionKind::StatisticsError
            }
            StatsError::Unsupported { .. } => PyExceptionKind::Unsupported,
        }
    }
}
