//! `rstats-parity` as a new user meets it: help, the exit codes (0 parity, 1 divergence,
//! 2 usage error), one-line messages and never a panic or a Python traceback.

use std::process::{Command, Output};

fn tool(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rstats-parity"))
        .args(args)
        .output()
        .expect("rstats-parity runs")
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).to_string(),
        String::from_utf8_lossy(&o.stderr).to_string(),
    )
}

/// Exit 2, one line on stderr naming the problem, no panic, no traceback.
fn assert_usage_error(args: &[&str], needle: &str) {
    let o = tool(args);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {out}{err}");
    assert!(err.contains(needle), "{args:?}: {err}");
    assert_eq!(
        err.trim().lines().count(),
        1,
        "{args:?}: not one line: {err}"
    );
    for bad in ["panicked", "Traceback", "RUST_BACKTRACE"] {
        assert!(!err.contains(bad) && !out.contains(bad), "{args:?}: {err}");
    }
}

#[test]
fn usage_errors_exit_2_with_one_clear_line() {
    assert_usage_error(&["run", "--method", "bogus"], "Unknown method: 'bogus'");
    assert_usage_error(&["check", "--method", "nope", "[1]"], "valid methods");
    // The unknown method's line names every valid method.
    let (_, err) = text(&tool(&["check", "--method", "nope", "[1]"]));
    for name in rstats::Method::NAMES {
        assert!(err.contains(name), "{name} missing from {err}");
    }
    assert_usage_error(&["check", "[1, 2"], "malformed input");
    assert_usage_error(&["check", "{\"a\": 1}"], "expected a JSON list");
    assert_usage_error(&["check", "[1, \"x\"]"], "is not a number");
    assert_usage_error(
        &["run", "--python", "/nonexistent/python3"],
        "does not exist",
    );
    assert_usage_error(
        &["check", "[1]", "--python", "/bin/false"],
        "not a usable Python",
    );
    assert_usage_error(&["run", "--cases", "0"], "must be at least 1");
    assert_usage_error(&["run", "--cases", "-5"], "must be at least 1");
    assert_usage_error(&["run", "--duration", "soon"], "not a duration");
    assert_usage_error(&["run", "--profile", "py27"], "unknown profile");
    assert_usage_error(&["run", "--function", "avg"], "unknown function");
    assert_usage_error(&["matrix", "--versions", "3.5"], "3.8 ... 3.15");
    assert_usage_error(&["run", "--profile", "3.13.1000"], "unknown profile");
    assert_usage_error(&["check", "[1]", "--profile", "3.7.17"], "unknown profile");
    assert_usage_error(&["matrix", "--profile", "py314"], "unknown profile");
    assert_usage_error(
        &["check", "[1, 2]", "--n", "100000000000"],
        "between -1000 and 1000000",
    );
    assert_usage_error(&["frobnicate"], "unrecognized subcommand");
    assert_usage_error(&["check"], "<JSON>");
}

/// An interpreter that answers like the worker but is not CPython (PyPy's hello) is refused with
/// one line and exit 2: its results are no reference for CPython's.
#[test]
fn an_interpreter_that_is_not_cpython_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = std::env::temp_dir().join(format!("rstats-parity-pypy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let fake = dir.join("pypy3");
    std::fs::write(
        &fake,
        "#!/bin/sh\necho '{\"hello\": {\"version\": \"3.10.14 [PyPy 7.3.17]\", \
         \"version_info\": [3, 10, 14], \"implementation\": \"pypy\", \"protocol\": 1}}'\nsleep 5\n",
    )
    .expect("write the fake interpreter");
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let path = fake.to_string_lossy().to_string();
    assert_usage_error(&["check", "[1]", "--python", &path], "not CPython");
    assert_usage_error(&["run", "--cases", "1", "--python", &path], "pypy 3.10.14");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Data with inf under the wrong profile is caught: the embedded CPython (3.11 here) raises
/// `AttributeError` from `stdev`/`pstdev`, the profile of 3.13.15 `ValueError` (gh-140938), so
/// forcing 3.13.15's profile diverges, and the interpreter's own profile does not.
#[test]
fn a_profile_with_the_wrong_inf_nan_exception_is_caught() {
    let args = [
        "check",
        "[1.0, \"inf\"]",
        "--function",
        "stdev",
        "--function",
        "pstdev",
    ];
    let o = tool(&args);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    assert!(out.contains("PARITY"), "{out}");
    let mut forced = args.to_vec();
    forced.extend(["--profile", "3.13.15"]);
    let o = tool(&forced);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}{err}");
    assert!(out.contains("DIVERGENCE: stdev, pstdev"), "{out}");
    assert!(out.contains("inf or nan encountered in data"), "{out}");
}

/// The same on CPython 3.13.15 itself, from `ci/reference-pythons` (skipped, with a message,
/// when it has not been made): its own profile matches, 3.13.0's is caught.
#[test]
fn forky_3_13_15_catches_the_profile_of_3_13_0() {
    let cache = std::env::var_os("RSTATS_PYTHONS_CACHE")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| "/var/cache/rstats/forky".into());
    let python = cache.join("bin").join("python3.13");
    if !python.is_file() {
        eprintln!(
            "skipped: {} not found (make it with `sudo ci/reference-pythons`)",
            python.display()
        );
        return;
    }
    let python = python.to_string_lossy().to_string();
    let args = [
        "check",
        "[1.0, \"inf\", 2.5]",
        "--function",
        "stdev",
        "--function",
        "pstdev",
        "--python",
        &python,
    ];
    let o = tool(&args);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    assert!(out.contains("reference: CPython 3.13.15"), "{out}");
    assert!(out.contains("profile 3.13.15"), "{out}");
    let mut forced = args.to_vec();
    forced.extend(["--profile", "3.13.0"]);
    let o = tool(&forced);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}{err}");
    assert!(out.contains("DIVERGENCE: stdev, pstdev"), "{out}");
}

#[test]
fn help_explains_each_subcommand_with_examples() {
    let o = tool(&["--help"]);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(0));
    for word in ["run", "check", "matrix", "Exit status", "Examples"] {
        assert!(out.contains(word), "{out}");
    }
    for sub in ["run", "check", "matrix"] {
        let o = tool(&[sub, "--help"]);
        let (out, _) = text(&o);
        assert_eq!(o.status.code(), Some(0));
        assert!(out.contains("Examples:"), "{sub}: {out}");
        assert!(
            out.contains(&format!("rstats-parity {sub}")),
            "{sub}: {out}"
        );
    }
}

#[test]
fn check_shows_the_talks_input_field_by_field() {
    let talk = "[1, 3, 5, 7, 9, 10, 13, 84, 528]";
    let o = tool(&["check", talk]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    assert!(out.contains("[4.0, 9.0, 48.5]") && out.contains("73.33333333333333"));
    assert!(out.contains("PARITY"));
    assert!(
        out.contains("reference: CPython 3."),
        "the interpreter is named: {out}"
    );

    let o = tool(&["check", talk, "--method", "statrs"]);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("[4.333333333333334, 9.0, 36.66666666666664]"),
        "{out}"
    );
    assert!(
        out.contains("73.33333333333334") && out.contains("tolerated (1 ULPs)"),
        "{out}"
    );
    assert!(out.contains("DIVERGENCE"));
}

#[test]
fn run_reports_parity_and_writes_json_and_junit() {
    let dir = std::env::temp_dir().join(format!("rstats-parity-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let json = dir.join("report.json");
    let junit = dir.join("report.xml");
    let o = tool(&[
        "run",
        "--cases",
        "60",
        "--seed",
        "11",
        "--report",
        json.to_str().unwrap(),
        "--junit",
        junit.to_str().unwrap(),
    ]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    assert!(
        out.contains("PARITY: 60 cases") && out.contains("cases/s"),
        "{out}"
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(report["verdict"], "parity");
    assert_eq!(report["cases"], 60);
    assert!(report["reference"]["python"]
        .as_str()
        .unwrap()
        .starts_with("3."));
    let xml = std::fs::read_to_string(&junit).unwrap();
    assert!(
        xml.contains("<testsuite ") && xml.contains("failures=\"0\""),
        "{xml}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn run_with_the_statrs_method_exits_1_with_a_small_counterexample() {
    let dir = std::env::temp_dir().join(format!("rstats-parity-statrs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let json = dir.join("report.json");
    let o = tool(&[
        "run",
        "--method",
        "statrs",
        "--cases",
        "200",
        "--seed",
        "5",
        "--no-corpus",
        "--report",
        json.to_str().unwrap(),
    ]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}{err}");
    assert!(out.contains("DIVERGENCE quantiles[statrs]"), "{out}");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let smallest = report["counterexamples"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| {
            c["fields"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f == "quartiles" || f == "value")
        })
        .map(|c| c["data"].as_array().unwrap().len())
        .min()
        .unwrap();
    assert!(smallest <= 4, "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The crate's root (the tests run with it as their working directory, but say so).
fn root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh, empty scratch directory for one test.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("rstats-parity-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every file of `dir` (sorted by name) with its bytes and modification time.
fn snapshot(dir: &std::path::Path) -> Vec<(String, Vec<u8>, std::time::SystemTime)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| {
                    let path = e.path();
                    let bytes = std::fs::read(&path).unwrap();
                    let mtime = e.metadata().unwrap().modified().unwrap();
                    (e.file_name().to_string_lossy().to_string(), bytes, mtime)
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

/// `git status --porcelain -- tests/corpus`, or `None` outside a git checkout.
fn git_status_of_tests_corpus() -> Option<String> {
    let o = Command::new("git")
        .args(["status", "--porcelain", "--", "tests/corpus"])
        .current_dir(root())
        .output()
        .ok()?;
    o.status
        .success()
        .then(|| String::from_utf8_lossy(&o.stdout).to_string())
}

/// The README's demo of a caught divergence, `run --cases 5000 --seed 7 --method statrs`, with
/// extra arguments.
fn statrs_demo(extra: &[&str]) -> (Output, String) {
    let mut args = vec![
        "run", "--cases", "5000", "--seed", "7", "--method", "statrs", "--quiet",
    ];
    args.extend_from_slice(extra);
    let o = tool(&args);
    let (out, err) = text(&o);
    assert_eq!(
        o.status.code(),
        Some(1),
        "the statrs port diverges: {out}{err}"
    );
    (o, out)
}

#[test]
fn a_campaign_leaves_the_checkout_as_it_found_it() {
    let tests_corpus = root().join("tests").join("corpus");
    let before = snapshot(&tests_corpus);
    let status_before = git_status_of_tests_corpus();

    // Default: counterexamples go under target/, never into tests/corpus.
    let (_, out) = statrs_demo(&[]);
    let default_dir = rstats::parity::corpus::campaign_dir();
    assert!(
        out.contains(&format!("corpus: wrote {}", default_dir.display()))
            || out.contains(&format!(
                "corpus: already there, kept {}",
                default_dir.display()
            )),
        "{out}"
    );
    assert!(!out.contains("tests/corpus"), "{out}");
    assert_eq!(snapshot(&tests_corpus), before, "tests/corpus was modified");
    assert_eq!(git_status_of_tests_corpus(), status_before);

    // --corpus DIR, holding a copy of tests/corpus: counterexamples this demo found before, with
    // another seed (other `case`, `seed` and `shrink_steps`). Those it finds again are kept as
    // they are; the new ones are written; the same campaign again rewrites nothing.
    let dir = scratch("corpus-demo");
    for (name, bytes, _) in &before {
        if name.ends_with(".json") {
            std::fs::write(dir.join(name), bytes).unwrap();
        }
    }
    let copied = snapshot(&dir);
    std::thread::sleep(std::time::Duration::from_millis(50));
    let dir_arg = dir.to_str().unwrap();
    let (_, first) = statrs_demo(&["--corpus", dir_arg]);
    let after_first = snapshot(&dir);
    let kept = first.matches("corpus: already there, kept ").count();
    let wrote = first.matches("corpus: wrote ").count();
    assert!(kept >= 1, "the demo finds a stored input again: {first}");
    assert!(wrote >= 1, "{first}");
    assert_eq!(after_first.len(), copied.len() + wrote, "{first}");
    for (name, bytes, mtime) in &copied {
        let now = after_first
            .iter()
            .find(|f| &f.0 == name)
            .expect("file still there");
        assert_eq!((&now.1, &now.2), (bytes, mtime), "{name} was rewritten");
    }
    let (_, second) = statrs_demo(&["--corpus", dir_arg]);
    assert!(!second.contains("corpus: wrote "), "{second}");
    assert_eq!(
        second.matches("corpus: already there, kept ").count(),
        kept + wrote,
        "{second}"
    );
    assert_eq!(
        snapshot(&dir),
        after_first,
        "a second run with the same seed changed the files"
    );
    assert_eq!(snapshot(&tests_corpus), before, "tests/corpus was modified");
    assert_eq!(git_status_of_tests_corpus(), status_before);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn dry_run_checks_the_arguments_without_running() {
    let o = tool(&[
        "run",
        "--dry-run",
        "--cases",
        "5",
        "--seed",
        "3",
        "--corpus",
        "x",
    ]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    assert!(
        out.contains("dry run") && out.contains("5 cases") && out.contains("seed 3"),
        "{out}"
    );
    assert_usage_error(&["run", "--dry-run", "--cases", "0"], "must be at least 1");
    assert_usage_error(&["run", "--dry-run", "--method", "bogus"], "Unknown method");
}

/// The option lists of `ci/parity` (checked before the build) are those of `rstats-parity run`.
#[test]
fn ci_parity_knows_every_option_of_run() {
    let o = tool(&["run", "--help"]);
    let (help, _) = text(&o);
    let mut from_help: Vec<String> = help
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .filter(|w| w.starts_with("--") && w.len() > 2 && *w != "--help")
        .filter(|w| help.contains(&format!("      {w}")) || help.contains(&format!(", {w}")))
        .map(str::to_string)
        .collect();
    from_help.sort();
    from_help.dedup();
    let script = std::fs::read_to_string(root().join("ci").join("parity")).unwrap();
    let list = |name: &str| -> Vec<String> {
        let start = script.find(&format!("{name}=(")).expect(name) + name.len() + 2;
        let end = start + script[start..].find(')').expect("closing )");
        script[start..end]
            .split_whitespace()
            .map(str::to_string)
            .collect()
    };
    let mut from_script = list("RUN_VALUE_OPTIONS");
    from_script.extend(list("RUN_FLAG_OPTIONS"));
    from_script.sort();
    assert!(from_help.len() >= 10, "{help}");
    assert_eq!(from_script, from_help, "ci/parity's option lists");
}

/// `ci/parity` with a bad argument exits 2 with a usage line, before building anything: `cargo`
/// is replaced by a script that only records that it was called.
#[test]
fn ci_parity_rejects_bad_arguments_before_building() {
    let dir = scratch("ci-parity-args");
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let marker = dir.join("cargo-was-called");
    let fake = bin.join("cargo");
    std::fs::write(
        &fake,
        format!(
            "#!/bin/sh\necho \"$@\" >> '{}'\nexit 97\n",
            marker.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let python = Command::new("python3")
        .args(["-c", "import sys; print(sys.executable)"])
        .output()
        .expect("python3 runs");
    let python = String::from_utf8_lossy(&python.stdout).trim().to_string();
    let parity = |args: &[&str]| {
        let started = std::time::Instant::now();
        let o = Command::new(root().join("ci").join("parity"))
            .args(args)
            .env("HOME", &dir)
            .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
            .env("RSTATS_PYTHON", &python)
            .env_remove("PYO3_PYTHON")
            .output()
            .expect("ci/parity runs");
        (o, started.elapsed())
    };
    for (args, needle) in [
        (&["--bogus"][..], "unknown argument '--bogus'"),
        (&["--cases"][..], "--cases needs a value"),
        (&["--quiet=yes"][..], "--quiet takes no value"),
        (&["run", "--cases", "5"][..], "unknown argument 'run'"),
    ] {
        let (o, elapsed) = parity(args);
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {out}{err}");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(err.contains("usage: ci/parity"), "{args:?}: {err}");
        assert!(!marker.exists(), "{args:?}: cargo was called");
        assert!(elapsed.as_secs() < 20, "{args:?}: took {elapsed:?}");
    }
    // Valid arguments pass the check and reach the build (here: the fake cargo, exit 97).
    let (o, _) = parity(&["--cases", "5", "--seed=3", "--quiet", "--method", "statrs"]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(97), "{out}{err}");
    let called = std::fs::read_to_string(&marker).unwrap_or_default();
    assert!(
        called.contains("build --release --features cli --bin rstats-parity"),
        "{called}"
    );
    // --help describes the script and its options, and builds nothing either.
    let _ = std::fs::remove_file(&marker);
    let (o, _) = parity(&["--help"]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    assert!(
        out.contains("--duration") && out.contains("--corpus"),
        "{out}"
    );
    assert!(!marker.exists());
    let _ = std::fs::remove_dir_all(&dir);
}
