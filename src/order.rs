//! Order statistics as CPython's stable `sorted()` places them.
//!
//! `sorted()` is stable: among equal values (`1` and `1.0`, `0.0` and `-0.0`) the one that came
//! first stays first, and its type and sign are what a quantile or median then uses. A float or
//! int array whose equal values are indistinguishable (no mix of `0.0` and `-0.0`) may instead be
//! selected with `select_nth_unstable` on one scratch copy, which is O(n) per position.
//!
//! ```
//! use rstats::order::order_statistics;
//! use rstats::Number;
//! let data = [Number::Float(1.0), Number::Int(1), Number::Int(0)];
//! // sorted() gives [0, 1.0, 1]: position 1 is the float.
//! assert_eq!(order_statistics(&data, &[1]), vec![Number::Float(1.0)]);
//! assert_eq!(order_statistics(&[3.0f64, 1.0, 2.0], &[0, 2]), vec![1.0, 3.0]);
//! ```

use crate::sample::Sample;

/// Above this many distinct positions a full sort is cheaper than repeated selection.
const MAX_SELECTIONS: usize = 12;

/// Data of at most this many values are ordered by [`small_stable_order`], on the stack.
///
/// ```
/// use rstats::order::{small_stable_order, SMALL_ORDER};
/// assert!(small_stable_order(&[0.0f64; SMALL_ORDER]).is_some());
/// assert!(small_stable_order(&[0.0f64; SMALL_ORDER + 1]).is_none());
/// ```
pub const SMALL_ORDER: usize = 16;

/// The values at `positions` (each `< data.len()`) of the stably sorted data, in the order the
/// positions are given. The data must hold no NaN (the callers check).
pub fn order_statistics<T: Sample>(data: &[T], positions: &[usize]) -> Vec<T> {
    if let Some(order) = small_stable_order(data) {
        return positions
            .iter()
            .filter(|&&p| p < data.len())
            .map(|&p| data[usize::from(order[p])].clone())
            .collect();
    }
    let mut wanted: Vec<usize> = positions
        .iter()
        .copied()
        .filter(|&p| p < data.len())
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    if wanted.is_empty() {
        return Vec::new();
    }
    let values = if T::SELECTABLE && wanted.len() <= MAX_SELECTIONS && !mixes_signed_zeros(data) {
        select(data, &wanted)
    } else {
        let order = stable_order(data);
        wanted.iter().map(|&p| data[order[p]].clone()).collect()
    };
    positions
        .iter()
        .filter_map(|p| wanted.binary_search(p).ok().map(|i| values[i].clone()))
        .collect()
}

/// For at most [`SMALL_ORDER`] values, the indices of `data` in stably sorted order (what
/// `sorted()` would produce) without the heap: `order[p]` is the index of the value `sorted()`
/// puts at position `p` (entries from `data.len()` on are unused). `None` for more values.
///
/// Each value's position is its stable rank, the number of values before it in `sorted()`: those
/// smaller, and those equal that come earlier. Every pair is compared once.
///
/// ```
/// use rstats::order::small_stable_order;
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
            let before = u8::from(x.py_cmp(earlier) == std::cmp::Ordering::Less);
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
pub fn stable_order<T: Sample>(data: &[T]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..data.len()).collect();
    order.sort_by(|&a, &b| data[a].py_cmp(&data[b]));
    order
}

/// The data stably sorted, as `sorted()` returns it.
pub fn sorted<T: Sample>(data: &[T]) -> Vec<T> {
    stable_order(data)
        .into_iter()
        .map(|i| data[i].clone())
        .collect()
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

/// Selection of ascending, distinct positions on one scratch copy.
fn select<T: Sample>(data: &[T], wanted: &[usize]) -> Vec<T> {
    let mut scratch = data.to_vec();
    let mut start = 0;
    let mut out = Vec::with_capacity(wanted.len());
    for &p in wanted {
        let rest = &mut scratch[start..];
        let (_, nth, _) = rest.select_nth_unstable_by(p - start, |a, b| a.py_cmp(b));
        out.push(nth.clone());
        start = p + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Number;
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

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn small_order_is_the_stable_sort(data in prop::collection::vec(number(), 0..=SMALL_ORDER)) {
            let order = small_stable_order(&data).unwrap();
            let small: Vec<usize> = order[..data.len()].iter().map(|&i| usize::from(i)).collect();
            prop_assert_eq!(small, stable_order(&data));
        }

        #[test]
        fn order_statistics_match_the_stable_sort(
            data in prop::collection::vec(-4i64..4, 1..40),
            picks in prop::collection::vec(any::<prop::sample::Index>(), 1..8),
        ) {
            let floats: Vec<f64> = data.iter().map(|&i| if i == 0 { -0.0 } else { i as f64 }).collect();
            let positions: Vec<usize> = picks.iter().map(|p| p.index(data.len())).collect();
            let sorted_ints = sorted(&data);
            let expected: Vec<i64> = positions.iter().map(|&p| sorted_ints[p]).collect();
            prop_assert_eq!(order_statistics(&data, &positions), expected);
            let sorted_floats = sorted(&floats);
            let expected: Vec<u64> = positions.iter().map(|&p| sorted_floats[p].to_bits()).collect();
            let got: Vec<u64> = order_statistics(&floats, &positions).iter().map(|x| x.to_bits()).collect();
            prop_assert_eq!(got, expected);
        }
    }
}
