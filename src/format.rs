//! Python's text forms of numbers, so reports read the way a Python user expects.
//!
//! ```
//! use rstats::format::py_float_repr;
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
    // Rust's `{:e}` gives the shortest round-trip digits: "-1.2345e-7".
    let sci = format!("{x:e}");
    let (mantissa, exp) = match sci.split_once('e') {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (sci.as_str(), 0),
    };
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
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
/// use rstats::format::py_str_repr;
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
