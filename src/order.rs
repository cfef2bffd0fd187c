//! Order statistics as CPython's stable `sorted()` places them.
//!
//! `sorted()` is stable: among equal values (`1` and `1.0`, `0.0` and `-0.0`) the one that came
//! first stays first, and its type and sign are what a quantile or median then uses. A float or
//! int array whose equal values are indistinguishable (no mix of `0.0` and `-0.0`) may instead be
//! selected with `select_nth_unstable` on one scratch copy, which is O(n) per position.
//!
//! ```
//! use rstats::internals::order::order_statistics;
//! use rstats::Number;
//! let data = [Number::Float(1.0), Number::Int(1), Number::Int(0)];
//! // sorted() gives [0, 1.0, 1]: position 1 is the float.
//! assert_eq!(order_statistics(&data, &[1]).unwrap(), vec![Number::Float(1.0)]);
//! assert_eq!(order_statistics(&[3.0f64, 1.0, 2.0], &[0, 2]).unwrap(), vec![1.0, 3.0]);
//! ```
//!
//! Every buffer sized by the data is allocated fallibly: when the allocator refuses, the answer is
//! [`StatsError::OutOfMemory`] (CPython's `MemoryError`), never an abort.

use crate::bucket_select;
use crate::error::{Result, StatsError};
use crate::sample::Sample;
use std::cmp::Ordering;

/// An empty vector with room for `len` values, or `OutOfMemory`.
pub(crate) fn try_vec<T>(len: usize) -> Result<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(len)
        .map_err(|_| StatsError::OutOfMemory {
            requested: len as u64,
        })?;
    Ok(v)
}

/// A copy of `data`, or `OutOfMemory`.
pub(crate) fn try_copy<T: Clone>(data: &[T]) -> Result<Vec<T>> {
    let mut v = try_vec(data.len())?;
    v.extend_from_slice(data);
    Ok(v)
}

/// Above this many distinct positions a full sort is cheaper than repeated selection.
const MAX_SELECTIONS: usize = 12;

/// Data of at most this many values are ordered by [`small_stable_order`], on the stack.
///
/// ```
/// use rstats::internals::order::{small_stable_order, SMALL_ORDER};
/// assert!(small_stable_order(&[0.0f64; SMALL_ORDER]).is_some());
/// assert!(small_stable_order(&[0.0f64; SMALL_ORDER + 1]).is_none());
/// ```
pub const SMALL_ORDER: usize = 16;

/// The values at `positions` of the stably sorted data, in the order the positions are given;
/// a position at or past `data.len()` is skipped (no panic). The data must hold no NaN (the callers check).
/// `OutOfMemory` when the allocator refuses a buffer (the positions' or the data's size).
pub fn order_statistics<T: Sample>(data: &[T], positions: &[usize]) -> Result<Vec<T>> {
    let mut out = try_vec(positions.len())?;
    if let Some(order) = small_stable_order(data) {
        out.extend(
            positions
                .iter()
                .filter(|&&p| p < data.len())
                .map(|&p| data[usize::from(order[p])].clone()),
        );
        return Ok(out);
    }
    let mut wanted: Vec<usize> = try_vec(positions.len())?;
    wanted.extend(positions.iter().copied().filter(|&p| p < data.len()));
    wanted.sort_unstable();
    wanted.dedup();
    if wanted.is_empty() {
        return Ok(out);
    }
    let values = if wanted.len() > MAX_SELECTIONS {
        let order = stable_order(data)?;
        let mut values = try_vec(wanted.len())?;
        values.extend(wanted.iter().map(|&p| data[order[p]].clone()));
        values
    } else if T::SELECTABLE && !mixes_signed_zeros(data) {
        select(data, &wanted)?
    } else {
        select_stable(data, &wanted)?
    };
    out.extend(
        positions
            .iter()
            .filter_map(|p| wanted.binary_search(p).ok().map(|i| values[i].clone())),
    );
    Ok(out)
}

/// For at most [`SMALL_ORDER`] values, the indices of `data` in stably sorted order (what
/// `sorted()` would produce) without the heap: `order[p]` is the index of the value `sorted()`
/// puts at position `p` (entries from `data.len()` on are unused). `None` for more values.
///
/// Each value's position is its stable rank, the number of values before it in `sorted()`: those
/// smaller, and those equal that come earlier. Every pair is compared once.
///
/// ```
/// use rstats::internals::order::small_stable_order;
/// use rstats::Number;
/// let data = [Number::Float(1.0), Number::Int(1), Number::Int(0)];
/// let order = small_stable_order(&data).unwrap();
/// assert_eq!(order[..3], [2, 0, 1]); // sorted() gives [0, 1.0, 1]
/// ```
pub fn small_stable_order<T: Sample>(data: &[T]) -> Option<[u8; SMALL_ORDER]> {
    if data.len() > SMALL_ORDER {
        return None;
    }
    let mut rank = [0u8; SMALL_ORDER];
    for (j, x) in data.iter().enumerate() {
        // Later values add to rank[j] when they come after x; here the earlier ones do.
        let mut after = 0u8;
        for (r, earlier) in rank.iter_mut().zip(&data[..j]) {
            // x comes after `earlier` unless it is strictly smaller (no branch: the outcome of
            // comparing unsorted data is a coin toss for the branch predictor).
            let before = u8::from(x.py_cmp(earlier) == Ordering::Less);
            *r += before;
            after += 1 - before;
        }
        rank[j] = after;
    }
    let mut order = [0u8; SMALL_ORDER];
    for (i, &r) in rank[..data.len()].iter().enumerate() {
        order[usize::from(r)] = i as u8;
    }
    Some(order)
}

/// The indices of `data` in stably sorted order (what `sorted()` would produce).
///
/// Sorts `(key, index)` pairs ([`Sample::order_key`]) held side by side, not indices that send
/// every comparison to two random addresses of `data`: at 10,000,000 values that was most of the
/// time. Only pairs with equal keys look at the values themselves.
///
/// `OutOfMemory` when the allocator refuses the pairs, the sort's scratch space or the result.
pub fn stable_order<T: Sample>(data: &[T]) -> Result<Vec<usize>> {
    let mut pairs = keyed(data)?;
    // Equal values ordered by their index: exactly where a stable sort leaves them. (An unstable
    // sort, because it sorts in place: the standard library's stable sort would allocate its
    // scratch space infallibly.)
    pairs.sort_unstable_by(|a, b| cmp_keyed(data, a, b).then(a.1.cmp(&b.1)));
    let mut order = try_vec(pairs.len())?;
    order.extend(pairs.into_iter().map(|(_, i)| i));
    Ok(order)
}

/// Each value's [`Sample::order_key`] beside its index.
fn keyed<T: Sample>(data: &[T]) -> Result<Vec<(f64, usize)>> {
    let mut pairs = try_vec(data.len())?;
    pairs.extend(data.iter().enumerate().map(|(i, x)| (x.order_key(), i)));
    Ok(pairs)
}

/// Python's order of the values behind two keyed pairs: the keys decide unless they are equal (or
/// unordered), then the values do.
#[inline]
fn cmp_keyed<T: Sample>(data: &[T], a: &(f64, usize), b: &(f64, usize)) -> Ordering {
    match a.0.partial_cmp(&b.0) {
        Some(Ordering::Less) => Ordering::Less,
        Some(Ordering::Greater) => Ordering::Greater,
        _ => data[a.1].py_cmp(&data[b.1]),
    }
}

/// The data stably sorted, as `sorted()` returns it; `OutOfMemory` when the allocator refuses.
pub fn sorted<T: Sample>(data: &[T]) -> Result<Vec<T>> {
    let order = stable_order(data)?;
    let mut values = try_vec(order.len())?;
    values.extend(order.into_iter().map(|i| data[i].clone()));
    Ok(values)
}

/// True when the data holds both `0.0` and `-0.0` (selection could then swap them).
pub fn mixes_signed_zeros<T: Sample>(data: &[T]) -> bool {
    let (mut pos, mut neg) = (false, false);
    for x in data {
        pos |= x.is_positive_zero();
        neg |= x.is_negative_zero();
        if pos && neg {
            return true;
        }
    }
    false
}

/// Selection of ascending, distinct positions in the stable order: on keyed pairs, with equal
/// values ordered by their index, which is where a stable sort leaves them.
fn select_stable<T: Sample>(data: &[T], wanted: &[usize]) -> Result<Vec<T>> {
    let mut pairs = keyed(data)?;
    let mut start = 0;
    let mut out = try_vec(wanted.len())?;
    for &p in wanted {
        let rest = &mut pairs[start..];
        let (_, nth, _) = rest
            .select_nth_unstable_by(p - start, |a, b| cmp_keyed(data, a, b).then(a.1.cmp(&b.1)));
        out.push(data[nth.1].clone());
        start = p + 1;
    }
    Ok(out)
}

/// Selection of ascending, distinct positions on one scratch copy.
fn select<T: Sample>(data: &[T], wanted: &[usize]) -> Result<Vec<T>> {
    if data.len() >= bucket_select::MIN_LEN {
        if let Some(values) = bucket_select::select_by_buckets(data, wanted) {
            return Ok(values);
        }
    }
    let mut scratch = try_copy(data)?;
    let mut start = 0;
    let mut out = try_vec(wanted.len())?;
    for &p in wanted {
        let rest = &mut scratch[start..];
        let (_, nth, _) = rest.select_nth_unstable_by(p - start, |a, b| a.py_cmp(b));
        out.push(nth.clone());
        start = p + 1;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Number;
    use num_bigint::BigInt;
    use proptest::prelude::*;

    fn number() -> impl Strategy<Value = Number> {
        prop_oneof![
            (-3i64..3).prop_map(Number::Int),
            (-3i64..3).prop_map(|i| Number::Float(i as f64)),
            Just(Number::Float(-0.0)),
            Just(Number::Float(0.5)),
            Just(Number::Bool(true)),
            any::<i64>().prop_map(Number::Int),
        ]
    }

    /// Values whose order keys tie although the values differ, or are equal across types: ints
    /// next to 2^53 and 2^63 and their floats, ints beyond the float range, infinities.
    fn close_number() -> impl Strategy<Value = Number> {
        let two53 = 1i64 << 53;
        prop_oneof![
            number(),
            (-2i64..=2).prop_map(move |d| Number::Int(two53 + d)),
            (-2i64..=2).prop_map(move |d| Number::Int(-two53 + d)),
            Just(Number::Float(9007199254740992.0)),
            Just(Number::Float(-9007199254740992.0)),
            Just(Number::Float(9223372036854775808.0)),
            Just(Number::Int(i64::MAX)),
            Just(Number::Int(i64::MIN)),
            (-2i64..=2).prop_map(|d| Number::from_bigint((BigInt::from(1u8) << 63u32) + d)),
            (-2i64..=2).prop_map(|d| Number::from_bigint((BigInt::from(1u8) << 1024u32) + d)),
            (-2i64..=2).prop_map(|d| Number::from_bigint(-(BigInt::from(1u8) << 1100u32) + d)),
            Just(Number::Float(f64::MAX)),
            Just(Number::Float(f64::INFINITY)),
            Just(Number::Float(f64::NEG_INFINITY)),
        ]
    }

    /// The stable sort of indices that compares the values themselves: what `sorted()` does.
    fn index_sort<T: Sample>(data: &[T]) -> Vec<usize> {
        let mut order: Vec<usize> = (0..data.len()).collect();
        order.sort_by(|&a, &b| data[a].py_cmp(&data[b]));
        order
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn small_order_is_the_stable_sort(data in prop::collection::vec(number(), 0..=SMALL_ORDER)) {
            let order = small_stable_order(&data).unwrap();
            let small: Vec<usize> = order[..data.len()].iter().map(|&i| usize::from(i)).collect();
            prop_assert_eq!(small, index_sort(&data));
        }

        #[test]
        fn keyed_order_is_the_stable_sort(data in prop::collection::vec(close_number(), 0..60)) {
            prop_assert_eq!(stable_order(&data).unwrap(), index_sort(&data));
        }

        #[test]
        fn keyed_selection_is_the_stable_sort(
            data in prop::collection::vec(close_number(), SMALL_ORDER + 1..60),
            picks in prop::collection::vec(any::<prop::sample::Index>(), 1..=MAX_SELECTIONS),
        ) {
            let order = index_sort(&data);
            let positions: Vec<usize> = picks.iter().map(|p| p.index(data.len())).collect();
            let got = order_statistics(&data, &positions).unwrap();
            prop_assert_eq!(got.len(), positions.len());
            for (x, &p) in got.iter().zip(&positions) {
                // The very value sorted() puts there: same type and sign, not just equal.
                let want = &data[order[p]];
                prop_assert_eq!(format!("{x:?}"), format!("{want:?}"), "position {}", p);
            }
        }

        #[test]
        fn order_statistics_match_the_stable_sort(
            data in prop::collection::vec(-4i64..4, 1..40),
            picks in prop::collection::vec(any::<prop::sample::Index>(), 1..8),
        ) {
            let floats: Vec<f64> = data.iter().map(|&i| if i == 0 { -0.0 } else { i as f64 }).collect();
            let positions: Vec<usize> = picks.iter().map(|p| p.index(data.len())).collect();
            let sorted_ints = sorted(&data).unwrap();
            let expected: Vec<i64> = positions.iter().map(|&p| sorted_ints[p]).collect();
            prop_assert_eq!(order_statistics(&data, &positions).unwrap(), expected);
            let sorted_floats = sorted(&floats).unwrap();
            let expected: Vec<u64> = positions.iter().map(|&p| sorted_floats[p].to_bits()).collect();
            let got: Vec<u64> = order_statistics(&floats, &positions).unwrap().iter().map(|x| x.to_bits()).collect();
            prop_assert_eq!(got, expected);
        }
    }

    #[test]
    fn equal_keys_fall_back_to_the_values() {
        // 2^53 + 1 rounds to the float 2^53: equal keys, but the int is the larger value.
        let two53 = 1i64 << 53;
        let data = [
            Number::Int(two53 + 1),
            Number::Float(two53 as f64),
            Number::Int(two53),
        ];
        assert_eq!(data[0].order_key(), data[1].order_key());
        // sorted() gives [2.0**53, 2**53, 2**53 + 1]: the float first, equal values in order.
        assert_eq!(stable_order(&data).unwrap(), vec![1, 2, 0]);
    }
}
