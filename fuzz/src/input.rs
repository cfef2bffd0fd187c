//! The fuzz input format: arbitrary bytes → a profile, a quantile method name, an `n` and a list
//! of Python numbers. Every byte string decodes (missing bytes read as zero), so libFuzzer's
//! mutations always reach the statistics functions.
//!
//! This file is also compiled into the main crate's `tests/fuzz_regressions.rs` (with `#[path]`),
//! so that a crash input can be replayed byte for byte, and so that `fuzz/seed_corpus.py` (which
//! writes this format from `reference/golden/inputs.json`) is checked against this decoder.
//!
//! ```text
//! byte 0      profile: Profile::ALL[b & 3]                       (py38, py310, py311, py313)
//! byte 1      method:  b & 15 → METHOD_TABLE; 14 and 15 are junk names: one length byte
//!                      (& 31), then that many bytes, decoded as lossy UTF-8
//! byte 2      n:       b < 0xF0 → b - 16 (-16 ..= 223); else N_SPECIAL[b - 0xF0];
//!                      0xFF → the next 8 bytes as a little-endian i64; then `fold_n`
//! then items until the bytes end (at most MAX_ITEMS values), each a tag byte t,
//! kind = t & 15, hi = t >> 4:
//!   0, 1, 2   float, raw IEEE bits (8 bytes, little-endian): every bit pattern, NaN payloads too
//!   3         special float: FLOAT_SPECIAL[next byte & 31]
//!   4, 5      small float: (next byte as i8) / SMALL_DIVISOR[hi & 7]
//!   6         ordinary float: sign hi & 1, exponent 2^((next byte as i8)), 52 random mantissa
//!             bits from the next 7 bytes
//!   7, 8      small int: next byte as i8
//!   9         int from 8 bytes (little-endian i64)
//!   10        bool: hi & 1
//!   11        big int: sign hi & 1, one length byte L, then L bytes of magnitude (little-endian)
//!   12        ±(2^k + off): sign hi & 1, k = 5 * (next byte) + ((hi >> 1) & 3), off = next byte as i8
//!   13        special int: INT_SPECIAL[next byte & 15], negated if hi & 1
//!   14        an earlier item again (index: next byte % len), transformed by hi & 3:
//!             0 same, 1 as float (`float(x)`, kept when that overflows), 2 as int (an integral
//!             float or a bool), 3 negated
//!   15        the last item repeated (next byte & 31) + 1 more times
//! ```

use num_bigint::{BigInt, Sign};
use rstats::{Method, Number, Profile};

/// The largest `n` passed on as it is below [`N_REFUSED`]: a result list of at most 4095 numbers
/// (64 KiB), so an execution stays fast and small.
pub const N_MAX: i64 = 4096;

/// Above this `n` the core refuses `quantiles` with `MemoryError` before allocating anything
/// (`quantile::reserve_results`), so such `n` are kept: they test that path for free. Between
/// [`N_MAX`] and this, the core would really allocate `n - 1` results (up to 2^31 numbers, 32 GiB,
/// and libFuzzer's 2 GiB malloc limit reports any single allocation above it as a crash), so
/// those `n` are folded into `1..=N_MAX`.
pub const N_REFUSED: i64 = 1 << 31;

/// At most this many values: long lists cost time per execution without reaching new code (the
/// scale of 10^7 values is tested by `ci/scale`).
pub const MAX_ITEMS: usize = 1024;

/// One decoded input.
#[derive(Debug, Clone)]
pub struct FuzzInput {
    /// The CPython profile.
    pub profile: Profile,
    /// The `method` argument of `quantiles` and `stats_py` (valid or not).
    pub method: String,
    /// The `n` argument of `quantiles`.
    pub n: i64,
    /// The data.
    pub data: Vec<Number>,
}

/// Method selector `b & 15`: CPython's two methods twice (they matter most), rstats' ten others,
/// then two junk slots.
pub const METHOD_TABLE: [&str; 14] = [
    "exclusive",
    "inclusive",
    "exclusive",
    "inclusive",
    "inverted_cdf",
    "averaged_inverted_cdf",
    "closest_observation",
    "interpolated_inverted_cdf",
    "hazen",
    "weibull",
    "linear",
    "median_unbiased",
    "normal_unbiased",
    "statrs",
];

/// `n` for the bytes 0xF0..=0xFE.
pub const N_SPECIAL: [i64; 15] = [
    4,
    100,
    1000,
    N_MAX,
    0,
    -1,
    i64::MIN,
    i64::MAX,
    N_REFUSED + 1,
    N_REFUSED + 2,
    1 << 32,
    1 << 62,
    -(1 << 31),
    1,
    2,
];

/// Divisors of the small floats: exact halves and quarters, and inexact thirds and tenths.
pub const SMALL_DIVISOR: [f64; 8] = [1.0, 2.0, 4.0, 8.0, 3.0, 5.0, 10.0, 100.0];

/// Floats that matter: zeros, infinities, NaNs with several payloads and signs, subnormals, the
/// float range's edges, squares at the overflow edge, and values from SEMANTICS.md.
pub const FLOAT_SPECIAL: [u64; 32] = [
    0x0000_0000_0000_0000, // 0.0
    0x8000_0000_0000_0000, // -0.0
    0x7FF0_0000_0000_0000, // inf
    0xFFF0_0000_0000_0000, // -inf
    0x7FF8_0000_0000_0000, // nan
    0xFFF8_0000_0000_0000, // -nan (x86's default NaN)
    0x7FF0_0000_0000_0001, // signalling NaN, payload 1
    0x7FF8_DEAD_BEEF_0001, // quiet NaN with a payload
    0x0000_0000_0000_0001, // 5e-324
    0x8000_0000_0000_0001, // -5e-324
    0x0010_0000_0000_0000, // smallest normal
    0x000F_FFFF_FFFF_FFFF, // largest subnormal
    0x7FEF_FFFF_FFFF_FFFF, // largest float
    0xFFEF_FFFF_FFFF_FFFF, // -largest float
    0x7FE1_CCF3_85EB_C8A0, // 1e308
    0x7FEE_42D1_3077_3B76, // 1.7e308
    0xFFEE_42D1_3077_3B76, // -1.7e308
    0x6974_E718_D7D7_625A, // 1e200
    0xE974_E718_D7D7_625A, // -1e200
    0x1EB6_7E9C_127B_6E74, // 1e-160
    0x4340_0000_0000_0000, // 2^53
    0x4340_0000_0000_0001, // 2^53 + 2
    0x3FE0_0000_0000_0000, // 0.5
    0x3FF0_0000_0000_0000, // 1.0
    0xBFF0_0000_0000_0000, // -1.0
    0x3FB9_9999_9999_999A, // 0.1
    0x0000_0000_0000_07E8, // 1e-320
    0x7FE0_0000_0000_0000, // 2^1023
    0x4053_0666_6666_6666, // 76.1
    0x4042_A51E_B851_EB85, // 37.29
    0x5FEF_FFFF_FFFF_FFFF, // just below 2^512: its square is just below the largest float
    0x5FF0_0000_0000_0000, // 2^512: its square overflows
];

/// Ints that matter: float rounding ties, the i64 edges, the float overflow edge.
pub fn int_special(i: usize) -> BigInt {
    let one = BigInt::from(1);
    let pow2 = |k: usize| &one << k;
    let ten = |k: u32| BigInt::from(10).pow(k);
    match i & 15 {
        0 => pow2(53) + 1,
        1 => pow2(63) - 1,
        2 => pow2(63),
        3 => pow2(64),
        4 => pow2(64) + 1,
        5 => ten(308),
        6 => ten(307) * 17,
        7 => ten(400),
        8 => pow2(1024) - pow2(970) - 1, // the largest int that rounds to the largest float
        9 => pow2(1024) - pow2(970),     // the smallest int whose float overflows
        10 => pow2(1024),
        11 => pow2(53) + 3,
        12 => ten(200) * 2,
        13 => BigInt::from(3).pow(700),
        14 => pow2(1074),
        _ => pow2(54) + 2,
    }
}

/// Maps `n` into what the fuzzer may run: see [`N_MAX`] and [`N_REFUSED`].
pub fn fold_n(n: i64) -> i64 {
    if n > N_MAX && n <= N_REFUSED {
        1 + (n - 1) % N_MAX
    } else {
        n
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn done(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    fn byte(&mut self) -> u8 {
        let b = self.bytes.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }

    fn take(&mut self, k: usize) -> &[u8] {
        let start = self.pos.min(self.bytes.len());
        let end = (self.pos + k).min(self.bytes.len());
        self.pos += k;
        &self.bytes[start..end]
    }

    fn u64_le(&mut self) -> u64 {
        let mut buf = [0u8; 8];
        let part = self.take(8);
        buf[..part.len()].copy_from_slice(part);
        u64::from_le_bytes(buf)
    }
}

/// Decodes any bytes.
pub fn decode(bytes: &[u8]) -> FuzzInput {
    let mut r = Reader { bytes, pos: 0 };
    let profile = Profile::ALL[usize::from(r.byte() & 3)];
    let selector = usize::from(r.byte() & 15);
    let method = match METHOD_TABLE.get(selector) {
        Some(name) => (*name).to_string(),
        None => {
            let len = usize::from(r.byte() & 31);
            String::from_utf8_lossy(r.take(len)).into_owned()
        }
    };
    let b = r.byte();
    let n = match b {
        0..=0xEF => i64::from(b) - 16,
        0xFF => r.u64_le() as i64,
        _ => N_SPECIAL[usize::from(b - 0xF0)],
    };
    let n = fold_n(n);
    let mut data: Vec<Number> = Vec::new();
    while !r.done() && data.len() < MAX_ITEMS {
        let tag = r.byte();
        let hi = tag >> 4;
        let negative = hi & 1 == 1;
        match tag & 15 {
            0..=2 => data.push(Number::Float(f64::from_bits(r.u64_le()))),
            3 => {
                let bits = FLOAT_SPECIAL[usize::from(r.byte() & 31)];
                data.push(Number::Float(f64::from_bits(bits)));
            }
            4 | 5 => {
                let x = f64::from(r.byte() as i8) / SMALL_DIVISOR[usize::from(hi & 7)];
                data.push(Number::Float(x));
            }
            6 => {
                let exp = i64::from(r.byte() as i8) + 1023;
                let mantissa = r.u64_le() & ((1 << 52) - 1);
                let bits = (u64::from(negative) << 63) | ((exp as u64) << 52) | mantissa;
                // The 8-byte read took one byte too many: give it back.
                r.pos -= 1;
                data.push(Number::Float(f64::from_bits(bits)));
            }
            7 | 8 => data.push(Number::Int(i64::from(r.byte() as i8))),
            9 => data.push(Number::Int(r.u64_le() as i64)),
            10 => data.push(Number::Bool(negative)),
            11 => {
                let len = usize::from(r.byte());
                let magnitude = BigInt::from_bytes_le(Sign::Plus, r.take(len));
                data.push(Number::from_bigint(if negative {
                    -magnitude
                } else {
                    magnitude
                }));
            }
            12 => {
                let k = 5 * usize::from(r.byte()) + usize::from((hi >> 1) & 3);
                let value = (BigInt::from(1) << k) + BigInt::from(r.byte() as i8);
                data.push(Number::from_bigint(if negative { -value } else { value }));
            }
            13 => {
                let value = int_special(usize::from(r.byte()));
                data.push(Number::from_bigint(if negative { -value } else { value }));
            }
            14 => {
                let index = usize::from(r.byte());
                if let Some(x) = data.get(index % data.len().max(1)).cloned() {
                    data.push(transform(x, hi & 3));
                }
            }
            _ => {
                let times = usize::from(r.byte() & 31) + 1;
                if let Some(x) = data.last().cloned() {
                    let room = MAX_ITEMS - data.len();
                    data.resize(data.len() + times.min(room), x);
                }
            }
        }
    }
    FuzzInput {
        profile,
        method,
        n,
        data,
    }
}

/// Item kind 14's transformations.
fn transform(x: Number, how: u8) -> Number {
    match how {
        1 => match rstats::internals::arith::to_float(&x) {
            Ok(f) => Number::Float(f),
            Err(_) => x,
        },
        2 => match &x {
            Number::Float(f) if f.is_finite() && f.fract() == 0.0 => {
                num_traits::FromPrimitive::from_f64(*f)
                    .map(Number::from_bigint)
                    .unwrap_or(x)
            }
            Number::Bool(b) => Number::Int(i64::from(*b)),
            _ => x,
        },
        3 => match &x {
            Number::Float(f) => Number::Float(-f),
            Number::Bool(b) => Number::Int(-i64::from(*b)),
            Number::Int(i) => Number::from_i128(-i128::from(*i)),
            Number::BigInt(b) => Number::from_bigint(-(**b).clone()),
        },
        _ => x,
    }
}

impl FuzzInput {
    /// The method as [`Method`], when it is one of rstats' names.
    pub fn parsed_method(&self) -> Option<Method> {
        self.method.parse().ok()
    }
}
