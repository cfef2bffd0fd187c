//! A minimized divergence: the smallest input found on which one check still diverges, with both
//! outcomes, the distance in ULPs and everything needed to replay it.
//!
//! ```
//! use rstats::parity::call::Call;
//! use rstats::parity::compare::{compare, Mode};
//! use rstats::parity::counterexample::Counterexample;
//! use rstats::parity::outcome::{Outcome, Value};
//! use rstats::parity::plan::Check;
//! use rstats::parity::reference::ReferenceInfo;
//! use rstats::{Number, Profile};
//! let cpython = Outcome::Ok(Value::Number(Number::Float(0.2)));
//! let naive = Outcome::Ok(Value::Number(Number::Float(0.20000000000000004)));
//! let check = Check { call: Call::Mean, reference: Call::Mean, mode: Mode::Exact };
//! let cex = Counterexample {
//!     comparison: compare(&check.call, &naive, &cpython, check.mode),
//!     check,
//!     data: vec![Number::Float(0.1), Number::Float(0.3)],
//!     subject: naive,
//!     reference: cpython,
//!     profile: Profile::Py311,
//!     reference_info: ReferenceInfo { sys_version: "3.11.7".into(), version: (3, 11), location: "embedded".into() },
//!     subject_name: "naive mean".into(),
//!     seed: 1, case_index: 0, original_len: 7, shrink_steps: 12,
//! };
//! assert_eq!(cex.fields(), vec!["value"]);
//! let text = cex.render();
//! assert!(text.contains("mean · value"));
//! assert!(text.contains("1 ULPs"));
//! assert!(text.contains("[0.1, 0.3]"));
//! ```

use super::call::Call;
use super::codec::{numbers_to_json, numbers_to_plain_json};
use super::compare::{divergence_kind, field_text, Comparison, DivergenceKind, Mode};
use super::outcome::Outcome;
use super::plan::Check;
use super::reference::ReferenceInfo;
use crate::number::Number;
use crate::profile::Profile;
use serde_json::{json, Value as Json};
use std::fmt::Write as _;

/// A divergence, shrunk.
#[derive(Debug, Clone, PartialEq)]
pub struct Counterexample {
    /// The check (subject's call with its `n`, CPython's call, mode).
    pub check: Check,
    /// The minimized input.
    pub data: Vec<Number>,
    /// The subject's outcome on it.
    pub subject: Outcome,
    /// CPython's outcome on it.
    pub reference: Outcome,
    /// Field by field.
    pub comparison: Comparison,
    /// The profile the subject ran with.
    pub profile: Profile,
    /// The reference interpreter.
    pub reference_info: ReferenceInfo,
    /// The subject's name.
    pub subject_name: String,
    /// The campaign seed.
    pub seed: u64,
    /// Which case of the campaign first showed the divergence.
    pub case_index: u64,
    /// How many elements that case had before shrinking.
    pub original_len: usize,
    /// How many shrink steps were tried.
    pub shrink_steps: u32,
}

impl Counterexample {
    /// The diverging fields.
    pub fn fields(&self) -> Vec<&'static str> {
        self.comparison.divergent_fields()
    }

    /// The kind of divergence (of the first diverging field).
    pub fn kind(&self) -> DivergenceKind {
        let field = self.fields().first().copied().unwrap_or("value");
        divergence_kind(&self.subject, &self.reference, field)
    }

    /// The report row (`quantiles[statrs]`).
    pub fn row(&self) -> String {
        self.check.row()
    }

    /// The `check` options that replay this counterexample.
    pub fn replay_args(&self) -> String {
        let mut args = format!("'{}'", numbers_to_plain_json(&self.data));
        match &self.check.call {
            Call::Quantiles { n, method } => {
                let _ = write!(args, " --method {method} --n {n}");
            }
            Call::StatsPy { method } => {
                let _ = write!(args, " --method {method}");
            }
            _ => {}
        }
        let _ = write!(
            args,
            " --function {} --profile {}",
            self.check.call.function(),
            self.profile.name()
        );
        args
    }

    /// A multi-line divergence report: function and field, input, both outcomes, ULPs, replay.
    pub fn render(&self) -> String {
        let mut s = String::new();
        let fields = self.fields();
        let mode = match self.check.mode {
            Mode::Exact => "bit-exact".to_string(),
            Mode::Tolerance(t) => format!(
                "tolerance {} ULPs: {} has no CPython counterpart, compared with {}",
                t.max_ulps,
                self.check.call.label(),
                self.check.reference.label()
            ),
        };
        let _ = writeln!(
            s,
            "DIVERGENCE {} · {} ({mode})",
            self.row(),
            fields.join(", ")
        );
        let _ = writeln!(
            s,
            "  input     {}  ({} element{}; shrunk from {} in {} steps; case {} of seed {})",
            numbers_to_plain_json(&self.data),
            self.data.len(),
            if self.data.len() == 1 { "" } else { "s" },
            self.original_len,
            self.shrink_steps,
            self.case_index,
            self.seed
        );
        let _ = writeln!(
            s,
            "  call      {} ({} with profile {})",
            self.check.call.label(),
            self.subject_name,
            self.profile.name()
        );
        let both_returned = matches!(
            (&self.subject, &self.reference),
            (Outcome::Ok(_), Outcome::Ok(_))
        );
        if both_returned {
            for field in &fields {
                if *field != "value" {
                    let _ = writeln!(s, "  field     {field}");
                }
                let _ = writeln!(s, "  rstats    {}", field_text(&self.subject, field));
                let _ = writeln!(s, "  CPython   {}", field_text(&self.reference, field));
                let ulps = self
                    .comparison
                    .fields
                    .iter()
                    .find(|f| f.field == *field)
                    .and_then(|f| f.ulps);
                let distance = match ulps {
                    Some(u) => format!("{u} ULPs"),
                    None => "not measurable in ULPs (type, length or non-finite)".into(),
                };
                let _ = writeln!(s, "  distance  {distance}");
            }
        } else {
            let _ = writeln!(s, "  rstats    {}", self.subject);
            let _ = writeln!(s, "  CPython   {}", self.reference);
        }
        let _ = writeln!(
            s,
            "  python    {} ({})",
            self.reference_info.sys_version, self.reference_info.location
        );
        let _ = write!(s, "  replay    rstats-parity check {}", self.replay_args());
        s
    }

    /// The JSON form used by reports and the corpus.
    pub fn to_json(&self) -> Json {
        json!({
            "row": self.row(),
            "fields": self.fields(),
            "call": self.check.call.to_json(),
            "reference_call": self.check.reference.to_json(),
            "mode": mode_to_json(self.check.mode),
            "profile": self.profile.name(),
            "data": numbers_to_json(&self.data),
            "data_text": numbers_to_plain_json(&self.data),
            "subject": self.subject.to_json(),
            "subject_text": self.subject.to_string(),
            "expected": self.reference.to_json(),
            "expected_text": self.reference.to_string(),
            "max_ulps": self.comparison.max_ulps(),
            "reference": {
                "python": self.reference_info.sys_version,
                "version": [self.reference_info.version.0, self.reference_info.version.1],
                "location": self.reference_info.location,
            },
            "subject_name": self.subject_name,
            "seed": self.seed,
            "case": self.case_index,
            "original_len": self.original_len,
            "shrink_steps": self.shrink_steps,
        })
    }
}

/// `"exact"` or `{"tolerance_ulps": 4}`.
pub fn mode_to_json(mode: Mode) -> Json {
    match mode {
        Mode::Exact => json!("exact"),
        Mode::Tolerance(t) => json!({ "tolerance_ulps": t.max_ulps }),
    }
}

/// Reads [`mode_to_json`]'s form.
pub fn mode_from_json(v: &Json) -> Result<Mode, String> {
    if v.as_str() == Some("exact") {
        return Ok(Mode::Exact);
    }
    let ulps = v
        .get("tolerance_ulps")
        .and_then(Json::as_u64)
        .and_then(|u| u32::try_from(u).ok())
        .ok_or_else(|| format!("not a comparison mode: {v}"))?;
    Ok(Mode::Tolerance(super::compare::Tolerance {
        max_ulps: ulps,
    }))
}
