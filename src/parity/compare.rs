//! Comparing one call's two outcomes, field by field.
//!
//! **Bit-exact by default** ([`Mode::Exact`]): same Python type, same IEEE bits (every NaN equals
//! every NaN: CPython does not keep NaN bits deterministically, see `Number`'s `PartialEq`), same
//! exception class and message. A tolerance ([`Mode::Tolerance`], via `approx`'s ULP comparison)
//! is used **only** for quantile methods that have no CPython counterpart
//! ([`crate::Method::has_cpython_counterpart`]), which are compared with the CPython method they
//! would replace (see [`super::plan`]); in that mode an int and a float of the same value are
//! also accepted, since the float methods never return ints.
//!
//! Each field gets a [`Verdict`]; when the subject declined the call (`Unsupported`, NaN among
//! several values in an order-dependent function), every field is [`Verdict::Declined`]: neither
//! a success nor a divergence, counted apart.
//!
//! ```
//! use rstats::parity::call::Call;
//! use rstats::parity::compare::{compare, ulp_distance, Mode, Verdict};
//! use rstats::parity::outcome::{Outcome, Value};
//! use rstats::Number;
//! let cpython = Outcome::Ok(Value::Number(Number::Float(73.33333333333333)));
//! let naive = Outcome::Ok(Value::Number(Number::Float(73.33333333333334)));
//! let c = compare(&Call::Mean, &naive, &cpython, Mode::Exact);
//! assert_eq!(c.fields[0].verdict, Verdict::Divergent);
//! assert_eq!(c.fields[0].ulps, Some(1));
//! assert_eq!(ulp_distance(-0.0, 0.0), Some(0));
//! assert_eq!(ulp_distance(1.0, f64::from_bits(1.0f64.to_bits() + 3)), Some(3));
//! ```

use super::call::Call;
use super::outcome::{Outcome, Value};
use crate::arith;
use crate::number::Number;
use approx::UlpsEq;
use std::fmt;

/// A tolerance for methods without a CPython counterpart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tolerance {
    /// The largest accepted distance in units in the last place.
    pub max_ulps: u32,
}

impl Default for Tolerance {
    /// Four ULPs: last-bit differences of float arithmetic pass, a different definition does not.
    fn default() -> Tolerance {
        Tolerance { max_ulps: 4 }
    }
}

/// How two outcomes are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Type, bits and exception must be identical.
    Exact,
    /// Floats within the tolerance (ints and floats compared by value); exceptions identical.
    Tolerance(Tolerance),
}

impl Mode {
    /// True for [`Mode::Exact`].
    pub fn is_exact(self) -> bool {
        self == Mode::Exact
    }

    /// `"exact"` or `"≤4 ULPs"`.
    pub fn label(self) -> String {
        match self {
            Mode::Exact => "exact".to_string(),
            Mode::Tolerance(t) => format!("<={} ULPs", t.max_ulps),
        }
    }
}

/// What one field's comparison concluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// Identical (bit for bit, or both raised the same exception).
    Equal,
    /// Not identical but within the tolerance ([`Mode::Tolerance`] only).
    Tolerated,
    /// Different.
    Divergent,
    /// The subject declined to compute (`Unsupported`); not compared.
    Declined,
}

impl Verdict {
    /// `equal`, `tolerated`, `DIVERGENT`, `declined`.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Equal => "equal",
            Verdict::Tolerated => "tolerated",
            Verdict::Divergent => "DIVERGENT",
            Verdict::Declined => "declined",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One field of one call, compared.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldComparison {
    /// The field (`value`, or `range`/`quartiles`/`mean`/`stddev` for `stats_py`).
    pub field: &'static str,
    /// The verdict.
    pub verdict: Verdict,
    /// The largest distance in ULPs between corresponding floats, when every differing pair is
    /// a pair of finite floats (`None` for a type, length or exception difference).
    pub ulps: Option<u64>,
    /// True when both sides raised (the same exception when the verdict is `Equal`).
    pub raised: bool,
}

/// One call compared: one entry per field of [`Call::fields`].
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Per field, in the order of [`Call::fields`].
    pub fields: Vec<FieldComparison>,
}

impl Comparison {
    /// True when any field diverges.
    pub fn is_divergent(&self) -> bool {
        self.fields.iter().any(|f| f.verdict == Verdict::Divergent)
    }

    /// The fields that diverge.
    pub fn divergent_fields(&self) -> Vec<&'static str> {
        self.fields
            .iter()
            .filter(|f| f.verdict == Verdict::Divergent)
            .map(|f| f.field)
            .collect()
    }

    /// The largest ULP distance over the divergent or tolerated fields, if all are measurable.
    pub fn max_ulps(&self) -> Option<u64> {
        self.fields
            .iter()
            .filter(|f| matches!(f.verdict, Verdict::Divergent | Verdict::Tolerated))
            .map(|f| f.ulps)
            .try_fold(0, |acc, u| u.map(|u| acc.max(u)))
    }
}

/// Compares `subject` with `reference` for `call`, field by field.
pub fn compare(call: &Call, subject: &Outcome, reference: &Outcome, mode: Mode) -> Comparison {
    let names = call.fields();
    if subject.is_unsupported() {
        return uniform(names, Verdict::Declined, false);
    }
    match (subject, reference) {
        (
            Outcome::Err { kind, message },
            Outcome::Err {
                kind: ref_kind,
                message: ref_message,
            },
        ) => {
            let same = kind == ref_kind && message == ref_message;
            let verdict = if same {
                Verdict::Equal
            } else {
                Verdict::Divergent
            };
            uniform(names, verdict, true)
        }
        (Outcome::Ok(a), Outcome::Ok(b)) => {
            let fields = names
                .iter()
                .map(
                    |&name| match (field_values(a, name), field_values(b, name)) {
                        (Some(x), Some(y)) => compare_numbers(name, &x, &y, mode),
                        _ => FieldComparison {
                            field: name,
                            verdict: Verdict::Divergent,
                            ulps: None,
                            raised: false,
                        },
                    },
                )
                .collect();
            Comparison { fields }
        }
        _ => uniform(names, Verdict::Divergent, false),
    }
}

fn uniform(names: &[&'static str], verdict: Verdict, raised: bool) -> Comparison {
    Comparison {
        fields: names
            .iter()
            .map(|&field| FieldComparison {
                field,
                verdict,
                ulps: None,
                raised,
            })
            .collect(),
    }
}

/// How two outcomes of a diverging field differ. Campaigns track and shrink the kinds apart, so
/// that an int-versus-float or exception mismatch on tiny inputs does not hide a rounding
/// difference of the same row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DivergenceKind {
    /// Same Python types and lengths, different values.
    Values,
    /// Different Python types (`0` against `0.0`) or list lengths.
    Types,
    /// At least one side raised.
    Exception,
}

/// The kind of difference between two outcomes in `field`.
///
/// ```
/// use rstats::parity::compare::{divergence_kind, DivergenceKind};
/// use rstats::parity::outcome::{Outcome, Value};
/// use rstats::Number;
/// let num = |n: Number| Outcome::Ok(Value::Number(n));
/// assert_eq!(divergence_kind(&num(Number::Float(0.0)), &num(Number::Int(0)), "value"), DivergenceKind::Types);
/// assert_eq!(divergence_kind(&num(Number::Float(0.1)), &num(Number::Float(0.2)), "value"), DivergenceKind::Values);
/// ```
pub fn divergence_kind(subject: &Outcome, reference: &Outcome, field: &str) -> DivergenceKind {
    let (Outcome::Ok(a), Outcome::Ok(b)) = (subject, reference) else {
        return DivergenceKind::Exception;
    };
    match (field_values(a, field), field_values(b, field)) {
        (Some(x), Some(y))
            if x.len() == y.len() && x.iter().zip(&y).all(|(p, q)| p.py_type() == q.py_type()) =>
        {
            DivergenceKind::Values
        }
        _ => DivergenceKind::Types,
    }
}

/// The numbers of one field of a value (`value` is the whole number or list).
pub fn field_values(v: &Value, field: &str) -> Option<Vec<Number>> {
    match (v, field) {
        (Value::Number(n), "value") => Some(vec![n.clone()]),
        (Value::List(ns), "value") => Some(ns.clone()),
        (Value::Stats { range, .. }, "range") => Some(vec![range.clone()]),
        (Value::Stats { quartiles, .. }, "quartiles") => Some(quartiles.clone()),
        (Value::Stats { mean, .. }, "mean") => Some(vec![mean.clone()]),
        (Value::Stats { stddev, .. }, "stddev") => Some(vec![stddev.clone()]),
        _ => None,
    }
}

/// The text of one field of an outcome, for reports (`[4.0, 9.0, 48.5]`, `73.33333333333333`,
/// or the exception).
pub fn field_text(o: &Outcome, field: &str) -> String {
    let Outcome::Ok(v) = o else {
        return o.to_string();
    };
    match field_values(v, field) {
        Some(ns) if matches!(v, Value::List(_)) || field == "quartiles" || ns.len() != 1 => {
            let items: Vec<String> = ns.iter().map(Number::to_string).collect();
            format!("[{}]", items.join(", "))
        }
        Some(ns) => ns[0].to_string(),
        None => v.to_string(),
    }
}

fn compare_numbers(field: &'static str, a: &[Number], b: &[Number], mode: Mode) -> FieldComparison {
    let mut verdict = Verdict::Equal;
    let mut ulps: Option<u64> = Some(0);
    if a.len() != b.len() {
        return FieldComparison {
            field,
            verdict: Verdict::Divergent,
            ulps: None,
            raised: false,
        };
    }
    for (x, y) in a.iter().zip(b) {
        let (v, u) = compare_number(x, y, mode);
        verdict = worse(verdict, v);
        ulps = match (ulps, u) {
            (Some(acc), Some(u)) => Some(acc.max(u)),
            _ => None,
        };
    }
    FieldComparison {
        field,
        verdict,
        ulps: if verdict == Verdict::Equal {
            Some(0)
        } else {
            ulps
        },
        raised: false,
    }
}

fn worse(a: Verdict, b: Verdict) -> Verdict {
    let rank = |v: Verdict| match v {
        Verdict::Equal => 0,
        Verdict::Tolerated => 1,
        Verdict::Declined => 2,
        Verdict::Divergent => 3,
    };
    if rank(b) > rank(a) {
        b
    } else {
        a
    }
}

/// One number against another: the verdict and, for two floats, their ULP distance.
pub fn compare_number(x: &Number, y: &Number, mode: Mode) -> (Verdict, Option<u64>) {
    let ulps = match (x, y) {
        (Number::Float(a), Number::Float(b)) => ulp_distance(*a, *b),
        _ => None,
    };
    if x == y {
        return (Verdict::Equal, Some(0));
    }
    match mode {
        Mode::Exact => (Verdict::Divergent, ulps),
        Mode::Tolerance(t) => {
            // Values, not types: a float method's 2.0 stands for CPython's int 2.
            let (Ok(a), Ok(b)) = (arith::to_float(x), arith::to_float(y)) else {
                return (Verdict::Divergent, ulps);
            };
            let same = a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()) || a == b;
            let within = same || a.ulps_eq(&b, 0.0, t.max_ulps);
            let verdict = if within {
                Verdict::Tolerated
            } else {
                Verdict::Divergent
            };
            (verdict, ulp_distance(a, b))
        }
    }
}

/// The number of representable doubles between `a` and `b` (0 for `0.0` and `-0.0`); `None`
/// when either is NaN or infinite.
pub fn ulp_distance(a: f64, b: f64) -> Option<u64> {
    if !a.is_finite() || !b.is_finite() {
        return None;
    }
    // Map the doubles onto a line of integers where consecutive doubles are consecutive.
    let key = |x: f64| -> i128 {
        let bits = x.to_bits() as i128 & 0x7FFF_FFFF_FFFF_FFFF;
        if x.is_sign_negative() {
            -bits
        } else {
            bits
        }
    };
    u64::try_from((key(a) - key(b)).unsigned_abs()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parity::outcome::Value;

    fn float(x: f64) -> Outcome {
        Outcome::Ok(Value::Number(Number::Float(x)))
    }

    #[test]
    fn ulps_across_zero_and_subnormals() {
        assert_eq!(ulp_distance(5e-324, -5e-324), Some(2));
        assert_eq!(ulp_distance(0.0, 5e-324), Some(1));
        assert_eq!(ulp_distance(1.0, 1.0), Some(0));
        assert_eq!(ulp_distance(f64::NAN, 1.0), None);
        assert_eq!(
            ulp_distance(f64::MAX, -f64::MAX),
            Some(2 * 0x7FEF_FFFF_FFFF_FFFF)
        );
    }

    #[test]
    fn exact_mode_sees_sign_of_zero_and_type() {
        let c = compare(&Call::Median, &float(-0.0), &float(0.0), Mode::Exact);
        assert_eq!(c.fields[0].verdict, Verdict::Divergent);
        let int = Outcome::Ok(Value::Number(Number::Int(2)));
        let c = compare(&Call::Mean, &float(2.0), &int, Mode::Exact);
        assert_eq!(c.fields[0].verdict, Verdict::Divergent);
        assert_eq!(c.fields[0].ulps, None);
        let t = Mode::Tolerance(Tolerance::default());
        let c = compare(&Call::Mean, &float(2.0), &int, t);
        assert_eq!(c.fields[0].verdict, Verdict::Tolerated);
    }

    #[test]
    fn nan_equals_nan() {
        let c = compare(
            &Call::Mean,
            &float(f64::NAN),
            &float(-f64::NAN),
            Mode::Exact,
        );
        assert_eq!(c.fields[0].verdict, Verdict::Equal);
    }

    #[test]
    fn tolerance_accepts_last_bits_only() {
        let t = Mode::Tolerance(Tolerance { max_ulps: 4 });
        let near = f64::from_bits(1.0f64.to_bits() + 4);
        let far = f64::from_bits(1.0f64.to_bits() + 5);
        assert_eq!(
            compare_number(&1.0.into(), &near.into(), t).0,
            Verdict::Tolerated
        );
        assert_eq!(
            compare_number(&1.0.into(), &far.into(), t).0,
            Verdict::Divergent
        );
    }

    #[test]
    fn exceptions_compare_type_and_message() {
        let e = |k: &str, m: &str| Outcome::Err {
            kind: k.into(),
            message: m.into(),
        };
        let call = Call::StatsPy {
            method: "exclusive".into(),
        };
        let same = compare(
            &call,
            &e("IndexError", "x"),
            &e("IndexError", "x"),
            Mode::Exact,
        );
        assert!(same
            .fields
            .iter()
            .all(|f| f.verdict == Verdict::Equal && f.raised));
        let other = compare(
            &call,
            &e("IndexError", "x"),
            &e("IndexError", "y"),
            Mode::Exact,
        );
        assert_eq!(other.divergent_fields().len(), 4);
        let unsupported = e("Unsupported", "nan");
        let declined = compare(&call, &unsupported, &e("IndexError", "x"), Mode::Exact);
        assert!(declined
            .fields
            .iter()
            .all(|f| f.verdict == Verdict::Declined));
    }
}
