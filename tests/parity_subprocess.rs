//! The subprocess reference: `reference/parity_worker.py` under every installed CPython
//! 3.8–3.13, each against its matching profile (a short `rstats-parity matrix`), plus a forced
//! mismatched profile that must show divergences, and the worker's exactness against the
//! embedded interpreter. Versions that are not installed are listed, not silently skipped.

use rstats::parity::call::Call;
use rstats::parity::campaign::{run, CampaignConfig};
use rstats::parity::interpreters::{discover, MATRIX_MINORS};
use rstats::parity::plan::{FunctionName, Plan};
use rstats::parity::reference::embedded::EmbeddedPython;
use rstats::parity::reference::subprocess::SubprocessPython;
use rstats::parity::reference::{Reference, ReferenceError};
use rstats::parity::strategies::{cases, DataKind};
use rstats::parity::subject::Core;
use rstats::Profile;

fn cases_per_version() -> u64 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(150)
}

#[test]
fn every_installed_cpython_matches_its_profile() {
    let mut missing = Vec::new();
    let mut ran = 0;
    for found in discover(&MATRIX_MINORS) {
        let Some(path) = found.path else {
            missing.push(format!("3.{}", found.minor));
            continue;
        };
        let worker = SubprocessPython::spawn(&path).expect("worker starts");
        let profile = worker.profile().expect("profile");
        println!(
            "3.{}: {} ({})",
            found.minor,
            worker.describe(),
            found.source
        );
        let config = CampaignConfig {
            seed: 3,
            cases: Some(cases_per_version()),
            profile,
            ..CampaignConfig::default()
        };
        let report = run(&config, &Core::default(), vec![Box::new(worker)], &|_| {}).unwrap();
        assert_eq!(
            report.tally.divergent(),
            0,
            "CPython 3.{}:\n{}",
            found.minor,
            rstats::parity::report::render(&report)
        );
        ran += 1;
    }
    println!("ran {ran} versions; missing: {missing:?}");
    assert!(ran > 0, "no CPython 3.8-3.13 found at all");
}

#[test]
fn a_mismatched_profile_diverges_on_stdev() {
    let Some(path) = discover(&[12]).pop().and_then(|f| f.path) else {
        println!("CPython 3.12 is missing: not run");
        return;
    };
    let worker = SubprocessPython::spawn(&path).expect("worker starts");
    let config = CampaignConfig {
        seed: 4,
        cases: Some(300),
        profile: Profile::Py310,
        plan: Plan::new(vec![FunctionName::Stdev, FunctionName::Variance], vec![]).unwrap(),
        data: DataKind::Finite,
        ..CampaignConfig::default()
    };
    let report = run(&config, &Core::default(), vec![Box::new(worker)], &|_| {}).unwrap();
    let row = |name: &str| report.tally.rows.iter().find(|r| r.row == name).unwrap();
    assert!(row("stdev").divergent > 0);
    assert_eq!(
        row("variance").divergent,
        0,
        "3.10 and 3.12 agree on variance"
    );
}

#[test]
fn the_worker_is_as_exact_as_the_embedded_interpreter() {
    let python = std::env::var("PYO3_PYTHON").unwrap_or_else(|_| "python3".into());
    let path = std::process::Command::new(&python)
        .args(["-c", "import sys; print(sys.executable)"])
        .output()
        .expect("the build interpreter runs");
    let path = String::from_utf8_lossy(&path.stdout).trim().to_string();
    let mut worker = SubprocessPython::spawn(path.as_ref()).expect("worker starts");
    let mut embedded = EmbeddedPython::new().expect("embedded CPython");
    assert_eq!(worker.describe(), embedded.describe());
    let strategy = cases(DataKind::Mixed);
    let calls = [
        Call::Mean,
        Call::Median,
        Call::Pvariance,
        Call::Stdev,
        Call::Quantiles {
            n: 5,
            method: "inclusive".into(),
        },
        Call::StatsPy {
            method: "exclusive".into(),
        },
    ];
    for i in 0..200 {
        let tree = rstats::parity::campaign::case_tree(&strategy, 5, i).unwrap();
        let case = proptest::strategy::ValueTree::current(&*tree);
        let a = worker.eval(&case.data, &calls).unwrap();
        let b = embedded.eval(&case.data, &calls).unwrap();
        assert_eq!(a, b, "case {i}: {:?}", case.data);
    }
}

#[test]
fn unusable_interpreters_are_refused_with_a_reason() {
    match SubprocessPython::spawn("/nonexistent/python3".as_ref()) {
        Err(ReferenceError::NotFound(_)) => {}
        Err(e) => panic!("unexpected error {e}"),
        Ok(_) => panic!("a missing interpreter was accepted"),
    }
    match SubprocessPython::spawn("/bin/false".as_ref()) {
        Err(e @ ReferenceError::NotPython { .. }) => println!("{e}"),
        Err(e) => panic!("unexpected error {e}"),
        Ok(_) => panic!("/bin/false was accepted"),
    }
    if let Some(old) = rstats::parity::interpreters::pyenv_root()
        .map(|r| r.join("versions/3.7.16/bin/python3"))
        .filter(|p| p.is_file())
    {
        match SubprocessPython::spawn(&old) {
            Err(ReferenceError::UnsupportedVersion { major: 3, minor: 7 }) => {}
            Err(e) => panic!("unexpected error {e}"),
            Ok(_) => panic!("3.7 was accepted"),
        }
    }
}
