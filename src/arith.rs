//! Python's arithmetic on ints and floats, operation by operation.
//!
//! `int op int` is exact (`/` is correctly rounded); as soon as a float is involved the int is
//! converted to the nearest float first (raising `OverflowError` beyond the float range) and the
//! operation is one IEEE operation. `float ** 2` is CPython's `float_pow`: special cases, then
//! libm's `pow()` with its errno check.
//!
//! ```
//! use rstats::internals::arith;
//! use rstats::Number;
//! let big = Number::Int((1 << 53) + 1);
//! // int - int is exact, then one conversion:
//! assert_eq!(arith::to_float(&arith::sub(&big, &Number::Int(1)).unwrap()).unwrap(), 9007199254740992.0);
//! // int - float converts the int first (2**53 + 1 -> 2**53):
//! assert_eq!(arith::sub(&big, &Number::Float(1.0)).unwrap(), Number::Float(9007199254740991.0));
//! assert_eq!(arith::true_div(&Number::Int(7), &Number::Int(2)).unwrap(), 3.5);
//! ```

use crate::error::{Overflow, Result, StatsError};
use crate::exact::rounding::{int_to_f64, ratio_to_f64};
use crate::number::Number;
use num_bigint::BigInt;

/// `float(x)`.
pub fn to_float(x: &Number) -> Result<f64> {
    match x {
        Number::Float(f) => Ok(*f),
        Number::Int(i) => Ok(*i as f64),
        Number::Bool(b) => Ok(f64::from(u8::from(*b))),
        Number::BigInt(b) => int_to_f64(b).ok_or(StatsError::Overflow(Overflow::IntToFloat)),
    }
}

/// Either both operands as exact integers, or both as floats (Python's coercion).
enum Operands {
    Ints(i64, i64),
    BigInts(BigInt, BigInt),
    Floats(f64, f64),
}

fn coerce(a: &Number, b: &Number) -> Result<Operands> {
    if a.is_float() || b.is_float() {
        return Ok(Operands::Floats(to_float(a)?, to_float(b)?));
    }
    match (a.as_i64(), b.as_i64()) {
        (Some(x), Some(y)) => Ok(Operands::Ints(x, y)),
        _ => Ok(Operands::BigInts(
            a.to_bigint().unwrap_or_default(),
            b.to_bigint().unwrap_or_default(),
        )),
    }
}

/// `a + b`.
pub fn add(a: &Number, b: &Number) -> Result<Number> {
    Ok(match coerce(a, b)? {
        Operands::Ints(x, y) => Number::from_i128(i128::from(x) + i128::from(y)),
        Operands::BigInts(x, y) => Number::from_bigint(x + y),
        Operands::Floats(x, y) => Number::Float(x + y),
    })
}

/// `a - b`.
pub fn sub(a: &Number, b: &Number) -> Result<Number> {
    Ok(match coerce(a, b)? {
        Operands::Ints(x, y) => Number::from_i128(i128::from(x) - i128::from(y)),
        Operands::BigInts(x, y) => Number::from_bigint(x - y),
        Operands::Floats(x, y) => Number::Float(x - y),
    })
}

/// `a * b`.
pub fn mul(a: &Number, b: &Number) -> Result<Number> {
    Ok(match coerce(a, b)? {
        Operands::Ints(x, y) => Number::from_i128(i128::from(x) * i128::from(y)),
        Operands::BigInts(x, y) => Number::from_bigint(x * y),
        Operands::Floats(x, y) => Number::Float(x * y),
    })
}

/// `a / b` (true division; `b` is never zero here: the callers divide by counts).
pub fn true_div(a: &Number, b: &Number) -> Result<f64> {
    match coerce(a, b)? {
        Operands::Ints(x, y) => {
            let (x, y) = (BigInt::from(x), BigInt::from(y));
            int_ratio(&x, &y)
        }
        Operands::BigInts(x, y) => int_ratio(&x, &y),
        Operands::Floats(x, y) => Ok(x / y),
    }
}

/// `x / y` for ints: correctly rounded, `OverflowError` beyond the float range.
fn int_ratio(x: &BigInt, y: &BigInt) -> Result<f64> {
    let (num, den) = if y.sign() == num_bigint::Sign::Minus {
        (-x, -y)
    } else {
        (x.clone(), y.clone())
    };
    let den = den.magnitude();
    ratio_to_f64(&num, den).ok_or(StatsError::Overflow(Overflow::IntDivision))
}

/// `x ** 2`: exact for ints, CPython's `float_pow(x, 2.0)` for floats.
pub fn square(x: &Number) -> Result<Number> {
    match x {
        Number::Float(f) => float_square(*f).map(Number::Float),
        Number::Int(i) => Ok(Number::from_i128(i128::from(*i) * i128::from(*i))),
        Number::Bool(b) => Ok(Number::Int(i64::from(*b))),
        Number::BigInt(b) => Ok(Number::from_bigint(&**b * &**b)),
    }
}

/// CPython's `float ** 2` (`float_pow` with `iw == 2.0`).
///
/// ```
/// use rstats::internals::arith::float_square;
/// assert_eq!(float_square(-3.0).unwrap(), 9.0);
/// assert_eq!(float_square(-0.0).unwrap().to_bits(), 0.0f64.to_bits());
/// assert!(float_square(1e200).is_err()); // OverflowError: (34, 'Numerical result out of range')
/// ```
pub fn float_square(x: f64) -> Result<f64> {
    if x.is_nan() {
        return Ok(x);
    }
    if x.is_infinite() {
        return Ok(x.abs());
    }
    if x == 0.0 {
        return Ok(0.0);
    }
    let x = x.abs();
    if x == 1.0 {
        return Ok(1.0);
    }
    let (result, errno) = crate::libm::pow_with_errno(x, 2.0);
    // _Py_ADJUST_ERANGE1
    let errno = if errno == 0 {
        if result.is_infinite() {
            libc::ERANGE
        } else {
            0
        }
    } else if errno == libc::ERANGE && result == 0.0 {
        0
    } else {
        errno
    };
    match errno {
        0 => Ok(result),
        // CPython raises ValueError for any other errno; libm sets none for a square.
        _ => Err(StatsError::Overflow(Overflow::Pow)),
    }
}
