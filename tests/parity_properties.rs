//! Parity properties: the rstats core against the embedded CPython, on inputs proptest invents,
//! for every function, both CPython quantile methods and several `n`, bit for bit.
//!
//! The embedded interpreter is the one pyo3 links against (CPython 3.11 here; `build.rs` puts its
//! library directory in the rpath), and every property runs with the profile matching its
//! version. Other versions are covered by the golden vectors and `tests/parity_subprocess.rs`.
//!
//! Case counts: 256 per property unless `PROPTEST_CASES` says otherwise. Failures are persisted
//! to `tests/proptest-regressions/parity_properties.txt` (committed) and replayed first on
//! every run.

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};
use rstats::parity::call::Call;
use rstats::parity::campaign::evaluate;
use rstats::parity::check::CheckRow;
use rstats::parity::codec::numbers_to_plain_json;
use rstats::parity::compare::Mode;
use rstats::parity::plan::Check;
use rstats::parity::reference::embedded::EmbeddedPython;
use rstats::parity::reference::Reference;
use rstats::parity::strategies::{cases, finite_data, non_finite_data, Case, DataKind};
use rstats::parity::subject::Core;
use rstats::{Number, Profile};
use std::sync::{Mutex, OnceLock};

const REGRESSIONS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/proptest-regressions/parity_properties.txt"
);

fn config() -> Config {
    let mut c = Config {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(REGRESSIONS))),
        ..Config::default()
    };
    if std::env::var_os("PROPTEST_CASES").is_none() {
        c.cases = 256;
    }
    c
}

fn python() -> &'static Mutex<EmbeddedPython> {
    static PYTHON: OnceLock<Mutex<EmbeddedPython>> = OnceLock::new();
    PYTHON.get_or_init(|| Mutex::new(EmbeddedPython::new().expect("embedded CPython")))
}

fn profile() -> Profile {
    let (major, minor, micro) = python().lock().unwrap().release();
    Profile::from_release(major, minor, micro).expect("a supported CPython")
}

/// Runs `calls` (all bit-exact) on `data` and fails with a field-by-field report on divergence.
fn assert_parity(data: &[Number], calls: &[Call]) -> Result<(), TestCaseError> {
    let checks: Vec<Check> = calls
        .iter()
        .map(|c| Check {
            call: c.clone(),
            reference: c.clone(),
            mode: Mode::Exact,
        })
        .collect();
    let profile = profile();
    let results = {
        let mut py = python().lock().unwrap_or_else(|e| e.into_inner());
        evaluate(data, &checks, &Core::default(), &mut *py, profile)
            .map_err(|e| TestCaseError::fail(e.to_string()))?
    };
    let rows: Vec<CheckRow> = checks
        .into_iter()
        .zip(results)
        .map(|(check, r)| CheckRow {
            check,
            subject: r.subject,
            reference: r.reference,
            comparison: r.comparison,
        })
        .collect();
    if rows.iter().any(|r| r.comparison.is_divergent()) {
        return Err(TestCaseError::fail(format!(
            "divergence on {} with profile {}:\n{}",
            numbers_to_plain_json(data),
            profile.name(),
            rstats::parity::check::render(&rows)
        )));
    }
    Ok(())
}

fn quantile_calls(n: i64) -> Vec<Call> {
    ["exclusive", "inclusive"]
        .iter()
        .map(|m| Call::Quantiles {
            n,
            method: m.to_string(),
        })
        .collect()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn mean_matches_cpython(data in finite_data()) {
        assert_parity(&data, &[Call::Mean])?;
    }

    #[test]
    fn median_matches_cpython(data in finite_data()) {
        assert_parity(&data, &[Call::Median])?;
    }

    #[test]
    fn variance_and_pvariance_match_cpython(data in finite_data()) {
        assert_parity(&data, &[Call::Variance, Call::Pvariance])?;
    }

    #[test]
    fn stdev_and_pstdev_match_cpython(data in finite_data()) {
        assert_parity(&data, &[Call::Stdev, Call::Pstdev])?;
    }

    #[test]
    fn quantiles_match_cpython_for_several_n(case in cases(DataKind::Finite)) {
        let Case { data, n } = case;
        let mut calls = quantile_calls(n);
        calls.extend(quantile_calls(4));
        assert_parity(&data, &calls)?;
    }

    #[test]
    fn stats_py_matches_cpython_with_both_methods(data in finite_data()) {
        assert_parity(&data, &[
            Call::StatsPy { method: "exclusive".into() },
            Call::StatsPy { method: "inclusive".into() },
        ])?;
    }

    #[test]
    fn every_function_matches_cpython_on_non_finite_data(data in non_finite_data(), n in 1i64..=5) {
        let mut calls = vec![
            Call::Mean, Call::Median, Call::Variance, Call::Stdev, Call::Pvariance, Call::Pstdev,
            Call::StatsPy { method: "exclusive".into() },
            Call::StatsPy { method: "inclusive".into() },
        ];
        calls.extend(quantile_calls(n));
        assert_parity(&data, &calls)?;
    }

    #[test]
    fn unknown_methods_and_invalid_n_raise_like_cpython(data in finite_data(), n in -2i64..=3) {
        assert_parity(&data, &[
            Call::Quantiles { n, method: "bogus".into() },
            Call::StatsPy { method: "bogus".into() },
        ])?;
    }
}

/// The embedded interpreter must be the one pyo3 built against (pyenv's 3.11.7), not another
/// libpython the loader could find first (Debian's 3.11.2).
#[test]
fn embedded_cpython_is_the_interpreter_pyo3_built_against() {
    let embedded = python().lock().unwrap().describe();
    println!("embedded CPython: {embedded}");
    let python = std::env::var("PYO3_PYTHON").unwrap_or_else(|_| "python3".to_string());
    let out = std::process::Command::new(&python)
        .args(["-c", "import sys; print(sys.version)"])
        .output()
        .expect("run the build interpreter");
    let expected = rstats::parity::reference::one_line(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(
        embedded, expected,
        "the embedded libpython is not the interpreter pyo3 was built against ({python})"
    );
}
