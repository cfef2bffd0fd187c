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

/// The values at `positions` (each `< data.len()`) of the stably sorted data, in the order the
/// positions are given. The data must hold no NaN (the callers check).
pub fn order_statistics<T: Sample>(data: &[T], positions: &[usize]) -> Vec<T> {
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
