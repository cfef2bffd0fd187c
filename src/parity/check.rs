//! One input, every check, field by field: what `rstats-parity check` prints.
//!
//! ```
//! use rstats::parity::check::{check_input, render};
//! use rstats::parity::plan::Plan;
//! use rstats::parity::reference::embedded::EmbeddedPython;
//! use rstats::parity::subject::Core;
//! use rstats::{Number, Profile};
//! let talk: Vec<Number> = [1i64, 3, 5, 7, 9, 10, 13, 84, 528].map(Number::Int).to_vec();
//! let mut python = EmbeddedPython::new().unwrap();
//! let rows = check_input(&talk, 4, &Plan::default(), &Core::default(), &mut python, Profile::Py311).unwrap();
//! assert!(rows.iter().all(|r| !r.comparison.is_divergent()));
//! assert!(render(&rows).contains("[4.0, 9.0, 48.5]"));
//! ```

use super::campaign::{evaluate, Evaluated};
use super::compare::{field_text, Comparison, Verdict};
use super::plan::{Check, Plan};
use super::reference::{Reference, ReferenceError};
use super::report::{table, Align};
use super::subject::Subject;
use crate::number::Number;
use crate::profile::Profile;

/// One check of the input.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckRow {
    /// The check.
    pub check: Check,
    /// Both outcomes and their comparison.
    pub subject: super::outcome::Outcome,
    /// CPython's outcome.
    pub reference: super::outcome::Outcome,
    /// Field by field.
    pub comparison: Comparison,
}

/// Runs every check of `plan` (with `quantiles(n=n)`) on `data`.
pub fn check_input(
    data: &[Number],
    n: i64,
    plan: &Plan,
    subject: &dyn Subject,
    reference: &mut dyn Reference,
    profile: Profile,
) -> Result<Vec<CheckRow>, ReferenceError> {
    let checks = plan.checks(n);
    let results = evaluate(data, &checks, subject, reference, profile)?;
    Ok(checks
        .into_iter()
        .zip(results)
        .map(
            |(
                check,
                Evaluated {
                    subject,
                    reference,
                    comparison,
                },
            )| CheckRow {
                check,
                subject,
                reference,
                comparison,
            },
        )
        .collect())
}

/// A cell of at most 300 characters (a `quantiles(n=100000)` list is compared in full, but
/// shown by its start).
fn abbreviate(text: String) -> String {
    const LIMIT: usize = 300;
    if text.chars().count() <= LIMIT {
        return text;
    }
    let head: String = text.chars().take(LIMIT).collect();
    format!("{head}… ({} characters)", text.chars().count())
}

/// The field-by-field table.
pub fn render(rows: &[CheckRow]) -> String {
    let mut cells = Vec::new();
    for row in rows {
        for f in &row.comparison.fields {
            let ulps = match (f.verdict, f.ulps) {
                (Verdict::Divergent | Verdict::Tolerated, Some(u)) => format!(" ({u} ULPs)"),
                _ => String::new(),
            };
            let label = if row.check.mode.is_exact() {
                row.check.call.label()
            } else {
                format!(
                    "{} ~ {}",
                    row.check.call.label(),
                    row.check.reference.label()
                )
            };
            cells.push(vec![
                label,
                f.field.to_string(),
                abbreviate(field_text(&row.subject, f.field)),
                abbreviate(field_text(&row.reference, f.field)),
                format!("{}{ulps}", f.verdict),
            ]);
        }
    }
    table(
        &["call", "field", "rstats", "CPython", "verdict"],
        &[
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Left,
        ],
        &cells,
    )
}
