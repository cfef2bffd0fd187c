//! What fuzzing (`fuzz/`, `ci/fuzz`) established, replayed through the public API.
//!
//! * The seed corpus: `fuzz/seed_corpus.py` writes the golden inputs in the fuzz input format;
//!   the Rust decoder the fuzz targets use (`fuzz/src/input.rs`, compiled in here) must read
//!   back exactly the golden data (NaN bits included) and the intended headers.
//! * CPython's edge cases that the fuzz invariants are shaped around: the first fuzz runs
//!   flagged these inputs because the invariants were stated too strongly; CPython 3.8, 3.11 and
//!   3.13 were run on each and the invariants corrected. The core must keep agreeing with
//!   CPython on them (values below are CPython's).
//! * Divergences and crashes found by fuzzing: a test here replaying the input, before the fix.
//!   A test for a fix still to be made in a file fuzzing does not own is `#[ignore]`d with the
//!   reason (run it with `cargo test --test fuzz_regressions -- --ignored`).

#[path = "../fuzz/src/input.rs"]
#[allow(dead_code)]
mod input;

use rstats::parity::codec::{numbers_from_json, numbers_to_json, parse_float_hex};
use rstats::{
    compute_stats, compute_stats_named, quantiles, quantiles_named, stdev, variance, Method,
    Number, Profile, PyExceptionKind, StatsError,
};
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn python() -> String {
    std::env::var("PYO3_PYTHON").unwrap_or_else(|_| "python3".to_string())
}

#[test]
fn seed_corpus_decodes_to_the_golden_inputs() {
    let out = std::env::temp_dir().join(format!("rstats-seed-corpus-{}", std::process::id()));
    let status = Command::new(python())
        .arg(root().join("fuzz/seed_corpus.py"))
        .arg("--out")
        .arg(&out)
        .status()
        .expect("python3 runs fuzz/seed_corpus.py");
    assert!(status.success(), "seed_corpus.py failed");

    let text = std::fs::read_to_string(root().join("reference/golden/inputs.json"))
        .expect("golden inputs");
    let doc: Value = serde_json::from_str(&text).expect("inputs.json is JSON");
    let inputs = doc["inputs"].as_array().expect("inputs");
    let mut checked = 0;
    for target in ["core", "differential"] {
        for case in inputs {
            let id = case["id"].as_u64().expect("id");
            let expected = numbers_from_json(&case["data"]).expect("golden data decodes");
            for variant in 0..3 {
                let path = out.join(target).join(format!("seed-{id:03}-{variant}"));
                let bytes = std::fs::read(&path).expect("seed file written");
                let decoded = input::decode(&bytes);
                // Compare the exact encodings: NaN payloads and signs must survive too.
                assert_eq!(
                    numbers_to_json(&decoded.data),
                    numbers_to_json(&expected),
                    "{}",
                    path.display()
                );
                if variant == 0 {
                    assert_eq!(decoded.profile, Profile::Py311);
                    assert_eq!(decoded.method, "exclusive");
                    assert_eq!(decoded.n, 4);
                }
                if variant == 1 {
                    assert_eq!(decoded.method, "inclusive");
                }
                checked += 1;
            }
        }
    }
    let _ = std::fs::remove_dir_all(&out);
    assert_eq!(checked, 2 * 3 * inputs.len());
}

#[test]
fn decoder_never_fails_and_caps_n() {
    // Truncated and empty inputs decode (missing bytes read as zero).
    let empty = input::decode(&[]);
    assert!(empty.data.is_empty());
    assert_eq!(empty.n, -16);
    // n between 4096 and 2^31 is folded (the core would really allocate that many results);
    // beyond 2^31 it is kept (the core refuses it before allocating).
    let raw = |n: i64| {
        let mut b = vec![2, 0, 0xFF];
        b.extend_from_slice(&n.to_le_bytes());
        input::decode(&b).n
    };
    assert_eq!(raw(4096), 4096);
    assert_eq!(raw(4097), 1);
    assert_eq!(raw(1 << 31), 4096);
    assert_eq!(raw((1 << 31) + 1), (1 << 31) + 1);
    assert_eq!(raw(i64::MIN), i64::MIN);
    // Every raw f64 bit pattern survives, NaN payload included.
    let mut b = vec![2, 0, 20, 0];
    b.extend_from_slice(&0x7FF0_0000_0000_0001u64.to_le_bytes());
    match input::decode(&b).data.as_slice() {
        [Number::Float(x)] => assert_eq!(x.to_bits(), 0x7FF0_0000_0000_0001),
        other => panic!("decoded {other:?}"),
    }
}

#[test]
fn cpython_inclusive_cut_points_can_leave_min_max_by_rounding() {
    // statistics.quantiles([-0.2, -0.2], n=17, method='inclusive')[1] == -0.19999999999999998
    let q = quantiles(&[-0.2f64, -0.2], 17, Method::Inclusive, Profile::Py311).expect("ok");
    assert_eq!(q[1], Number::Float(-0.19999999999999998));
    assert!(matches!(q[1], Number::Float(x) if x > -0.2));
}

#[test]
fn cpython_finite_data_can_give_nan_cut_points() {
    // statistics.quantiles([-1.7e308, 1.7e308], n=4, method='inclusive') == [-inf, nan, inf]
    let q = quantiles(
        &[-1.7e308f64, 1.7e308],
        4,
        Method::Inclusive,
        Profile::Py311,
    )
    .expect("ok");
    assert_eq!(q[0], Number::Float(f64::NEG_INFINITY));
    assert!(q[1].is_nan());
    assert_eq!(q[2], Number::Float(f64::INFINITY));
}

#[test]
fn cpython_stats_py_range_can_be_negative_zero() {
    // stats_py([0.0, -0.0])['range'] is -0.0: sorted() keeps 0.0 first, -0.0 - 0.0 == -0.0.
    let s = compute_stats(&[0.0f64, -0.0], Method::Exclusive, Profile::Py311).expect("ok");
    assert_eq!(s.range.to_bits(), (-0.0f64).to_bits());
}

#[test]
fn cpython_variance_rounding_to_zero_with_a_subnormal_stdev() {
    // 3.11+: variance([2**-1022, 0x0.fffffffffffffp-1022]) == 0.0, stdev(...) == 5e-324;
    // 3.8: AssertionError('negative sum of square deviations: -0.000000').
    let data = [f64::MIN_POSITIVE, f64::from_bits(0x000F_FFFF_FFFF_FFFF)];
    for profile in [Profile::Py311, Profile::Py313] {
        assert_eq!(variance(&data, profile), Ok(Number::Float(0.0)));
        assert_eq!(stdev(&data, profile), Ok(5e-324));
    }
    let err = variance(&data, Profile::Py38).expect_err("3.8 asserts");
    assert_eq!(err.exception(), PyExceptionKind::AssertionError);
    assert_eq!(
        err.to_string(),
        "negative sum of square deviations: -0.000000"
    );
}

#[test]
fn cpython_int_times_weight_overflows_when_converted() {
    // An int below the float range times a quantile weight (exact), then added to a float term:
    // CPython 3.8-3.13 raise OverflowError('int too large to convert to float').
    let big: num_bigint::BigInt = "971729725848613934508846077059349196324609665601471495276072831710362477623831389048959204978368661368690083051016380457941845357661273367331801802928509062324230341828909636926648006850024892175958083520498533469664711849450473029528569072101430281027826571772429776750608576208372649957567221879954997248"
        .parse()
        .expect("int");
    let hex = |h: &str| Number::Float(parse_float_hex(h).expect("float hex"));
    let mut data = vec![
        hex("0x1.7053b76000010p-248"),
        hex("0x1.62400001000d1p+1016"),
        hex("0x1.1050000000000p+46"),
    ];
    data.push(Number::from_bigint(big));
    for profile in [Profile::Py38, Profile::Py311] {
        let err = quantiles(&data, 193, Method::Inclusive, profile).expect_err("overflow");
        assert_eq!(
            err,
            StatsError::Overflow(rstats::Overflow::IntToFloat),
            "{profile}"
        );
    }
}

/// Found by the `differential` target (method names `'dicto…\U0003df7d…to'` and
/// `'\x10…\ue861…'`): CPython's `repr()` escapes every character `str.isprintable()` rejects
/// (C1 controls, no-break and other non-ASCII spaces, format characters, private use, unassigned
/// code points), as `\xhh`, `\uhhhh` or `\Uhhhhhhhh`; `format::py_str_repr` escapes only ASCII
/// controls. Minimal fuzz input: `[2, 14, 2, 0xC2, 0x85, 20, 7, 1, 7, 2]` (py311,
/// `quantiles([1, 2], n=4, method='\x85')`). Expected messages are CPython 3.11.7's.
///
/// Which characters are printable depends on the interpreter's Unicode database, so the exact
/// message is version-dependent even within one profile: `'\U0001fae8'` (Unicode 15.0) is
/// escaped by 3.8–3.11 and printed as is by 3.12 and 3.13.
#[test]
fn unknown_method_message_escapes_non_printable_characters_as_cpython() {
    for (method, cpython) in [
        ("\u{85}", "Unknown method: '\\x85'"),
        ("\u{a0}", "Unknown method: '\\xa0'"),
        ("\u{e861}", "Unknown method: '\\ue861'"),
        ("\u{3df7d}", "Unknown method: '\\U0003df7d'"),
        ("\u{e9}", "Unknown method: '\u{e9}'"),
    ] {
        let err = quantiles_named(&[1i64, 2], 4, method, Profile::Py311).expect_err("unknown");
        assert_eq!(err.exception(), PyExceptionKind::ValueError);
        assert_eq!(err.to_string(), cpython, "quantiles, method {method:?}");
        let err = compute_stats_named(&[1i64, 2], method, Profile::Py311).expect_err("unknown");
        assert_eq!(err.to_string(), cpython, "stats_py, method {method:?}");
    }
    let decoded = input::decode(&[2, 14, 2, 0xC2, 0x85, 20, 7, 1, 7, 2]);
    assert_eq!(decoded.method, "\u{85}");
    assert_eq!(decoded.n, 4);
    assert_eq!(decoded.data, vec![Number::Int(1), Number::Int(2)]);
}
