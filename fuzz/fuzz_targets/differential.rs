//! The core against CPython: every call on the decoded data must give the same outcome bit for
//! bit — same Python type, same IEEE bits (any NaN equals any NaN), same exception class and
//! message — except the calls the core declines (`Unsupported`: NaN among several values in an
//! order-dependent function) and the quantile methods CPython does not have.
//!
//! The reference is the harness's (`rstats::parity::reference`): the embedded CPython that pyo3
//! links (3.11.7 here, checked against the interpreter `fuzz/build.rs` was built for), compared
//! under its profile. With `RSTATS_FUZZ_MATRIX=1` (what `ci/fuzz` sets when the interpreters are
//! installed) every input also goes to worker processes of CPython 3.8, 3.10 and 3.13
//! (`reference/parity_worker.py`), one per other profile, compared under theirs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rstats::parity::call::Call;
use rstats::parity::codec::numbers_to_json;
use rstats::parity::interpreters::discover;
use rstats::parity::outcome::Outcome;
use rstats::parity::reference::embedded::EmbeddedPython;
use rstats::parity::reference::subprocess::SubprocessPython;
use rstats::parity::reference::{one_line, Reference};
use rstats::{Method, Profile};
use rstats_fuzz::input::{decode, N_MAX};
use rstats_fuzz::invariants::calls;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};

/// `sys.version` of the interpreter this binary was built for (`fuzz/build.rs`), to catch the
/// loader picking another libpython (Debian's 3.11.2 instead of pyenv's 3.11.7).
const BUILT_FOR: Option<&str> = option_env!("RSTATS_FUZZ_PYTHON_VERSION");

struct Interpreter {
    reference: Box<dyn Reference>,
    profile: Profile,
    name: String,
}

static REFERENCES: OnceLock<Mutex<Vec<Interpreter>>> = OnceLock::new();

fn start() -> Mutex<Vec<Interpreter>> {
    let embedded = match EmbeddedPython::new() {
        Ok(e) => e,
        Err(e) => panic!("cannot start the embedded CPython: {e}"),
    };
    if let Some(expected) = BUILT_FOR {
        assert_eq!(
            embedded.describe(),
            one_line(expected),
            "the embedded libpython is not the interpreter pyo3 was built for"
        );
    }
    let mut all = vec![interpreter(Box::new(embedded), "embedded")];
    if std::env::var("RSTATS_FUZZ_MATRIX").is_ok_and(|v| v == "1") {
        for installed in discover(&[8, 10, 13]) {
            let Some(path) = installed.path else {
                panic!(
                    "RSTATS_FUZZ_MATRIX=1 but CPython 3.{} is missing",
                    installed.minor
                );
            };
            match SubprocessPython::spawn(&path) {
                Ok(worker) => all.push(interpreter(Box::new(worker), &path.display().to_string())),
                Err(e) => panic!("cannot start {}: {e}", path.display()),
            }
        }
    }
    for i in &all {
        eprintln!(
            "differential: CPython {} ({}) as {}",
            i.reference.describe(),
            i.name,
            i.profile
        );
    }
    Mutex::new(all)
}

fn interpreter(reference: Box<dyn Reference>, name: &str) -> Interpreter {
    let Some(profile) = reference.profile() else {
        panic!("unsupported reference {}", reference.describe());
    };
    Interpreter {
        reference,
        profile,
        name: name.to_string(),
    }
}

/// Whether CPython can be asked: not a method only rstats has, not an `n` so large that CPython
/// would build a list of billions of floats (the core refuses those with MemoryError).
fn comparable(call: &Call) -> bool {
    let rstats_only =
        |m: &str| Method::NAMES.contains(&m) && !matches!(m, "exclusive" | "inclusive");
    match call {
        Call::Quantiles { n, method } => *n <= N_MAX && !rstats_only(method),
        Call::StatsPy { method } => !rstats_only(method),
        _ => true,
    }
}

/// Messages that depend on the interpreter's Unicode database: for a method name with non-ASCII
/// characters, `repr()` escapes what that database calls non-printable, and
/// `format::py_str_repr` follows Unicode 14.0 (CPython 3.11's). Against the embedded 3.11
/// (any 3.11 release) the message must match exactly; against the other versions' workers (3.8,
/// 3.10, 3.13: Unicode 12.1, 13.0, 15.1) such calls are compared by exception class only (both
/// must raise ValueError), and the first one is shown once.
fn known_divergence(call: &Call, profile: Profile, ours: &Outcome, theirs: &Outcome) -> bool {
    // CPython 3.11's Unicode database is the one `py_str_repr` follows.
    if profile.release().1 == 11 {
        return false;
    }
    let (Call::Quantiles { method, .. } | Call::StatsPy { method }) = call else {
        return false;
    };
    let unknown_method = |o: &Outcome| {
        matches!(o, Outcome::Err { kind, message }
            if kind == "ValueError" && message.starts_with("Unknown method: "))
    };
    let known = !method.is_ascii() && unknown_method(ours) && unknown_method(theirs);
    if known && !KNOWN_SEEN.swap(true, Ordering::Relaxed) {
        eprintln!("differential: repr of a non-ASCII method name under another Unicode database, compared by class only: {ours} / CPython {theirs}");
    }
    known
}

static KNOWN_SEEN: AtomicBool = AtomicBool::new(false);

fuzz_target!(|bytes: &[u8]| {
    let input = decode(bytes);
    let mut references = match REFERENCES.get_or_init(start).lock() {
        Ok(r) => r,
        Err(poisoned) => poisoned.into_inner(),
    };
    let calls: Vec<Call> = calls(&input).into_iter().filter(comparable).collect();
    // Workers compute in their own processes while the embedded interpreter and the core run.
    for r in references.iter_mut() {
        if let Err(e) = r.reference.submit(&input.data, &calls) {
            panic!("{}: {e}", r.name);
        }
    }
    for r in references.iter_mut() {
        let theirs = match r.reference.collect() {
            Ok(t) => t,
            Err(e) => panic!("{}: {e}", r.name),
        };
        for (call, expected) in calls.iter().zip(&theirs) {
            let ours: Outcome = call.run(&input.data, r.profile);
            if ours.is_unsupported() {
                continue;
            }
            if &ours != expected && !known_divergence(call, r.profile, &ours, expected) {
                panic!(
                    "differs from CPython {} ({}): {}\n  rstats  {ours}\n  CPython {expected}\n  data ({} values): {}",
                    r.reference.describe(),
                    r.profile,
                    call.label(),
                    input.data.len(),
                    numbers_to_json(&input.data),
                );
            }
        }
    }
});
