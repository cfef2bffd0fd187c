//! Golden vectors from every CPython 3.8–3.13 (`reference/golden/`, made by
//! `reference/golden/gen_golden.py` with the real interpreters): the core, run with the matching
//! profile, must give the same outcome for every case — same Python type, same IEEE bits, same
//! exception type and message. Inputs of only floats (or only machine ints) are run a second time
//! through the `f64` (`i64`) fast path, which must agree too.
//!
//! The only cases not compared are those the core declines on purpose (`Unsupported`: NaN among
//! two or more values in an order-dependent function, whose position after `sorted()` depends on
//! CPython's list-sort internals); the Python binding hands those to CPython. They are counted
//! and printed; a decline anywhere else is a failure.

use rstats::parity::call::Call;
use rstats::parity::codec::numbers_from_json;
use rstats::parity::outcome::Outcome;
use rstats::{Number, Profile};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("reference/golden")
}

/// Every (call, expected outcome) pair of one golden case.
fn calls_of(case: &Value) -> Vec<(Call, &Value)> {
    let mut out = Vec::new();
    for (name, call) in [
        ("mean", Call::Mean),
        ("median", Call::Median),
        ("variance", Call::Variance),
        ("stdev", Call::Stdev),
        ("pvariance", Call::Pvariance),
        ("pstdev", Call::Pstdev),
    ] {
        if let Some(expected) = case.get(name) {
            out.push((call, expected));
        }
    }
    if let Some(methods) = case.get("quantiles").and_then(Value::as_object) {
        for (method, by_n) in methods {
            for (n, expected) in by_n.as_object().into_iter().flatten() {
                let n: i64 = n.parse().expect("n key is an integer");
                let method = method.clone();
                out.push((Call::Quantiles { n, method }, expected));
            }
        }
    }
    for (key, n) in [("quantiles_n0", 0), ("quantiles_neg", -1)] {
        if let Some(expected) = case.get(key) {
            let method = "exclusive".to_string();
            out.push((Call::Quantiles { n, method }, expected));
        }
    }
    if let Some(methods) = case.get("stats_py").and_then(Value::as_object) {
        for (method, expected) in methods {
            out.push((
                Call::StatsPy {
                    method: method.clone(),
                },
                expected,
            ));
        }
    }
    out
}

#[derive(Default)]
struct Tally {
    compared: usize,
    fast_path: usize,
    unsupported: usize,
    failures: Vec<String>,
}

/// Whether the core may decline `call` on `data` (SEMANTICS §11): NaN among two or more values,
/// in a function whose result depends on where `sorted()` puts it.
fn may_decline(call: &Call, data: &[Number]) -> bool {
    let order_dependent = matches!(
        call,
        Call::Median | Call::Quantiles { .. } | Call::StatsPy { .. }
    );
    let nan = data
        .iter()
        .any(|x| matches!(x, Number::Float(f) if f.is_nan()));
    order_dependent && nan && data.len() >= 2
}

fn check_version(file: &PathBuf, tally: &mut Tally) -> (String, Profile) {
    check_version_as(file, tally, None)
}

/// [`check_version`] with the core under `forced` instead of the file's own release.
fn check_version_as(
    file: &PathBuf,
    tally: &mut Tally,
    forced: Option<Profile>,
) -> (String, Profile) {
    let text = std::fs::read_to_string(file).expect("read golden file");
    let doc: Value = serde_json::from_str(&text).expect("golden file is JSON");
    let version = doc["version"].as_array().expect("version");
    let minor = version[1].as_u64().expect("minor") as u32;
    let micro = version[2].as_u64().expect("micro") as u32;
    let profile = forced
        .unwrap_or_else(|| Profile::from_release(3, minor, micro).expect("supported version"));
    let python = doc["python"].as_str().unwrap_or("?").to_string();
    for case in doc["cases"].as_array().expect("cases") {
        let data = numbers_from_json(&case["data"]).expect("data decodes");
        let floats: Option<Vec<f64>> = data
            .iter()
            .map(|n| match n {
                Number::Float(x) => Some(*x),
                _ => None,
            })
            .collect();
        let ints: Option<Vec<i64>> = data
            .iter()
            .map(|n| match n {
                Number::Int(i) => Some(*i),
                _ => None,
            })
            .collect();
        for (call, expected) in calls_of(case) {
            let expected = Outcome::from_json(expected).expect("outcome decodes");
            let actual = call.run(&data, profile);
            let fast = floats
                .as_ref()
                .map(|f| call.run(f, profile))
                .or_else(|| ints.as_ref().map(|i| call.run(i, profile)));
            let mut fail = |what: &str, got: &Outcome| {
                tally.failures.push(format!(
                    "CPython {minor}: {} [{}] case {} data {}\n   expected {expected}\n   {what} {got}",
                    call.label(),
                    case["tag"].as_str().unwrap_or(""),
                    case["id"],
                    rstats::parity::codec::numbers_to_json(&data),
                ))
            };
            if actual.is_unsupported() {
                // Declining is the policy only for NaN among two or more values in an
                // order-dependent function; anywhere else it would hide a wrong answer.
                if !may_decline(&call, &data) {
                    fail(
                        "declined (Unsupported) where CPython's answer is known:",
                        &actual,
                    );
                }
                tally.unsupported += 1;
                continue;
            }
            tally.compared += 1;
            if actual != expected {
                fail("got", &actual);
            }
            if let Some(fast) = fast {
                tally.fast_path += 1;
                if fast != expected {
                    fail("fast path got", &fast);
                }
            }
        }
    }
    (python, profile)
}

#[test]
fn core_matches_every_cpython_golden_vector() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(golden_dir())
        .expect("reference/golden exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("cpython-3.") && n.ends_with(".json"))
        })
        .collect();
    files.sort();
    assert!(
        files.len() >= 6,
        "expected golden files for CPython 3.8-3.13, found {files:?}"
    );
    let mut per_version = BTreeMap::new();
    let mut all_failures = Vec::new();
    // One thread per CPython version (each file is a few MB of JSON): the test takes the time of
    // the slowest file, not of the sum (it runs once per mutant under ci/mutants).
    let checked: Vec<(Tally, String, Profile)> = std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .iter()
            .map(|file| {
                scope.spawn(move || {
                    let mut tally = Tally::default();
                    let (python, profile) = check_version(file, &mut tally);
                    (tally, python, profile)
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("a golden file's checker panicked"))
            .collect()
    });
    for (file, (tally, python, profile)) in files.iter().zip(checked) {
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("?")
            .to_string();
        println!(
            "{name}: {} outcomes compared ({} also through the fast path), {} failures, {} declined as Unsupported; profile {profile}; {}",
            tally.compared,
            tally.fast_path,
            tally.failures.len(),
            tally.unsupported,
            python.lines().next().unwrap_or(""),
        );
        assert!(tally.compared > 1000, "{name}: too few vectors compared");
        per_version.insert(name, tally.failures.len());
        all_failures.extend(tally.failures);
    }
    if !all_failures.is_empty() {
        for f in all_failures.iter().take(40) {
            eprintln!("{f}");
        }
        panic!(
            "{} golden outcomes differ ({per_version:?})",
            all_failures.len()
        );
    }
}

/// A wrong profile is caught by the vectors: CPython 3.13.15's (gh-140938: `stdev`/`pstdev` of
/// inf or nan raise `ValueError`) checked with 3.13.0's profile fails exactly on those calls
/// (and `stats_py`, whose `stddev` is `stdev`), and 3.13.0's vectors with 3.13.15's profile fail
/// the other way round.
#[test]
fn a_wrong_profile_fails_the_vectors_of_3_13_15() {
    let pairs = [
        ("cpython-3.13.15.json", "3.13.0", "AttributeError"),
        ("cpython-3.13.json", "3.13.15", "ValueError"),
    ];
    for (name, wrong, got) in pairs {
        let file = golden_dir().join(name);
        let mut tally = Tally::default();
        let profile: Profile = wrong.parse().expect("profile");
        check_version_as(&file, &mut tally, Some(profile));
        assert!(
            tally.failures.len() > 50,
            "{name} under {wrong}: {} failures",
            tally.failures.len()
        );
        for f in &tally.failures {
            let call = f.split(' ').nth(2).unwrap_or("");
            assert!(
                ["stdev", "pstdev", "stats_py("]
                    .iter()
                    .any(|c| call.starts_with(c)),
                "{name} under {wrong}: unexpected failure {f}"
            );
            assert!(f.contains("inf") || f.contains("nan"), "{f}");
            assert!(f.contains(got), "{name} under {wrong}: {f}");
        }
    }
}
