//! The outcome of one call, on either side of a comparison: a value (number, list of numbers, or
//! the endpoint's four fields) or an exception (class name and message).
//!
//! ```
//! use rstats::parity::outcome::{Outcome, Value};
//! use rstats::{mean, Number};
//! let o = Outcome::from_result(mean(&[1i64, 2]).map(Value::Number));
//! assert_eq!(o, Outcome::Ok(Value::Number(Number::Float(1.5))));
//! assert_eq!(Outcome::from_json(&o.to_json()).unwrap(), o);
//! ```

use super::codec::{number_from_json, number_to_json, numbers_from_json, numbers_to_json};
use crate::error::{PyExceptionKind, StatsError};
use crate::number::Number;
use crate::stats::Stats;
use serde_json::{json, Value as Json};
use std::fmt;

/// A returned value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// One number (`mean`, `median`, `variance`, `stdev`, …).
    Number(Number),
    /// A list of numbers (`quantiles`).
    List(Vec<Number>),
    /// The endpoint's dict.
    Stats {
        /// `range`
        range: Number,
        /// `quartiles`
        quartiles: Vec<Number>,
        /// `mean`
        mean: Number,
        /// `stddev`
        stddev: Number,
    },
}

impl From<Stats> for Value {
    fn from(s: Stats) -> Value {
        Value::Stats {
            range: Number::Float(s.range),
            quartiles: s.quartiles,
            mean: s.mean,
            stddev: Number::Float(s.stddev),
        }
    }
}

/// What a call did.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// It returned.
    Ok(Value),
    /// It raised.
    Err {
        /// The exception class name (`StatisticsError`, `OverflowError`, …).
        kind: String,
        /// `str(exception)`.
        message: String,
    },
}

impl Outcome {
    /// The outcome of a core call.
    pub fn from_result(r: crate::error::Result<Value>) -> Outcome {
        match r {
            Ok(v) => Outcome::Ok(v),
            Err(e) => Outcome::from_error(&e),
        }
    }

    /// The outcome of a core error.
    pub fn from_error(e: &StatsError) -> Outcome {
        Outcome::Err {
            kind: e.exception().name().to_string(),
            message: e.to_string(),
        }
    }

    /// True when the core declined to compute (a binding delegates these to CPython).
    pub fn is_unsupported(&self) -> bool {
        matches!(self, Outcome::Err { kind, .. } if kind == PyExceptionKind::Unsupported.name())
    }

    /// `{"ok": value}` or `{"err": {"type": ..., "msg": ...}}`.
    pub fn to_json(&self) -> Json {
        match self {
            Outcome::Ok(v) => json!({ "ok": value_to_json(v) }),
            Outcome::Err { kind, message } => json!({ "err": { "type": kind, "msg": message } }),
        }
    }

    /// Reads [`Outcome::to_json`]'s form.
    pub fn from_json(v: &Json) -> Result<Outcome, String> {
        if let Some(err) = v.get("err") {
            let field = |name: &str| {
                err.get(name)
                    .and_then(Json::as_str)
                    .map(str::to_string)
                    .ok_or_else(|| format!("error outcome without {name}: {v}"))
            };
            return Ok(Outcome::Err {
                kind: field("type")?,
                message: field("msg")?,
            });
        }
        let ok = v.get("ok").ok_or_else(|| format!("not an outcome: {v}"))?;
        value_from_json(ok).map(Outcome::Ok)
    }
}

fn value_to_json(v: &Value) -> Json {
    match v {
        Value::Number(n) => number_to_json(n),
        Value::List(ns) => numbers_to_json(ns),
        Value::Stats {
            range,
            quartiles,
            mean,
            stddev,
        } => json!({
            "range": number_to_json(range),
            "quartiles": numbers_to_json(quartiles),
            "mean": number_to_json(mean),
            "stddev": number_to_json(stddev),
        }),
    }
}

fn value_from_json(v: &Json) -> Result<Value, String> {
    if v.is_array() {
        return numbers_from_json(v).map(Value::List);
    }
    if let Some(quartiles) = v.get("quartiles") {
        let field = |name: &str| {
            v.get(name)
                .ok_or_else(|| format!("stats without {name}"))
                .and_then(number_from_json)
        };
        return Ok(Value::Stats {
            range: field("range")?,
            quartiles: numbers_from_json(quartiles)?,
            mean: field("mean")?,
            stddev: field("stddev")?,
        });
    }
    number_from_json(v).map(Value::Number)
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |ns: &[Number]| {
            let items: Vec<String> = ns.iter().map(Number::to_string).collect();
            format!("[{}]", items.join(", "))
        };
        match self {
            Value::Number(n) => write!(f, "{n}"),
            Value::List(ns) => f.write_str(&list(ns)),
            Value::Stats {
                range,
                quartiles,
                mean,
                stddev,
            } => write!(
                f,
                "{{'range': {range}, 'quartiles': {}, 'mean': {mean}, 'stddev': {stddev}}}",
                list(quartiles)
            ),
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Ok(v) => write!(f, "{v}"),
            Outcome::Err { kind, message } => write!(f, "{kind}: {message}"),
        }
    }
}
