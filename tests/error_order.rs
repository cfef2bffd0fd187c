//! Inputs on which two values fail in different ways, so that which exception a function raises
//! depends on the order it meets them: checked against every installed CPython 3.8–3.13 (the
//! subprocess reference, each with its own profile), every function and both methods.
//!
//! CPython 3.8–3.9's `_ss` computes `(x - c) ** 2` value by value: an int beyond the float range
//! fails in `x - c` (`int too large to convert to float`), a value far from the mean fails in
//! `** 2` (`(34, 'Numerical result out of range')`). `stdev(data)` meets them in the given order,
//! `stats_py` (`compute_stats`) in sorted order, since it computes on `sorted(numbers)`.

use rstats::parity::check::{check_input, render};
use rstats::parity::interpreters::{discover, MATRIX_MINORS};
use rstats::parity::plan::Plan;
use rstats::parity::reference::subprocess::SubprocessPython;
use rstats::parity::reference::Reference;
use rstats::parity::subject::Core;
use rstats::Number;

/// `2^1024 - 2^970`: the smallest int that `float()` refuses (it rounds up to 2^1024).
fn beyond_float() -> Number {
    Number::from_bigint(
        (num_bigint::BigInt::from(1) << 1024u32) - (num_bigint::BigInt::from(1) << 970u32),
    )
}

fn neg(x: Number) -> Number {
    match x {
        Number::BigInt(b) => Number::from_bigint(-(*b).clone()),
        other => other,
    }
}

fn inputs() -> Vec<Vec<Number>> {
    let big = beyond_float;
    let int = Number::Int;
    let float = Number::Float;
    vec![
        // The reported case: sorted, the int comes first; as given, the -1s do.
        vec![int(-1), int(-1), int(-1), int(-1), neg(big())],
        vec![neg(big()), int(-1), int(-1), int(-1), int(-1)],
        // Mirrored: as given the int comes first, sorted the 1s do.
        vec![big(), int(1), int(1), int(1), int(1)],
        vec![int(1), int(1), int(1), int(1), big()],
        vec![float(1.0), big(), float(1.0), float(2.0), float(1.0)],
        vec![
            float(-1.0),
            neg(big()),
            float(-1.0),
            float(3.0),
            float(-1.0),
            float(0.5),
        ],
        // Both kinds at both ends.
        vec![big(), int(-1), neg(big()), int(0), int(7)],
        vec![float(1e308), int(1), big(), float(-1e308), int(2)],
        // Only one kind: any order meets the same error.
        vec![float(1e308), float(-1e308), float(1.7e308), float(0.0)],
        vec![big(), big(), int(3)],
    ]
}

#[test]
fn errors_are_met_in_cpythons_order() {
    let mut ran = Vec::new();
    let mut missing = Vec::new();
    for found in discover(&MATRIX_MINORS) {
        let Some(path) = found.path else {
            missing.push(format!("3.{}", found.minor));
            continue;
        };
        let mut worker = SubprocessPython::spawn(&path).expect("worker starts");
        let profile = worker.profile().expect("profile");
        for data in inputs() {
            let rows = check_input(
                &data,
                4,
                &Plan::default(),
                &Core::default(),
                &mut worker,
                profile,
            )
            .expect("reference answers");
            assert!(
                rows.iter().all(|r| !r.comparison.is_divergent()),
                "CPython 3.{} on {data:?}:\n{}",
                found.minor,
                render(&rows)
            );
        }
        ran.push(format!("3.{}", found.minor));
    }
    println!("checked {ran:?}; missing: {missing:?}");
    assert!(!ran.is_empty(), "no CPython 3.8-3.13 found");
}
