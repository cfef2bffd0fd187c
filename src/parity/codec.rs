//! The exact JSON encoding of Python numbers shared by the golden vectors, the subprocess
//! reference worker, the corpus and the reports: ints as decimal strings, floats as `float.hex()`
//! (NaN with its raw bits), bools as JSON booleans.
//!
//! ```
//! use rstats::parity::codec::{float_hex, parse_float_hex, number_to_json, number_from_json};
//! use rstats::Number;
//! assert_eq!(float_hex(1.0), "0x1.0000000000000p+0");
//! assert_eq!(float_hex(5e-324), "0x0.0000000000001p-1022");
//! assert_eq!(parse_float_hex("0x1.8000000000000p+1"), Some(3.0));
//! let n = Number::Float(-0.0);
//! assert_eq!(number_from_json(&number_to_json(&n)).unwrap(), n);
//! ```

use crate::exact::Dyadic;
use crate::number::Number;
use num_bigint::BigInt;
use serde_json::{json, Value};

/// Python's `float.hex()`.
pub fn float_hex(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.into();
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7FF) as i64;
    let fraction = bits & ((1 << 52) - 1);
    if biased == 0 && fraction == 0 {
        return format!("{sign}0x0.0p+0");
    }
    let (lead, exp) = if biased == 0 {
        (0, -1022)
    } else {
        (1, biased - 1023)
    };
    let exp_sign = if exp < 0 { '-' } else { '+' };
    format!("{sign}0x{lead}.{fraction:013x}p{exp_sign}{}", exp.abs())
}

/// Parses `float.hex()` output (and `inf`, `-inf`, `nan`), exactly.
pub fn parse_float_hex(s: &str) -> Option<f64> {
    let s = s.trim();
    let (negative, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let magnitude = match body {
        "inf" | "infinity" => f64::INFINITY,
        "nan" => f64::NAN,
        _ => {
            let hex = body.strip_prefix("0x")?;
            let (mantissa, exp) = hex.split_once('p')?;
            let exp: i64 = exp.parse().ok()?;
            let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
            let digits = format!("{int_part}{frac_part}");
            let m = BigInt::parse_bytes(digits.as_bytes(), 16)?;
            let value = Dyadic::new(m, exp - 4 * frac_part.len() as i64);
            value.to_ratio().to_f64()?
        }
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// A number as JSON: `{"i": "12"}`, `{"b": true}`, `{"f": "0x1.8p+1"}` or
/// `{"f": "nan", "bits": "7ff8000000000000"}`.
pub fn number_to_json(n: &Number) -> Value {
    match n {
        Number::Int(i) => json!({ "i": i.to_string() }),
        Number::BigInt(b) => json!({ "i": b.to_string() }),
        Number::Bool(b) => json!({ "b": b }),
        Number::Float(x) if x.is_nan() => {
            json!({ "f": "nan", "bits": format!("{:016x}", x.to_bits()) })
        }
        Number::Float(x) => json!({ "f": float_hex(*x) }),
    }
}

/// Reads a number written by [`number_to_json`] (or by the Python side's encoder).
pub fn number_from_json(v: &Value) -> Result<Number, String> {
    if let Some(i) = v.get("i") {
        let text = i.as_str().ok_or("int must be a decimal string")?;
        let value = text
            .parse::<BigInt>()
            .map_err(|e| format!("bad int {text:?}: {e}"))?;
        return Ok(Number::from_bigint(value));
    }
    if let Some(b) = v.get("b") {
        return b
            .as_bool()
            .map(Number::Bool)
            .ok_or_else(|| "bool must be true/false".into());
    }
    if let Some(f) = v.get("f") {
        let text = f.as_str().ok_or("float must be a hex string")?;
        if let Some(bits) = v.get("bits").and_then(Value::as_str) {
            let bits = u64::from_str_radix(bits, 16).map_err(|e| format!("bad bits: {e}"))?;
            return Ok(Number::Float(f64::from_bits(bits)));
        }
        return parse_float_hex(text)
            .map(Number::Float)
            .ok_or_else(|| format!("bad float hex {text:?}"));
    }
    Err(format!("not an encoded number: {v}"))
}

/// Reads a JSON list of encoded numbers.
pub fn numbers_from_json(v: &Value) -> Result<Vec<Number>, String> {
    v.as_array()
        .ok_or_else(|| format!("expected a list, got {v}"))?
        .iter()
        .map(number_from_json)
        .collect()
}

/// A list of numbers as JSON.
pub fn numbers_to_json(ns: &[Number]) -> Value {
    Value::Array(ns.iter().map(number_to_json).collect())
}

/// Reads a plain JSON list of numbers as a user types it (`[1, 2.5, 1e308, true]`): JSON
/// integers become Python ints of any size, numbers with a fraction or exponent floats.
pub fn numbers_from_plain_json(text: &str) -> Result<Vec<Number>, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
    let items = value
        .as_array()
        .ok_or_else(|| format!("expected a JSON list of numbers, got {value}"))?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| match item {
            Value::Bool(b) => Ok(Number::Bool(*b)),
            Value::Number(n) => {
                let text = n.to_string();
                if text.contains(['.', 'e', 'E']) {
                    text.parse::<f64>()
                        .map(Number::Float)
                        .map_err(|e| format!("item {i}: {e}"))
                } else {
                    text.parse::<BigInt>()
                        .map(Number::from_bigint)
                        .map_err(|e| format!("item {i}: {e}"))
                }
            }
            Value::String(s) => match s.as_str() {
                "inf" | "Infinity" => Ok(Number::Float(f64::INFINITY)),
                "-inf" | "-Infinity" => Ok(Number::Float(f64::NEG_INFINITY)),
                "nan" | "NaN" => Ok(Number::Float(f64::NAN)),
                _ => Err(format!(
                    "item {i}: {s:?} is not a number (strings allowed: \"inf\", \"-inf\", \"nan\")"
                )),
            },
            other => Err(format!("item {i}: {other} is not a number")),
        })
        .collect()
}

/// A list as the plain JSON a user types for `rstats-parity check`, exactly:
/// [`numbers_from_plain_json`] reads it back to the same numbers (floats in Python's shortest
/// round-trip form, always with a `.` or an exponent; non-finite ones as strings).
///
/// ```
/// use rstats::parity::codec::{numbers_from_plain_json, numbers_to_plain_json};
/// use rstats::Number;
/// let data = vec![Number::Int(1), Number::Float(1e16), Number::Float(-0.0), Number::Bool(true),
///                 Number::Float(f64::INFINITY), Number::Float(5e-324)];
/// let text = numbers_to_plain_json(&data);
/// assert_eq!(text, r#"[1, 1e+16, -0.0, true, "inf", 5e-324]"#);
/// assert_eq!(numbers_from_plain_json(&text).unwrap(), data);
/// ```
pub fn numbers_to_plain_json(ns: &[Number]) -> String {
    let items: Vec<String> = ns
        .iter()
        .map(|n| match n {
            Number::Bool(b) => b.to_string(),
            Number::Float(x) if !x.is_finite() => format!("\"{n}\""),
            other => other.to_string(),
        })
        .collect();
    format!("[{}]", items.join(", "))
}
