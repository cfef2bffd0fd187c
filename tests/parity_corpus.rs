//! Replays the corpus of minimized counterexamples (`tests/corpus/*.json`, written by
//! `rstats-parity run`): each entry records CPython's outcome, so it replays without that
//! interpreter.
//!
//! - `"expect": "parity"` (a bit-exact check): the core must now give exactly CPython's outcome
//!   (a core bug stays red here until it is fixed, then guards against its return);
//! - `"expect": "divergence"` (a method without CPython counterpart, such as `statrs`): the
//!   known difference must still be reported as a divergence.
//!
//! Entries recorded with the embedded interpreter's version are also re-evaluated by it, so a
//! stale recorded outcome cannot pass unnoticed.

use rstats::parity::compare::compare;
use rstats::parity::corpus::{default_dir, read_dir, replay, Expect};
use rstats::parity::reference::embedded::EmbeddedPython;
use rstats::parity::reference::Reference;
use rstats::parity::subject::Core;

#[test]
fn corpus_entries_replay_as_recorded() {
    let entries = read_dir(&default_dir()).expect("tests/corpus is readable");
    let mut python = EmbeddedPython::new().expect("embedded CPython");
    let embedded_version = python.version();
    let mut failures = Vec::new();
    let mut rechecked = 0;
    for (path, entry) in &entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        let r = replay(entry, &Core::default());
        println!(
            "{name}: {:?}, {} on {} -> {}",
            entry.expect,
            entry.call.label(),
            rstats::parity::codec::numbers_to_plain_json(&entry.data),
            if r.passed { "ok" } else { "FAILED" }
        );
        if !r.passed {
            failures.push(format!(
                "{name}: expected {:?}; rstats {} vs recorded CPython {} ({})",
                entry.expect, r.outcome, entry.expected, entry.python
            ));
        }
        if entry.version == embedded_version {
            rechecked += 1;
            let now = python
                .eval(&entry.data, std::slice::from_ref(&entry.reference_call))
                .expect("embedded eval");
            let same = compare(
                &entry.reference_call,
                &now[0],
                &entry.expected,
                rstats::parity::compare::Mode::Exact,
            );
            if same.is_divergent() {
                failures.push(format!(
                    "{name}: recorded CPython outcome {} but the embedded CPython now gives {}",
                    entry.expected, now[0]
                ));
            }
        }
    }
    println!(
        "{} corpus entries ({} expected divergences), {rechecked} re-evaluated by the embedded CPython",
        entries.len(),
        entries
            .iter()
            .filter(|(_, e)| e.expect == Expect::Divergence)
            .count()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
