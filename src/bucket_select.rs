//! Order statistics of `f64` and `i64` data found by counting, without moving or copying it.
//!
//! [`crate::order`] takes an order statistic of a float or int array with
//! `select_nth_unstable` on a scratch copy: a copy of the whole input, and a partition pass per
//! position. Here the data is only read: one pass for the smallest and largest key
//! ([`Sample::radix_key`], which orders like the values), one pass counting how many keys fall
//! in each of up to 65,536 equal-width buckets between them, and one pass collecting the
//! values of the few buckets that hold a wanted position. Only those are selected among. At a
//! million values that is three quick reads instead of a copy and several partitions, and the
//! data can be read by another thread at the same time (the sums of `compute_stats`).
//!
//! The values of one bucket are all collected when they are many (many equal values, say): the
//! worst case is one scratch copy of the data, as before.
//!
//! ```
//! use rstats::internals::bucket_select::select_by_buckets;
//! let data: Vec<f64> = (0..10_000).map(|i| ((i * 7919) % 10_000) as f64 / 8.0).collect();
//! // sorted(data)[0], [5000] and [9999]
//! assert_eq!(select_by_buckets(&data, &[0, 5000, 9999]), Some(vec![0.0, 625.0, 1249.875]));
//! ```

use crate::sample::Sample;

/// Below this many values a scratch copy and `select_nth_unstable` cost less.
pub const MIN_LEN: usize = 1 << 12;

/// At most `2^MAX_BUCKET_BITS` buckets (256 KiB of counts: they stay in the L2 cache).
const MAX_BUCKET_BITS: u32 = 16;

/// The values at the ascending, distinct positions `wanted` (each `< data.len()`) of the sorted
/// data, for types with a [`Sample::radix_key`] whose equal values are indistinguishable (the
/// caller excludes NaN and mixed signed zeros). `None` when the type has no key, there are
/// more values than the counts can hold, or a position is out of range.
pub fn select_by_buckets<T: Sample>(data: &[T], wanted: &[usize]) -> Option<Vec<T>> {
    let n = data.len();
    if u32::try_from(n).is_err() || wanted.iter().any(|&p| p >= n) {
        return None;
    }
    let (lo, hi) = key_range(data)?;
    // About four values a bucket, at most 2^16 buckets.
    let bucket_bits = (usize::BITS - (n / 4).leading_zeros()).clamp(1, MAX_BUCKET_BITS);
    let span_bits = u64::BITS - (hi - lo).leading_zeros();
    let shift = span_bits.saturating_sub(bucket_bits);
    let bucket_of = |x: &T| x.radix_key().map(|k| ((k - lo) >> shift) as usize);
    let buckets = ((hi - lo) >> shift) as usize + 1;

    let mut counts = vec![0u32; buckets];
    for x in data {
        if let Some(count) = bucket_of(x).and_then(|b| counts.get_mut(b)) {
            *count += 1;
        }
    }
    // The bucket of each wanted position and its rank among the bucket's values.
    let targets = locate(&counts, wanted);
    // slot_of[b] = 1 + the index of bucket b among the target buckets, or 0.
    let mut slot_of = vec![0u8; buckets];
    let mut slots: Vec<Vec<T>> = Vec::new();
    for &(bucket, _) in &targets {
        let slot = slot_of.get_mut(bucket)?;
        if *slot == 0 {
            // The bucket's values (fallibly: `None`, and the caller selects another way).
            let mut values = Vec::new();
            values.try_reserve_exact(counts[bucket] as usize).ok()?;
            slots.push(values);
            *slot = u8::try_from(slots.len()).ok()?;
        }
    }
    for x in data {
        let slot = bucket_of(x)
            .and_then(|b| slot_of.get(b))
            .copied()
            .unwrap_or(0);
        if slot != 0 {
            slots[usize::from(slot) - 1].push(x.clone());
        }
    }
    targets
        .iter()
        .map(|&(bucket, rank)| {
            let values = slots.get_mut(usize::from(*slot_of.get(bucket)?) - 1)?;
            if rank >= values.len() {
                return None;
            }
            let (_, nth, _) = values.select_nth_unstable_by(rank, |a, b| a.py_cmp(b));
            Some(nth.clone())
        })
        .collect()
}

/// The smallest and the largest key.
fn key_range<T: Sample>(data: &[T]) -> Option<(u64, u64)> {
    let first = data.first()?.radix_key()?;
    let (mut lo, mut hi) = (first, first);
    for x in data {
        let k = x.radix_key()?;
        lo = lo.min(k);
        hi = hi.max(k);
    }
    Some((lo, hi))
}

/// For each position of `wanted` (ascending), `(bucket, rank within the bucket)`.
fn locate(counts: &[u32], wanted: &[usize]) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(wanted.len());
    let mut wanted = wanted.iter().copied().peekable();
    let mut before = 0usize;
    for (bucket, &count) in counts.iter().enumerate() {
        let end = before + count as usize;
        while let Some(p) = wanted.next_if(|&p| p < end) {
            out.push((bucket, p - before));
        }
        before = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sorted_at<T: Sample>(data: &[T], wanted: &[usize]) -> Vec<T> {
        let mut v = data.to_vec();
        v.sort_by(|a, b| a.py_cmp(b));
        wanted.iter().map(|&p| v[p].clone()).collect()
    }

    fn positions(n: usize, picks: &[prop::sample::Index]) -> Vec<usize> {
        let mut p: Vec<usize> = picks.iter().map(|i| i.index(n)).collect();
        p.sort_unstable();
        p.dedup();
        p
    }

    fn float() -> impl Strategy<Value = f64> {
        prop_oneof![
            any::<f64>().prop_filter("no NaN", |x| !x.is_nan()),
            (-50i32..50).prop_map(f64::from),
            (0.0f64..1.0),
            Just(0.0),
            Just(f64::MAX),
            Just(f64::MIN),
            Just(5e-324),
            Just(-5e-324),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn floats_as_sorted(
            data in prop::collection::vec(float(), 1..3000),
            picks in prop::collection::vec(any::<prop::sample::Index>(), 1..12),
            zero in prop_oneof![Just(0.0f64), Just(-0.0f64)],
        ) {
            // The callers' precondition: 0.0 and -0.0 not both present (here: every zero has
            // the sign of `zero`).
            let data: Vec<f64> = data.into_iter().map(|x| if x == 0.0 { zero } else { x }).collect();
            let wanted = positions(data.len(), &picks);
            let got = select_by_buckets(&data, &wanted).expect("f64 has keys");
            let want = sorted_at(&data, &wanted);
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            prop_assert_eq!(bits(&got), bits(&want));
        }

        #[test]
        fn ints_as_sorted(
            data in prop::collection::vec(prop_oneof![any::<i64>(), -20i64..20], 1..3000),
            picks in prop::collection::vec(any::<prop::sample::Index>(), 1..12),
        ) {
            let wanted = positions(data.len(), &picks);
            prop_assert_eq!(select_by_buckets(&data, &wanted), Some(sorted_at(&data, &wanted)));
        }
    }

    #[test]
    fn negative_zero_alone_and_equal_values() {
        let data = vec![-0.0f64; 5000];
        let got = select_by_buckets(&data, &[0, 4999]).expect("keys");
        assert!(got.iter().all(|x| x.to_bits() == (-0.0f64).to_bits()));
        let ints = vec![7i64; 5000];
        assert_eq!(select_by_buckets(&ints, &[2500]), Some(vec![7]));
    }

    #[test]
    fn positions_out_of_range_give_none() {
        let data: Vec<i64> = (0..100).collect();
        assert_eq!(select_by_buckets(&data, &[99]), Some(vec![99]));
        assert_eq!(select_by_buckets(&data, &[3, 100]), None);
        assert_eq!(select_by_buckets(&[] as &[f64], &[0]), None);
    }

    #[test]
    fn numbers_have_no_key() {
        let data = vec![crate::Number::Int(1); 3];
        assert_eq!(select_by_buckets(&data, &[0]), None);
    }
}
