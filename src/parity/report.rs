//! What a campaign prints and writes: the summary table (per function and field: cases, equal,
//! raised, tolerated, divergent, declined, max ULPs), the minimized counterexamples, a JSON
//! report and a JUnit XML file (one test case per row, a failure per divergent row).
//!
//! Every rendering names the reference interpreter's `sys.version` and where it was loaded
//! from, so a report can never silently be about another CPython.
//!
//! ```
//! use rstats::parity::report::{table, Align};
//! let t = table(&["a", "bb"], &[Align::Left, Align::Right], &[vec!["x".into(), "1".into()]]);
//! assert_eq!(t, "a  bb\n-  --\nx   1\n");
//! ```

use super::campaign::CampaignReport;
use super::compare::Mode;
use super::counterexample::Counterexample;
use super::tally::RowStats;
use serde_json::{json, Value as Json};
use std::fmt::Write as _;

/// Column alignment for [`table`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Pad on the right.
    Left,
    /// Pad on the left.
    Right,
}

/// A plain-text table with a header and a rule, columns two spaces apart.
pub fn table(header: &[&str], align: &[Align], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(cell.chars().count());
            }
        }
    }
    let line = |cells: Vec<String>| -> String {
        let parts: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                // Padded by hand: format widths are limited to u16 (long cells exist).
                let w = widths.get(i).copied().unwrap_or(0);
                let pad = " ".repeat(w.saturating_sub(c.chars().count()));
                match align.get(i).copied().unwrap_or(Align::Left) {
                    Align::Left => format!("{c}{pad}"),
                    Align::Right => format!("{pad}{c}"),
                }
            })
            .collect();
        let mut s = parts.join("  ").trim_end().to_string();
        s.push('\n');
        s
    };
    let mut out = line(header.iter().map(|h| h.to_string()).collect());
    out.push_str(&line(widths.iter().map(|w| "-".repeat(*w)).collect()));
    for row in rows {
        out.push_str(&line(row.clone()));
    }
    out
}

fn count(n: u64) -> String {
    n.to_string()
}

fn ulps_cell(r: &RowStats) -> String {
    match r.max_ulps {
        Some(u) => u.to_string(),
        None if r.divergent > 0 => "n/a".to_string(),
        None => "-".to_string(),
    }
}

fn row_label(r: &RowStats) -> String {
    match r.mode {
        Mode::Exact => r.row.clone(),
        Mode::Tolerance(_) => format!("{} ~", r.row),
    }
}

/// The summary table of a campaign.
pub fn summary_table(report: &CampaignReport) -> String {
    let rows: Vec<Vec<String>> = report
        .tally
        .rows
        .iter()
        .map(|r| {
            vec![
                row_label(r),
                r.field.to_string(),
                count(r.cases),
                count(r.equal),
                count(r.raised),
                count(r.tolerated),
                count(r.divergent),
                count(r.declined),
                ulps_cell(r),
            ]
        })
        .collect();
    use Align::*;
    table(
        &[
            "function",
            "field",
            "cases",
            "equal",
            "raised",
            "tolerated",
            "divergent",
            "declined",
            "max ULPs",
        ],
        &[Left, Left, Right, Right, Right, Right, Right, Right, Right],
        &rows,
    )
}

/// The full text report: header, table, notes, counterexamples and the verdict.
pub fn render(report: &CampaignReport) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "reference: CPython {} [{}]",
        report.reference.sys_version, report.reference.location
    );
    let _ = writeln!(
        s,
        "subject:   {} with profile {}; seed {}; data {:?}; {} job{}",
        report.subject,
        report.profile,
        report.seed,
        report.data,
        report.jobs,
        if report.jobs == 1 { "" } else { "s" }
    );
    s.push('\n');
    s.push_str(&summary_table(report));
    s.push('\n');
    let _ = writeln!(
        s,
        "equal: identical type and bits, or the same exception and message (raised: of those, both raised). \
         declined: the core returned Unsupported (NaN among several values in an order-dependent function), \
         which a binding delegates to CPython; not compared."
    );
    if let Some(r) = report
        .tally
        .rows
        .iter()
        .find(|r| matches!(r.mode, Mode::Tolerance(_)))
    {
        if let Mode::Tolerance(t) = r.mode {
            let _ = writeln!(
                s,
                "~ no CPython counterpart: compared within {} ULPs with the CPython method it would replace \
                 (numpy 'linear' with 'inclusive', every other method with 'exclusive', stats_py's default); \
                 ints and floats compared by value.",
                t.max_ulps
            );
        }
    }
    for cex in &report.counterexamples {
        s.push('\n');
        s.push_str(&cex.render());
        s.push('\n');
    }
    if !report.unshrunk_rows.is_empty() {
        let _ = writeln!(
            s,
            "\nalso divergent (not shrunk, counterexample limit reached): {}",
            report.unshrunk_rows.join("; ")
        );
    }
    s.push('\n');
    s.push_str(&verdict_line(report));
    s.push('\n');
    s
}

/// The closing line: verdict, cases, throughput, declined count.
pub fn verdict_line(report: &CampaignReport) -> String {
    let divergent = report.tally.divergent();
    let verdict = if divergent == 0 {
        "PARITY".to_string()
    } else {
        let rows = report
            .tally
            .divergent_by_row()
            .iter()
            .map(|(r, n)| format!("{r} {n}"))
            .collect::<Vec<_>>()
            .join(", ");
        format!("DIVERGENCE ({rows})")
    };
    format!(
        "{verdict}: {} cases, {} calls on each side in {:.1} s = {:.0} cases/s ({:.0} calls/s){}; \
         {} divergent, {} tolerated, {} declined field comparisons{}",
        report.cases,
        report.calls,
        report.elapsed.as_secs_f64(),
        report.throughput(),
        if report.elapsed.as_secs_f64() > 0.0 {
            report.calls as f64 / report.elapsed.as_secs_f64()
        } else {
            0.0
        },
        if report.stopped_by_duration {
            ", stopped by --duration"
        } else {
            ""
        },
        divergent,
        report.tally.tolerated(),
        report.tally.declined(),
        if report.counterexamples.is_empty() {
            String::new()
        } else {
            format!("; shrinking took {:.1} s", report.shrink_time.as_secs_f64())
        },
    )
}

fn row_json(r: &RowStats) -> Json {
    json!({
        "function": r.row,
        "field": r.field,
        "mode": super::counterexample::mode_to_json(r.mode),
        "cases": r.cases,
        "equal": r.equal,
        "raised": r.raised,
        "tolerated": r.tolerated,
        "divergent": r.divergent,
        "declined": r.declined,
        "max_ulps": r.max_ulps,
    })
}

/// The JSON report.
pub fn to_json(report: &CampaignReport) -> Json {
    json!({
        "tool": format!("rstats-parity {}", env!("CARGO_PKG_VERSION")),
        "verdict": if report.parity() { "parity" } else { "divergence" },
        "reference": {
            "python": report.reference.sys_version,
            "version": [report.reference.version.0, report.reference.version.1],
            "location": report.reference.location,
        },
        "subject": report.subject,
        "profile": report.profile.name(),
        "seed": report.seed,
        "data": format!("{:?}", report.data),
        "jobs": report.jobs,
        "cases": report.cases,
        "calls": report.calls,
        "elapsed_s": report.elapsed.as_secs_f64(),
        "shrink_s": report.shrink_time.as_secs_f64(),
        "cases_per_s": report.throughput(),
        "stopped_by_duration": report.stopped_by_duration,
        "divergent": report.tally.divergent(),
        "tolerated": report.tally.tolerated(),
        "declined": report.tally.declined(),
        "rows": report.tally.rows.iter().map(row_json).collect::<Vec<_>>(),
        "counterexamples": report.counterexamples.iter().map(Counterexample::to_json).collect::<Vec<_>>(),
        "unshrunk_rows": report.unshrunk_rows,
    })
}

/// XML text escaping.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => {
                let _ = write!(out, "&#{};", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// JUnit XML: one `<testsuite>` for the campaign, one `<testcase>` per row and field, with a
/// `<failure>` (holding the counterexample) for each divergent row.
pub fn to_junit(report: &CampaignReport) -> String {
    let name = format!(
        "rstats-parity {} vs CPython {}.{}",
        report.profile.name(),
        report.reference.version.0,
        report.reference.version.1
    );
    let failures = report.tally.rows.iter().filter(|r| r.divergent > 0).count();
    let time = report.elapsed.as_secs_f64() + report.shrink_time.as_secs_f64();
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        s,
        "<testsuites name=\"rstats-parity\" tests=\"{}\" failures=\"{failures}\" time=\"{time:.3}\">",
        report.tally.rows.len()
    );
    let _ = writeln!(
        s,
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\" time=\"{time:.3}\">",
        xml_escape(&name),
        report.tally.rows.len()
    );
    let _ = writeln!(s, "    <properties>");
    for (k, v) in [
        ("python", report.reference.sys_version.clone()),
        ("location", report.reference.location.clone()),
        ("profile", report.profile.name().to_string()),
        ("seed", report.seed.to_string()),
        ("cases", report.cases.to_string()),
        ("subject", report.subject.clone()),
    ] {
        let _ = writeln!(
            s,
            "      <property name=\"{k}\" value=\"{}\"/>",
            xml_escape(&v)
        );
    }
    let _ = writeln!(s, "    </properties>");
    for r in &report.tally.rows {
        let case_name = format!("{} · {}", r.row, r.field);
        let _ = write!(
            s,
            "    <testcase classname=\"{}\" name=\"{}\"",
            xml_escape(&name),
            xml_escape(&case_name)
        );
        if r.divergent == 0 {
            let _ = writeln!(
                s,
                "><system-out>{} cases: {} equal ({} raised), {} tolerated, {} declined</system-out></testcase>",
                r.cases, r.equal, r.raised, r.tolerated, r.declined
            );
            continue;
        }
        let cex = report
            .counterexamples
            .iter()
            .find(|c| c.row() == r.row && c.fields().contains(&r.field));
        let body = cex.map(Counterexample::render).unwrap_or_default();
        let _ = writeln!(
            s,
            ">\n      <failure message=\"{} of {} cases diverge\" type=\"divergence\">{}</failure>\n    </testcase>",
            r.divergent,
            r.cases,
            xml_escape(&body)
        );
    }
    let _ = writeln!(s, "  </testsuite>\n</testsuites>");
    s
}

/// One row of `rstats-parity matrix`.
#[derive(Debug, Clone)]
pub struct MatrixRow {
    /// `3.X`.
    pub version: String,
    /// Where it was found (`pyenv 3.12.1`, `PATH`, `missing`).
    pub source: String,
    /// The campaign, or why there is none.
    pub result: Result<CampaignReport, String>,
}

/// The matrix table: one line per version.
pub fn matrix_table(rows: &[MatrixRow]) -> String {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| match &r.result {
            Ok(c) => {
                let divergent = c.tally.divergent();
                let detail = if divergent == 0 {
                    String::new()
                } else {
                    c.tally
                        .divergent_by_row()
                        .iter()
                        .map(|(row, n)| format!("{row} {n}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                vec![
                    r.version.clone(),
                    c.reference
                        .sys_version
                        .split(' ')
                        .next()
                        .unwrap_or("?")
                        .to_string(),
                    r.source.clone(),
                    c.profile.name().to_string(),
                    c.cases.to_string(),
                    c.tally.compared().to_string(),
                    divergent.to_string(),
                    c.tally.declined().to_string(),
                    format!("{:.0}", c.throughput()),
                    if divergent == 0 {
                        "PARITY"
                    } else {
                        "DIVERGENCE"
                    }
                    .to_string(),
                    detail,
                ]
            }
            Err(why) => vec![
                r.version.clone(),
                "-".into(),
                r.source.clone(),
                "-".into(),
                "-".into(),
                "-".into(),
                "-".into(),
                "-".into(),
                "-".into(),
                if r.source == "missing" {
                    "MISSING".to_string()
                } else {
                    "ERROR".to_string()
                },
                why.clone(),
            ],
        })
        .collect();
    use Align::*;
    let mut out = table(
        &[
            "CPython",
            "sys.version",
            "found",
            "profile",
            "cases",
            "compared",
            "divergent",
            "declined",
            "cases/s",
            "verdict",
            "divergent cases per call",
        ],
        &[
            Left, Left, Left, Left, Right, Right, Right, Right, Right, Left, Left,
        ],
        &cells,
    );
    out.push_str(
        "compared, divergent, declined: field comparisons (one per call and field of every case)\n",
    );
    out
}

/// The matrix as JSON.
pub fn matrix_json(rows: &[MatrixRow]) -> Json {
    Json::Array(
        rows.iter()
            .map(|r| match &r.result {
                Ok(c) => json!({ "version": r.version, "found": r.source, "report": to_json(c) }),
                Err(why) => json!({ "version": r.version, "found": r.source, "error": why }),
            })
            .collect(),
    )
}

/// The matrix as JUnit XML: one test suite per version (a missing one is a skipped test case).
pub fn matrix_junit(rows: &[MatrixRow]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"rstats-parity matrix\">\n",
    );
    for r in rows {
        match &r.result {
            Ok(c) => {
                let inner = to_junit(c);
                // Keep the <testsuite> element of the single-campaign document.
                let start = inner.find("  <testsuite ");
                let end = inner.rfind("</testsuites>");
                if let (Some(a), Some(b)) = (start, end) {
                    s.push_str(&inner[a..b]);
                }
            }
            Err(why) => {
                let _ = writeln!(
                    s,
                    "  <testsuite name=\"CPython {}\" tests=\"1\" failures=\"0\" skipped=\"1\">\n    <testcase name=\"CPython {}\"><skipped message=\"{}\"/></testcase>\n  </testsuite>",
                    xml_escape(&r.version),
                    xml_escape(&r.version),
                    xml_escape(why)
                );
            }
        }
    }
    s.push_str("</testsuites>\n");
    s
}
