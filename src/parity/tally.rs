//! Counting verdicts per function and field over a campaign.
//!
//! One [`RowStats`] per check row and field (`stdev · value`, `stats_py[exclusive] · quartiles`).
//! For every row `cases = equal + tolerated + divergent + declined`; `raised` counts the equal
//! cases in which both sides raised the same exception (so error paths are visibly exercised).
//!
//! ```
//! use rstats::parity::call::Call;
//! use rstats::parity::compare::{compare, Mode};
//! use rstats::parity::outcome::{Outcome, Value};
//! use rstats::parity::plan::{FunctionName, Plan};
//! use rstats::parity::tally::Tally;
//! use rstats::Number;
//! let plan = Plan::new(vec![FunctionName::Mean], vec![]).unwrap();
//! let mut tally = Tally::for_plan(&plan);
//! let a = Outcome::Ok(Value::Number(Number::Int(2)));
//! let b = Outcome::Ok(Value::Number(Number::Float(2.0)));
//! tally.record(0, &compare(&Call::Mean, &a, &a, Mode::Exact));
//! tally.record(0, &compare(&Call::Mean, &b, &a, Mode::Exact));
//! assert_eq!((tally.rows[0].cases, tally.rows[0].equal, tally.rows[0].divergent), (2, 1, 1));
//! assert_eq!(tally.divergent(), 1);
//! ```

use super::compare::{Comparison, Mode, Verdict};
use super::plan::Plan;

/// The counts of one row.
#[derive(Debug, Clone, PartialEq)]
pub struct RowStats {
    /// The check row (`quantiles[exclusive]`).
    pub row: String,
    /// The field (`value`, `range`, `quartiles`, `mean`, `stddev`).
    pub field: &'static str,
    /// How the row is compared.
    pub mode: Mode,
    /// Cases compared.
    pub cases: u64,
    /// Identical outcomes.
    pub equal: u64,
    /// Of the equal ones, those where both sides raised the same exception.
    pub raised: u64,
    /// Within the tolerance but not identical.
    pub tolerated: u64,
    /// Different.
    pub divergent: u64,
    /// Declined by the subject (`Unsupported`).
    pub declined: u64,
    /// The largest ULP distance among divergent or tolerated floats.
    pub max_ulps: Option<u64>,
}

/// The counts of a campaign, row by row in plan order.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    /// The rows.
    pub rows: Vec<RowStats>,
    /// Row index of each check's first field.
    offsets: Vec<usize>,
    /// Per check: its row label and the cases in which any of its fields diverged.
    divergent_cases: Vec<(String, u64)>,
}

impl Tally {
    /// Empty counts for every row of `plan`.
    pub fn for_plan(plan: &Plan) -> Tally {
        let mut rows = Vec::new();
        let mut offsets = Vec::new();
        let mut divergent_cases = Vec::new();
        for check in plan.checks(4) {
            offsets.push(rows.len());
            divergent_cases.push((check.row(), 0));
            for &field in check.call.fields() {
                rows.push(RowStats {
                    row: check.row(),
                    field,
                    mode: check.mode,
                    cases: 0,
                    equal: 0,
                    raised: 0,
                    tolerated: 0,
                    divergent: 0,
                    declined: 0,
                    max_ulps: None,
                });
            }
        }
        Tally {
            rows,
            offsets,
            divergent_cases,
        }
    }

    /// The row index of field `field_index` of check `check_index`.
    pub fn row_index(&self, check_index: usize, field_index: usize) -> Option<usize> {
        let i = self.offsets.get(check_index)? + field_index;
        (i < self.rows.len()).then_some(i)
    }

    /// The check index and field index of a row.
    pub fn check_of_row(&self, row: usize) -> Option<(usize, usize)> {
        let check = self.offsets.iter().rposition(|&o| o <= row)?;
        Some((check, row - self.offsets[check]))
    }

    /// Counts one comparison of check `check_index`.
    pub fn record(&mut self, check_index: usize, comparison: &Comparison) {
        if comparison.is_divergent() {
            if let Some((_, n)) = self.divergent_cases.get_mut(check_index) {
                *n += 1;
            }
        }
        for (k, f) in comparison.fields.iter().enumerate() {
            let Some(i) = self.row_index(check_index, k) else {
                continue;
            };
            let row = &mut self.rows[i];
            row.cases += 1;
            match f.verdict {
                Verdict::Equal => {
                    row.equal += 1;
                    if f.raised {
                        row.raised += 1;
                    }
                }
                Verdict::Tolerated => row.tolerated += 1,
                Verdict::Divergent => row.divergent += 1,
                Verdict::Declined => row.declined += 1,
            }
            if matches!(f.verdict, Verdict::Divergent | Verdict::Tolerated) {
                if let Some(u) = f.ulps {
                    row.max_ulps = Some(row.max_ulps.map_or(u, |m| m.max(u)));
                }
            }
        }
    }

    /// Adds another tally of the same plan.
    pub fn merge(&mut self, other: &Tally) {
        for (a, b) in self.divergent_cases.iter_mut().zip(&other.divergent_cases) {
            a.1 += b.1;
        }
        for (a, b) in self.rows.iter_mut().zip(&other.rows) {
            a.cases += b.cases;
            a.equal += b.equal;
            a.raised += b.raised;
            a.tolerated += b.tolerated;
            a.divergent += b.divergent;
            a.declined += b.declined;
            a.max_ulps = match (a.max_ulps, b.max_ulps) {
                (Some(x), Some(y)) => Some(x.max(y)),
                (x, y) => x.or(y),
            };
        }
    }

    /// Divergent field comparisons, all rows.
    pub fn divergent(&self) -> u64 {
        self.rows.iter().map(|r| r.divergent).sum()
    }

    /// Declined field comparisons, all rows.
    pub fn declined(&self) -> u64 {
        self.rows.iter().map(|r| r.declined).sum()
    }

    /// Tolerated field comparisons, all rows.
    pub fn tolerated(&self) -> u64 {
        self.rows.iter().map(|r| r.tolerated).sum()
    }

    /// Field comparisons, all rows.
    pub fn compared(&self) -> u64 {
        self.rows.iter().map(|r| r.cases).sum()
    }

    /// Per check with divergences: its row label and the number of cases in which any of its
    /// fields diverged (`stdev 812`, `stats_py[exclusive] 640`).
    pub fn divergent_by_row(&self) -> Vec<(String, u64)> {
        self.divergent_cases
            .iter()
            .filter(|(_, n)| *n > 0)
            .cloned()
            .collect()
    }
}
