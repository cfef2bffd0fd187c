//! Binding a call's arguments to a function's parameters as CPython binds them for a function
//! written in Python, with CPython's `TypeError` messages, word for word.
//!
//! PyO3's own binding says `mean() takes 1 positional arguments but 2 were given` (CPython: `1
//! positional argument`), checks the count of positional arguments before the keywords (CPython
//! checks the keywords first, so `quantiles([1, 2], 4, x=3)` is about the keyword `x`), and has
//! neither the `(and 1 keyword-only argument)` of a call like `quantiles(d, 4, n=3)` nor 3.13's
//! `Did you mean 'data'?`. The functions of the module therefore take `*args, **kwargs` from
//! PyO3 and bind them here, in the order of CPython's `initialize_locals` (`Python/ceval.c`):
//!
//! 1. the positional arguments fill the positional parameters, left to right;
//! 2. each keyword, in the caller's order: unknown → `got an unexpected keyword argument`
//!    (3.13+: with CPython's suggestion), a parameter already filled → `got multiple values for
//!    argument`;
//! 3. too many positional arguments → `takes N positional argument(s) but M were given`;
//! 4. a required parameter left empty → `missing 1 required positional argument`.
//!
//! The messages are the same in CPython 3.9 to 3.13 except for the suggestion (3.13 and later).

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyTuple};

/// A function's parameters, as `def name(positional..., *, keyword_only...)` declares them.
pub(crate) struct Signature {
    /// The function's name (its `__qualname__`).
    pub name: &'static str,
    /// Positional-or-keyword parameters, in order.
    pub positional: &'static [&'static str],
    /// How many of the first `positional` parameters have no default.
    pub required: usize,
    /// Keyword-only parameters (every one has a default).
    pub keyword_only: &'static [&'static str],
}

impl Signature {
    fn parameters(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.positional
            .iter()
            .chain(self.keyword_only.iter())
            .copied()
    }
}

/// The arguments bound to the parameters, in the order of the signature (positional ones, then
/// keyword-only ones): `None` for a parameter left to its default.
///
/// `suggest`: CPython 3.13 and later add `. Did you mean 'x'?` to an unknown keyword close to a
/// parameter's name.
pub(crate) fn bind<'py, const N: usize>(
    signature: &Signature,
    args: &Bound<'py, PyTuple>,
    kwargs: Option<&Bound<'py, PyDict>>,
    suggest: bool,
) -> PyResult<[Option<Bound<'py, PyAny>>; N]> {
    debug_assert_eq!(N, signature.positional.len() + signature.keyword_only.len());
    let mut bound: [Option<Bound<'py, PyAny>>; N] = std::array::from_fn(|_| None);
    let given = args.len();
    for (slot, arg) in bound
        .iter_mut()
        .zip(args.iter().take(signature.positional.len()))
    {
        *slot = Some(arg);
    }
    if let Some(kwargs) = kwargs {
        for (keyword, value) in kwargs.iter() {
            let name = keyword
                .cast::<PyString>()
                .ok()
                .and_then(|s| s.to_str().ok());
            let index = name.and_then(|name| signature.parameters().position(|p| p == name));
            let Some(index) = index else {
                return Err(unexpected_keyword(signature, &keyword, suggest));
            };
            if bound[index].is_some() {
                return Err(PyTypeError::new_err(format!(
                    "{}() got multiple values for argument '{}'",
                    signature.name,
                    signature.parameters().nth(index).unwrap_or_default()
                )));
            }
            bound[index] = Some(value);
        }
    }
    if given > signature.positional.len() {
        let keyword_only_given = bound[signature.positional.len()..]
            .iter()
            .filter(|b| b.is_some())
            .count();
        return Err(PyTypeError::new_err(too_many_positional(
            signature,
            given,
            keyword_only_given,
        )));
    }
    let missing: Vec<&str> = signature.positional[..signature.required]
        .iter()
        .zip(&bound)
        .filter(|(_, b)| b.is_none())
        .map(|(name, _)| *name)
        .collect();
    if !missing.is_empty() {
        return Err(PyTypeError::new_err(missing_positional(
            signature, &missing,
        )));
    }
    Ok(bound)
}

/// `too_many_positional` of `Python/ceval.c`.
fn too_many_positional(signature: &Signature, given: usize, keyword_only_given: usize) -> String {
    let count = signature.positional.len();
    let (takes, plural) = if signature.required < count {
        (format!("from {} to {}", signature.required, count), true)
    } else {
        (count.to_string(), count != 1)
    };
    let keyword_only = if keyword_only_given > 0 {
        format!(
            " positional argument{} (and {} keyword-only argument{})",
            if given != 1 { "s" } else { "" },
            keyword_only_given,
            if keyword_only_given != 1 { "s" } else { "" },
        )
    } else {
        String::new()
    };
    format!(
        "{}() takes {} positional argument{} but {}{} {} given",
        signature.name,
        takes,
        if plural { "s" } else { "" },
        given,
        keyword_only,
        if given == 1 && keyword_only_given == 0 {
            "was"
        } else {
            "were"
        }
    )
}

/// `missing_arguments` of `Python/ceval.c` for positional parameters: `'a'`, `'a' and 'b'`,
/// `'a', 'b', and 'c'`.
fn missing_positional(signature: &Signature, missing: &[&str]) -> String {
    let quoted: Vec<String> = missing.iter().map(|m| format!("'{m}'")).collect();
    let names = match quoted.as_slice() {
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
        [] => String::new(),
    };
    format!(
        "{}() missing {} required positional argument{}: {}",
        signature.name,
        missing.len(),
        if missing.len() == 1 { "" } else { "s" },
        names
    )
}

/// `got an unexpected keyword argument '...'`, the keyword as `str()` gives it (it may be any
/// string, lone surrogates included), with 3.13's suggestion when one is close enough.
fn unexpected_keyword(signature: &Signature, keyword: &Bound<'_, PyAny>, suggest: bool) -> PyErr {
    let py = keyword.py();
    let suggestion = if suggest {
        keyword
            .cast::<PyString>()
            .ok()
            .and_then(|k| k.to_str().ok())
            .and_then(|k| suggestion(k, signature.parameters()))
    } else {
        None
    };
    let tail = match suggestion {
        Some(s) => format!("'. Did you mean '{s}'?"),
        None => "'".to_string(),
    };
    let message = (|| -> PyResult<Bound<'_, PyAny>> {
        let head = PyString::new(
            py,
            &format!("{}() got an unexpected keyword argument '", signature.name),
        );
        head.add(keyword.str()?)?.add(PyString::new(py, &tail))
    })();
    match message {
        Ok(message) => PyTypeError::new_err(message.unbind()),
        Err(e) => e,
    }
}

/// `Python/suggestions.c` (3.13): the candidate closest to `name` by CPython's weighted
/// Levenshtein distance on UTF-8 bytes, if within a third of the characters involved.
fn suggestion(name: &str, candidates: impl Iterator<Item = &'static str>) -> Option<&'static str> {
    let mut best: Option<(&'static str, usize)> = None;
    for candidate in candidates {
        if candidate == name {
            continue;
        }
        let mut max_distance = (name.len() + candidate.len() + 3) * MOVE_COST / 6;
        if let Some((_, d)) = best {
            max_distance = max_distance.min(d.saturating_sub(1));
        }
        let distance = levenshtein(name.as_bytes(), candidate.as_bytes(), max_distance);
        if distance > max_distance {
            continue;
        }
        if best.map_or(true, |(_, d)| distance < d) {
            best = Some((candidate, distance));
        }
    }
    best.map(|(c, _)| c)
}

const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;
const MAX_STRING_SIZE: usize = 40;

/// `substitution_cost` of `Python/suggestions.c`.
fn substitution_cost(a: u8, b: u8) -> usize {
    if a & 31 != b & 31 {
        return MOVE_COST;
    }
    if a == b {
        return 0;
    }
    if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// `levenshtein_distance` of `Python/suggestions.c`: above `max_cost` it returns `max_cost + 1`.
fn levenshtein(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    if a == b {
        return 0;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    let (a, b) = if b.len() < a.len() { (b, a) } else { (a, b) };
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut row = [0usize; MAX_STRING_SIZE];
    for (i, cell) in row.iter_mut().take(a.len()).enumerate() {
        *cell = (i + 1) * MOVE_COST;
    }
    let mut result = 0;
    for (b_index, &code) in b.iter().enumerate() {
        let mut distance = b_index * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (index, &a_char) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(code, a_char);
            distance = row[index];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            row[index] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_as_cpython_3_13_makes_them() {
        // Expected values: CPython 3.13.0, `statistics.quantiles([1, 2], <keyword>=1)`.
        let params = ["data", "n", "method"];
        let s = |k: &str| suggestion(k, params.iter().copied());
        assert_eq!(s("dat"), Some("data"));
        assert_eq!(s("Data"), Some("data"));
        assert_eq!(s("metod"), Some("method"));
        assert_eq!(s("N"), Some("n"));
        assert_eq!(s("x"), None);
        assert_eq!(s("m"), None);
    }
}
