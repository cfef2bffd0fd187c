//! What `statistics` is handed in place of an argument that rstats has already begun to iterate.
//!
//! An object with `__len__` may still be iterable only once: its `__iter__` can return the same
//! iterator every time. Once rstats has read some of its items, handing the object itself to
//! `statistics` would show it only the rest. [`Replayed`] stands in for it: `len()` is the
//! object's own `len()`, and every `iter()` gives one and the same iterator — the items rstats
//! read, then the rest of the object's iterator, consumed as lazily as `statistics` consumes it.
//! For the functions that iterate their data once (every function of every supported CPython,
//! except `variance`, `stdev`, `pvariance` and `pstdev` of 3.9 and 3.10, to which such objects
//! are handed unread), `statistics` then sees exactly what it would have seen on the object,
//! whether it can be iterated again or not.

use pyo3::prelude::*;

/// A stand-in for an object rstats has partly or wholly iterated (see the module
/// documentation). Not part of the public API.
#[pyclass(module = "rstats", name = "_Replayed", frozen)]
pub(crate) struct Replayed {
    /// The caller's object: its `len()` is the stand-in's.
    source: Py<PyAny>,
    /// The one iterator every `iter()` returns.
    items: Py<PyAny>,
}

impl Replayed {
    /// A stand-in for `source` whose items are those of the iterator `items`.
    pub(crate) fn new<'py>(
        source: &Bound<'py, PyAny>,
        items: Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, Replayed>> {
        Bound::new(
            source.py(),
            Replayed {
                source: source.clone().unbind(),
                items: items.unbind(),
            },
        )
    }
}

#[pymethods]
impl Replayed {
    fn __len__(&self, py: Python<'_>) -> PyResult<usize> {
        self.source.bind(py).len()
    }

    fn __iter__(&self, py: Python<'_>) -> Py<PyAny> {
        self.items.clone_ref(py)
    }
}
