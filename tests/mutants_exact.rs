//! Tests written against mutants of `src/exact` that the other fast tests let survive
//! (`reference/MUTANTS.md`).
//!
//! * Correct rounding: `ratio_to_f64`, `sqrt_ratio_to_f64` and `int_to_f64` against the embedded
//!   CPython's `int / int`, `statistics._float_sqrt_of_frac` and `float(int)` on random ratios of
//!   every size, including the subnormal and overflow ranges and exact ties.
//! * `Dyadic` and `Ratio`: their arithmetic against plain big-integer arithmetic (mathematical
//!   identities, no expected value taken from the code under test).

use num_bigint::{BigInt, BigUint, Sign};
use num_traits::{One, Zero};
use pyo3::prelude::*;
use pyo3::types::PyList;
use rstats::internals::exact::rounding::{int_to_f64, ratio_to_f64, sqrt_ratio_to_f64};
use rstats::internals::exact::{Dyadic, Ratio};

mod mutants_support;
use mutants_support::SplitMix;

/// What CPython computes for each case, as the float's bits, or `None` for OverflowError.
fn cpython(cases: &[(&str, String, String)]) -> Vec<Option<u64>> {
    Python::attach(|py| {
        let code = c"
import statistics, struct
def run(cases):
    out = []
    for kind, a, b in cases:
        a, b = int(a), int(b)
        try:
            if kind == 'div':
                r = a / b
            elif kind == 'sqrt':
                r = statistics._float_sqrt_of_frac(a, b)
            else:
                r = float(a)
        except OverflowError:
            out.append(None)
            continue
        out.append(struct.unpack('<Q', struct.pack('<d', r))[0])
    return out
";
        let module = PyModule::from_code(py, code, c"exact_ref.py", c"exact_ref").expect("module");
        let list = PyList::new(py, cases).expect("list");
        module
            .getattr("run")
            .and_then(|f| f.call1((list,)))
            .and_then(|r| r.extract())
            .expect("run")
    })
}

/// Each of `ours` is what CPython computes for the case beside it.
fn assert_matches_cpython(cases: &[(&str, String, String)], ours: &[Option<u64>]) {
    let expected = cpython(cases);
    for (((kind, a, b), want), got) in cases.iter().zip(&expected).zip(ours) {
        assert_eq!(got, want, "{kind}({a}, {b})");
    }
}

fn bits(x: Option<f64>) -> Option<u64> {
    x.map(f64::to_bits)
}

#[test]
fn ratios_round_as_cpython_int_division() {
    let mut rng = SplitMix(0x5EED_0007_0000_0001);
    let mut cases = Vec::new();
    let mut ours = Vec::new();
    for round in 0..3000 {
        // Sizes from tiny (both exact in a double) to 1,200 bits, and quotients from below the
        // smallest subnormal to beyond the largest float.
        let (a_bits, b_bits) = match round % 5 {
            0 => (rng.below(54), 1 + rng.below(53)),
            1 => (rng.below(1200), 1 + rng.below(1200)),
            2 => {
                let b = 1 + rng.below(200);
                (b + 1000 + rng.below(60), b) // near 2^1024
            }
            3 => {
                let a = 1 + rng.below(100);
                (a, a + 1000 + rng.below(100)) // subnormal or zero
            }
            _ => (54 + rng.below(120), 54 + rng.below(120)),
        };
        let a = rng.shaped(a_bits);
        let b = rng.shaped(b_bits);
        let negative = rng.below(2) == 1;
        let num = BigInt::from_biguint(if negative { Sign::Minus } else { Sign::Plus }, a);
        ours.push(bits(ratio_to_f64(&num, &b)));
        cases.push(("div", num.to_string(), b.to_string()));
    }
    // Exact ties: an odd number over a power of two, halfway between two floats, in the normal
    // and subnormal ranges.
    for round in 0..400u64 {
        let odd = rng.natural(54) | BigUint::one();
        let shift = match round % 3 {
            0 => rng.below(60),
            1 => 1074 + rng.below(60),
            _ => 1100 + rng.below(10),
        };
        let den = BigUint::one() << shift;
        let num = BigInt::from_biguint(Sign::Plus, odd);
        ours.push(bits(ratio_to_f64(&num, &den)));
        cases.push(("div", num.to_string(), den.to_string()));
    }
    assert_matches_cpython(&cases, &ours);
}

#[test]
fn square_roots_of_ratios_round_as_cpython() {
    let mut rng = SplitMix(0x5EED_0007_0000_0002);
    let mut cases = Vec::new();
    let mut ours = Vec::new();
    for round in 0..3000 {
        let (a_bits, b_bits) = match round % 4 {
            0 => (1 + rng.below(60), 1 + rng.below(60)),
            1 => (1 + rng.below(1500), 1 + rng.below(1500)),
            2 => {
                let b = 1 + rng.below(100);
                (b + 2030 + rng.below(30), b) // near 2^1024
            }
            _ => (100 + rng.below(400), 100 + rng.below(400)),
        };
        let a = rng.shaped(a_bits);
        let b = rng.shaped(b_bits);
        ours.push(bits(sqrt_ratio_to_f64(&a, &b)));
        cases.push(("sqrt", a.to_string(), b.to_string()));
    }
    // Perfect squares over perfect squares: exact roots.
    for _ in 0..300 {
        let (p_bits, q_bits) = (1 + rng.below(80), 1 + rng.below(80));
        let (p, q) = (rng.natural(p_bits), rng.natural(q_bits));
        let (a, b) = (&p * &p, &q * &q);
        ours.push(bits(sqrt_ratio_to_f64(&a, &b)));
        cases.push(("sqrt", a.to_string(), b.to_string()));
    }
    assert_matches_cpython(&cases, &ours);
}

#[test]
fn ints_convert_as_cpython_float() {
    let mut rng = SplitMix(0x5EED_0007_0000_0003);
    let mut cases = Vec::new();
    let mut ours = Vec::new();
    for round in 0..2000 {
        let size = match round % 3 {
            0 => rng.below(64),
            1 => 1000 + rng.below(40),
            _ => rng.below(1100),
        };
        let magnitude = rng.shaped(size);
        let sign = if rng.below(2) == 1 {
            Sign::Minus
        } else {
            Sign::Plus
        };
        let i = BigInt::from_biguint(sign, magnitude);
        ours.push(bits(int_to_f64(&i)));
        cases.push(("float", i.to_string(), "1".to_string()));
    }
    assert_matches_cpython(&cases, &ours);
}

#[test]
fn dyadics_are_normalized_and_add_and_multiply_exactly() {
    let mut rng = SplitMix(0x5EED_0007_0000_0004);
    for _ in 0..500 {
        let m = BigInt::from(rng.next_u64() as i64 >> rng.below(60));
        let e = rng.below(200) as i64 - 100;
        let d = Dyadic::new(m.clone(), e);
        // The value m * 2^e, kept as an odd mantissa (or zero with exponent 0).
        if m.is_zero() {
            assert!(d.is_zero());
            assert_eq!((d.mantissa().clone(), d.exponent()), (BigInt::zero(), 0));
            continue;
        }
        let tz = m.trailing_zeros().expect("non-zero") as i64;
        assert_eq!(d.mantissa(), &(&m >> tz as usize));
        assert_eq!(d.exponent(), e + tz);
        assert!(!d.is_zero());

        let m2 = BigInt::from(rng.next_u64() as i64 >> rng.below(60));
        let e2 = rng.below(200) as i64 - 100;
        let d2 = Dyadic::new(m2.clone(), e2);
        // Compare in a common scale 2^-300: every value here is an integer multiple of it.
        let scaled = |mant: &BigInt, exp: i64| mant << (exp + 300) as usize;
        let sum = d.add(&d2);
        assert_eq!(
            scaled(sum.mantissa(), sum.exponent()),
            scaled(&m, e) + scaled(&m2, e2)
        );
        let product = d.mul(&d2);
        assert_eq!(
            scaled(product.mantissa(), product.exponent()),
            (&m * &m2) << (e + e2 + 300) as usize
        );
        let k = BigInt::from(rng.below(1000) as i64 - 500);
        let times = d.mul_int(&k);
        assert_eq!(
            scaled(times.mantissa(), times.exponent()),
            scaled(&m, e) * &k
        );
        let neg = d.neg();
        assert_eq!(scaled(neg.mantissa(), neg.exponent()), -scaled(&m, e));

        // An integer exactly when the exponent is not negative.
        let expected = if e >= 0 {
            Some(&m << e as usize)
        } else if e + tz >= 0 {
            Some(&m >> (-e) as usize)
        } else {
            None
        };
        assert_eq!(d.to_integer(), expected);
        // The ratio has the same value: num * 2^300 == value * den * 2^300.
        let ratio = d.to_ratio();
        let den = BigInt::from_biguint(Sign::Plus, ratio.den.clone());
        assert_eq!(&ratio.num << 300usize, scaled(&m, e) * den);
        assert_eq!(ratio.is_negative(), m < BigInt::zero());
    }
}

#[test]
fn ratios_divide_and_recognise_integers() {
    let r = Ratio::new(BigInt::from(-12), BigUint::from(4u32));
    assert_eq!(r.to_integer(), Some(BigInt::from(-3)));
    assert!(r.is_negative());
    assert_eq!(r.to_f64(), Some(-3.0));
    let third = r.div_int(9);
    assert_eq!(third.to_integer(), None);
    assert_eq!(third.to_f64(), Some(-1.0 / 3.0));
    let positive = Ratio::new(BigInt::from(7), BigUint::from(2u32));
    assert!(!positive.is_negative());
    assert_eq!(positive.to_integer(), None);
    assert_eq!(positive.to_f64(), Some(3.5));
    assert!(!Ratio::new(BigInt::zero(), BigUint::one()).is_negative());
}
