//! Python's numbers, as a Python list of numbers holds them.
//!
//! A [`Number`] is a Python `int` (any size: a machine-integer fast path, a big integer beyond it),
//! a `bool` (an `int` subclass that keeps its own type where CPython keeps it, e.g. `median`), or a
//! `float` (IEEE binary64). Comparisons between them are exact, as Python's are: `2**53 + 1` is
//! greater than `9007199254740992.0` although the int converts to that float.
//!
//! ```
//! use rstats::Number;
//! use std::cmp::Ordering;
//! let big = Number::Int((1i64 << 53) + 1);
//! let float = Number::Float(9007199254740992.0);
//! assert_eq!(big.py_cmp(&float), Some(Ordering::Greater));
//! assert_eq!(Number::Int(1).py_cmp(&Number::Float(1.0)), Some(Ordering::Equal));
//! assert_eq!(Number::Float(f64::NAN).py_cmp(&Number::Int(1)), None);
//! ```

use num_bigint::BigInt;
use num_traits::{FromPrimitive, ToPrimitive};
use std::cmp::Ordering;
use std::fmt;

/// One value of a Python list of numbers.
#[derive(Debug, Clone)]
pub enum Number {
    /// A Python `int` that fits in an `i64`.
    Int(i64),
    /// A Python `int` outside the `i64` range (never holds a value that fits in `i64`; build it
    /// with [`Number::from_bigint`]).
    BigInt(Box<BigInt>),
    /// A Python `bool`.
    Bool(bool),
    /// A Python `float`.
    Float(f64),
}

/// The Python type of a [`Number`], as `type(x).__name__` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PyType {
    /// `int`, of any size.
    Int,
    /// `bool`.
    Bool,
    /// `float`.
    Float,
}

impl PyType {
    /// The name Python gives the type.
    pub fn name(self) -> &'static str {
        match self {
            PyType::Int => "int",
            PyType::Bool => "bool",
            PyType::Float => "float",
        }
    }
}

impl Number {
    /// An `int` from a big integer, kept in the machine-integer form when it fits.
    pub fn from_bigint(value: BigInt) -> Number {
        match value.to_i64() {
            Some(small) => Number::Int(small),
            None => Number::BigInt(Box::new(value)),
        }
    }

    /// An `int` from an `i128`, kept in the machine-integer form when it fits.
    pub fn from_i128(value: i128) -> Number {
        match i64::try_from(value) {
            Ok(small) => Number::Int(small),
            Err(_) => Number::BigInt(Box::new(BigInt::from(value))),
        }
    }

    /// The Python type of this value.
    pub fn py_type(&self) -> PyType {
        match self {
            Number::Int(_) | Number::BigInt(_) => PyType::Int,
            Number::Bool(_) => PyType::Bool,
            Number::Float(_) => PyType::Float,
        }
    }

    /// True for a `float`.
    pub fn is_float(&self) -> bool {
        matches!(self, Number::Float(_))
    }

    /// True for a float NaN.
    pub fn is_nan(&self) -> bool {
        matches!(self, Number::Float(x) if x.is_nan())
    }

    /// True for every int and bool, and for finite floats.
    pub fn is_finite(&self) -> bool {
        match self {
            Number::Float(x) => x.is_finite(),
            _ => true,
        }
    }

    /// The integer value of an int or bool (`None` for a float).
    pub fn to_bigint(&self) -> Option<BigInt> {
        match self {
            Number::Int(i) => Some(BigInt::from(*i)),
            Number::BigInt(b) => Some((**b).clone()),
            Number::Bool(b) => Some(BigInt::from(u8::from(*b))),
            Number::Float(_) => None,
        }
    }

    /// The integer value of an int or bool when it fits in `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Number::Int(i) => Some(*i),
            Number::Bool(b) => Some(i64::from(*b)),
            _ => None,
        }
    }

    /// Python's `a < b`, `a == b`, `a > b` as one ordering: exact between ints and floats.
    /// `None` when either side is a NaN (every comparison with NaN is false in Python).
    pub fn py_cmp(&self, other: &Number) -> Option<Ordering> {
        use Number::*;
        match (self, other) {
            (Float(a), Float(b)) => a.partial_cmp(b),
            (Float(a), b) => b.cmp_float(*a).map(Ordering::reverse),
            (a, Float(b)) => a.cmp_float(*b),
            (a, b) => match (a.as_i64(), b.as_i64()) {
                (Some(x), Some(y)) => Some(x.cmp(&y)),
                _ => {
                    let x = a.to_bigint()?;
                    let y = b.to_bigint()?;
                    Some(x.cmp(&y))
                }
            },
        }
    }

    /// Exact comparison of an int or bool (self) with a float.
    fn cmp_float(&self, f: f64) -> Option<Ordering> {
        match self.as_i64() {
            Some(i) => cmp_i64_f64(i, f),
            None => match self {
                Number::BigInt(b) => cmp_bigint_f64(b, f),
                _ => None,
            },
        }
    }
}

/// Exact comparison of an `i64` with an `f64`, as CPython's `int < float` compares them.
///
/// ```
/// use rstats::internals::number::cmp_i64_f64;
/// use std::cmp::Ordering;
/// assert_eq!(cmp_i64_f64(i64::MAX, 9.223372036854775807e18), Some(Ordering::Less));
/// assert_eq!(cmp_i64_f64(3, 2.5), Some(Ordering::Greater));
/// ```
pub fn cmp_i64_f64(i: i64, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    // 2**63 is exactly representable; every i64 is below it.
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    if f >= TWO_63 {
        return Some(Ordering::Less);
    }
    if f < -TWO_63 {
        return Some(Ordering::Greater);
    }
    // Now -2**63 <= floor(f) < 2**63: the cast is exact.
    let floor = f.floor();
    let floor_int = floor as i64;
    Some(match i.cmp(&floor_int) {
        Ordering::Equal if f > floor => Ordering::Less,
        other => other,
    })
}

/// Exact comparison of a big integer with an `f64`.
pub fn cmp_bigint_f64(i: &BigInt, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    let floor = f.floor();
    // A finite float's floor is an integer that BigInt represents exactly.
    let floor_int = BigInt::from_f64(floor)?;
    Some(match i.cmp(&floor_int) {
        Ordering::Equal if f > floor => Ordering::Less,
        other => other,
    })
}

impl PartialEq for Number {
    /// Identity of the Python value *and* type: `1 != 1.0` here and `0.0 != -0.0` (floats are
    /// compared by their IEEE bits). This is the "bit for bit" equality of the parity harness; use
    /// [`Number::py_cmp`] for Python's `==`.
    ///
    /// The one exception: every NaN equals every NaN. CPython does not keep the sign and payload
    /// of a NaN deterministically (when two NaNs meet in `a + b`, which one survives depends on
    /// how the C compiler ordered the operands, and on 3.12+ on whether the adaptive interpreter
    /// has specialized the addition yet), so NaN bits are not part of its observable contract.
    fn eq(&self, other: &Number) -> bool {
        use Number::*;
        match (self, other) {
            (Int(a), Int(b)) => a == b,
            (BigInt(a), BigInt(b)) => a == b,
            (Bool(a), Bool(b)) => a == b,
            (Float(a), Float(b)) => a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()),
            _ => false,
        }
    }
}

impl fmt::Display for Number {
    /// Python's `repr()` for ints and bools and, for floats, Rust's shortest round-trip form with
    /// Python's spelling of the special values (`inf`, `-inf`, `nan`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::Int(i) => write!(f, "{i}"),
            Number::BigInt(b) => write!(f, "{b}"),
            Number::Bool(true) => write!(f, "True"),
            Number::Bool(false) => write!(f, "False"),
            Number::Float(x) => write!(f, "{}", crate::format::py_float_repr(*x)),
        }
    }
}

impl From<f64> for Number {
    fn from(x: f64) -> Number {
        Number::Float(x)
    }
}

impl From<i64> for Number {
    fn from(i: i64) -> Number {
        Number::Int(i)
    }
}

impl From<bool> for Number {
    fn from(b: bool) -> Number {
        Number::Bool(b)
    }
}

impl From<BigInt> for Number {
    fn from(b: BigInt) -> Number {
        Number::from_bigint(b)
    }
}
