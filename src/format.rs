//! Python's text forms of numbers, so reports read the way a Python user expects.
//!
//! ```
//! use rstats::internals::format::py_float_repr;
//! assert_eq!(py_float_repr(73.33333333333333), "73.33333333333333");
//! assert_eq!(py_float_repr(4.0), "4.0");
//! assert_eq!(py_float_repr(1e16), "1e+16");
//! assert_eq!(py_float_repr(0.0001), "0.0001");
//! assert_eq!(py_float_repr(0.00001), "1e-05");
//! assert_eq!(py_float_repr(-0.0), "-0.0");
//! assert_eq!(py_float_repr(f64::NEG_INFINITY), "-inf");
//! ```

/// `repr(x)` of a Python float: the shortest digits that round-trip, in fixed notation for
/// decimal exponents -4..16 and scientific notation (`1e+16`, `5e-324`) outside.
pub fn py_float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".to_string();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    if x == 0.0 {
        return if x.is_sign_negative() { "-0.0" } else { "0.0" }.to_string();
    }
    let sign = if x < 0.0 { "-" } else { "" };
    let (digits, exp) = shortest_digits(x.abs());
    if (-4..16).contains(&exp) {
        let point = exp + 1; // digits before the decimal point
        if point <= 0 {
            let zeros = "0".repeat((-point) as usize);
            format!("{sign}0.{zeros}{digits}")
        } else if point as usize >= digits.len() {
            let zeros = "0".repeat(point as usize - digits.len());
            format!("{sign}{digits}{zeros}.0")
        } else {
            let (int_part, frac) = digits.split_at(point as usize);
            format!("{sign}{int_part}.{frac}")
        }
    } else {
        let (first, rest) = digits.split_at(1);
        let exp_sign = if exp < 0 { '-' } else { '+' };
        let body = if rest.is_empty() {
            first.to_string()
        } else {
            format!("{first}.{rest}")
        };
        format!("{sign}{body}e{exp_sign}{:02}", exp.abs())
    }
}

/// The shortest decimal digits that read back as `x` (finite, positive) and the decimal
/// exponent of the first digit. Rust's `{:e}` finds them; when the exact value lies halfway
/// between two such digit strings, Python (David Gay's `dtoa`) takes the one with the even last
/// digit, and so does this: `1627538321888309.25` is `1627538321888309.2`.
fn shortest_digits(x: f64) -> (String, i32) {
    let sci = format!("{x:e}");
    let (mantissa, exp) = match sci.split_once('e') {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (sci.as_str(), 0),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    even_tie_partner(x, &digits, exp).unwrap_or((digits, exp))
}

/// For digits ending in an odd digit, the neighbour (last digit ± 1) when `x` lies exactly
/// halfway between the two and the neighbour also reads back as `x`.
fn even_tie_partner(x: f64, digits: &str, exp: i32) -> Option<(String, i32)> {
    use num_bigint::BigInt;
    use num_traits::{One, Pow};
    if (digits.bytes().last()? - b'0') % 2 == 0 {
        return None;
    }
    let d: BigInt = digits.parse().ok()?;
    // The digits' value is d · 10^scale; x is m · 2^q, exactly.
    let scale = exp - (digits.len() as i32 - 1);
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7FF) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let (m, q) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, biased - 1075)
    };
    // 2x = (2d ± 1) · 10^scale, both sides multiplied up to integers.
    let two = BigInt::from(2u8);
    let ten = BigInt::from(10u8);
    let lhs = BigInt::from(m)
        * 2u8
        * two.clone().pow(q.max(0) as u32)
        * ten.clone().pow((-scale).max(0) as u32);
    let unit = ten.pow(scale.max(0) as u32) * two.pow((-q).max(0) as u32);
    let partner = if lhs == (&d * 2u8 + BigInt::one()) * &unit {
        d + 1u8
    } else if lhs == (&d * 2u8 - BigInt::one()) * &unit {
        d - 1u8
    } else {
        return None;
    };
    let text = partner.to_string();
    let trimmed = text.trim_end_matches('0');
    if trimmed.is_empty() || format!("{text}e{scale}").parse::<f64>().ok()? != x {
        return None;
    }
    let exp = scale + text.len() as i32 - 1;
    Some((trimmed.to_string(), exp))
}

/// `repr(s)` of a Python `str`, as CPython writes it: single quotes unless the string holds a
/// `'` and no `"`; backslash, the quote, `\n`, `\r`, `\t` escaped; every other character that
/// `str.isprintable()` rejects (general categories Cc, Cf, Cs, Co, Cn, Zl, Zp, and Zs other than
/// the space) written `\xhh`, `\uhhhh` or `\Uhhhhhhhh`.
///
/// Printability comes from the Unicode 14.0 database, CPython 3.11's. Other versions differ on
/// the characters assigned in between: 3.12 (Unicode 15.0) and 3.13 (15.1) print some that this
/// escapes (`'\U0001fae8'`), 3.8–3.10 (12.1, 13.0) escape some that this prints.
///
/// ```
/// use rstats::internals::format::py_str_repr;
/// assert_eq!(py_str_repr("exclusive"), "'exclusive'");
/// assert_eq!(py_str_repr("it's"), "\"it's\"");
/// assert_eq!(py_str_repr("a\u{85}\u{a0}\u{e861}é"), "'a\\x85\\xa0\\ue861é'");
/// ```
pub fn py_str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if !is_printable(c) => {
                let code = u32::from(c);
                out.push_str(&match code {
                    0..=0xff => format!("\\x{code:02x}"),
                    0x100..=0xffff => format!("\\u{code:04x}"),
                    _ => format!("\\U{code:08x}"),
                });
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Python's `str.isprintable()` of one character (Unicode 14.0).
fn is_printable(c: char) -> bool {
    use unicode_general_category::{get_general_category, GeneralCategory as G};
    if c == ' ' {
        return true;
    }
    !matches!(
        get_general_category(c),
        G::Control
            | G::Format
            | G::Surrogate
            | G::PrivateUse
            | G::Unassigned
            | G::LineSeparator
            | G::ParagraphSeparator
            | G::SpaceSeparator
    )
}
