//! The CPython that pyo3 links against, embedded in this process, as the reference.
//!
//! Numbers cross the boundary exactly: a machine int as a Python `int`, a big int through
//! `int.from_bytes` (no decimal-string digit limits), a bool as `True`/`False`, a float from its
//! bits. Results come back the same way, checked by exact type (`bool` before `int`); an
//! exception comes back as `type(e).__name__` and `str(e)`.
//!
//! Which libpython is loaded matters (a Debian system copy of 3.11 would answer for the pyenv
//! one the crate was built against): `build.rs` embeds an rpath to pyo3's library directory, and
//! every report prints [`Reference::describe`], the embedded `sys.version`.
//!
//! ```
//! use rstats::parity::call::Call;
//! use rstats::parity::reference::{embedded::EmbeddedPython, Reference};
//! use rstats::Number;
//! let mut python = EmbeddedPython::new().unwrap();
//! let data = [Number::Int(1), Number::Float(3.0), Number::Bool(true)];
//! let out = python.eval(&data, &[Call::Median, Call::Quantiles { n: 0, method: "exclusive".into() }]).unwrap();
//! assert_eq!(out[0].to_string(), "True");
//! assert_eq!(out[1].to_string(), "StatisticsError: n must be at least 1");
//! ```

use super::{one_line, Reference, ReferenceError, STATS_PY_SOURCE};
use crate::number::Number;
use crate::parity::call::Call;
use crate::parity::outcome::{Outcome, Value};
use num_bigint::BigInt;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString};
use std::ffi::CString;

/// The embedded CPython, with `statistics`' functions and `stats_py` looked up once.
pub struct EmbeddedPython {
    functions: Functions,
    pending: Option<Result<Vec<Outcome>, ReferenceError>>,
    sys_version: String,
    version: (u32, u32),
    micro: u32,
    location: String,
}

struct Functions {
    mean: Py<PyAny>,
    median: Py<PyAny>,
    variance: Py<PyAny>,
    stdev: Py<PyAny>,
    pvariance: Py<PyAny>,
    pstdev: Py<PyAny>,
    quantiles: Py<PyAny>,
    stats_py: Py<PyAny>,
    int_type: Py<PyAny>,
}

fn embedded_err(e: PyErr) -> ReferenceError {
    ReferenceError::Embedded(e.to_string())
}

impl EmbeddedPython {
    /// Initializes the interpreter (once per process) and loads `statistics` and `stats_py`.
    pub fn new() -> Result<EmbeddedPython, ReferenceError> {
        Python::initialize();
        Python::attach(|py| {
            let statistics = py.import("statistics").map_err(embedded_err)?;
            let get = |name: &str| -> Result<Py<PyAny>, ReferenceError> {
                Ok(statistics.getattr(name).map_err(embedded_err)?.unbind())
            };
            let source = CString::new(STATS_PY_SOURCE)
                .map_err(|e| ReferenceError::Embedded(e.to_string()))?;
            let module =
                PyModule::from_code(py, &source, c"reference/stats.py", c"reference_stats")
                    .map_err(embedded_err)?;
            let stats_py = module.getattr("stats_py").map_err(embedded_err)?.unbind();
            let sys = py.import("sys").map_err(embedded_err)?;
            let sys_version: String = sys
                .getattr("version")
                .and_then(|v| v.extract())
                .map_err(embedded_err)?;
            let info = sys.getattr("version_info").map_err(embedded_err)?;
            let major: u32 = info
                .get_item(0)
                .and_then(|v| v.extract())
                .map_err(embedded_err)?;
            let minor: u32 = info
                .get_item(1)
                .and_then(|v| v.extract())
                .map_err(embedded_err)?;
            let micro: u32 = info
                .get_item(2)
                .and_then(|v| v.extract())
                .map_err(embedded_err)?;
            let prefix = interpreter_prefix(py).unwrap_or_else(|| "?".to_string());
            Ok(EmbeddedPython {
                pending: None,
                functions: Functions {
                    mean: get("mean")?,
                    median: get("median")?,
                    variance: get("variance")?,
                    stdev: get("stdev")?,
                    pvariance: get("pvariance")?,
                    pstdev: get("pstdev")?,
                    quantiles: get("quantiles")?,
                    stats_py,
                    int_type: py.get_type::<PyInt>().into_any().unbind(),
                },
                sys_version: one_line(&sys_version),
                version: (major, minor),
                micro,
                location: format!("embedded, prefix {prefix}"),
            })
        })
    }
}

/// Where the loaded interpreter's standard library lives (`sys.base_prefix`), to tell a pyenv
/// build from a system one in reports.
fn interpreter_prefix(py: Python<'_>) -> Option<String> {
    let sys = py.import("sys").ok()?;
    sys.getattr("base_prefix").ok()?.extract().ok()
}

impl Reference for EmbeddedPython {
    fn describe(&self) -> String {
        self.sys_version.clone()
    }

    fn version(&self) -> (u32, u32) {
        self.version
    }

    fn release(&self) -> (u32, u32, u32) {
        (self.version.0, self.version.1, self.micro)
    }

    fn location(&self) -> String {
        self.location.clone()
    }

    fn submit(&mut self, data: &[Number], calls: &[Call]) -> Result<(), ReferenceError> {
        self.pending = Some(self.evaluate(data, calls));
        Ok(())
    }

    fn collect(&mut self) -> Result<Vec<Outcome>, ReferenceError> {
        self.pending
            .take()
            .unwrap_or_else(|| Err(ReferenceError::Embedded("collect without submit".into())))
    }
}

impl EmbeddedPython {
    /// The interpreter's own executable (`<BINDIR>/python3.X`), for worker processes of the very
    /// same build; `None` if it cannot be found.
    pub fn executable(&self) -> Option<std::path::PathBuf> {
        Python::attach(|py| {
            let sysconfig = py.import("sysconfig").ok()?;
            let var = |name: &str| -> Option<String> {
                sysconfig
                    .call_method1("get_config_var", (name,))
                    .ok()?
                    .extract()
                    .ok()
            };
            let bindir = std::path::PathBuf::from(var("BINDIR")?);
            let version = var("VERSION").unwrap_or_default();
            [format!("python{version}"), "python3".to_string()]
                .iter()
                .map(|name| bindir.join(name))
                .find(|p| p.is_file())
        })
    }

    fn evaluate(&self, data: &[Number], calls: &[Call]) -> Result<Vec<Outcome>, ReferenceError> {
        let f = &self.functions;
        Python::attach(|py| {
            let items = data
                .iter()
                .map(|n| number_to_py(py, n, f.int_type.bind(py)))
                .collect::<PyResult<Vec<_>>>()
                .map_err(embedded_err)?;
            calls
                .iter()
                .map(|call| {
                    let list = PyList::new(py, &items).map_err(embedded_err)?;
                    let result = match call {
                        Call::Mean => f.mean.bind(py).call1((list,)),
                        Call::Median => f.median.bind(py).call1((list,)),
                        Call::Variance => f.variance.bind(py).call1((list,)),
                        Call::Stdev => f.stdev.bind(py).call1((list,)),
                        Call::Pvariance => f.pvariance.bind(py).call1((list,)),
                        Call::Pstdev => f.pstdev.bind(py).call1((list,)),
                        Call::Quantiles { n, method } => {
                            let kwargs = PyDict::new(py);
                            kwargs.set_item("n", *n).map_err(embedded_err)?;
                            kwargs.set_item("method", method).map_err(embedded_err)?;
                            f.quantiles.bind(py).call((list,), Some(&kwargs))
                        }
                        Call::StatsPy { method } => {
                            let kwargs = PyDict::new(py);
                            kwargs.set_item("method", method).map_err(embedded_err)?;
                            f.stats_py.bind(py).call((list,), Some(&kwargs))
                        }
                    };
                    match result {
                        Ok(value) => value_from_py(call, &value).map(Outcome::Ok),
                        Err(e) => exception_outcome(py, &e),
                    }
                })
                .collect()
        })
    }
}

fn exception_outcome(py: Python<'_>, e: &PyErr) -> Result<Outcome, ReferenceError> {
    let kind = e.get_type(py).name().map_err(embedded_err)?.to_string();
    let message = e.value(py).str().map_err(embedded_err)?.to_string();
    Ok(Outcome::Err { kind, message })
}

/// A [`Number`] as the Python object it stands for.
pub fn number_to_py<'py>(
    py: Python<'py>,
    n: &Number,
    int_type: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    Ok(match n {
        Number::Int(i) => i.into_pyobject(py)?.into_any(),
        Number::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Number::Float(x) => PyFloat::new(py, *x).into_any(),
        Number::BigInt(b) => {
            let bytes = PyBytes::new(py, &b.to_signed_bytes_le());
            let kwargs = PyDict::new(py);
            kwargs.set_item("signed", true)?;
            int_type.call_method("from_bytes", (bytes, "little"), Some(&kwargs))?
        }
    })
}

/// A Python `int`, `bool` or `float` as a [`Number`], by exact type.
pub fn number_from_py(obj: &Bound<'_, PyAny>) -> Result<Number, ReferenceError> {
    let unexpected = |why: String| ReferenceError::Unexpected(why);
    if obj.is_exact_instance_of::<PyBool>() {
        return obj.is_truthy().map(Number::Bool).map_err(embedded_err);
    }
    if obj.is_exact_instance_of::<PyFloat>() {
        return obj
            .cast::<PyFloat>()
            .map(|f| Number::Float(f.value()))
            .map_err(|e| unexpected(e.to_string()));
    }
    if obj.is_exact_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Number::Int(i));
        }
        let bits: u64 = obj
            .call_method0("bit_length")
            .and_then(|b| b.extract())
            .map_err(embedded_err)?;
        let length = bits / 8 + 1;
        let kwargs = PyDict::new(obj.py());
        kwargs.set_item("signed", true).map_err(embedded_err)?;
        let bytes = obj
            .call_method("to_bytes", (length, "little"), Some(&kwargs))
            .map_err(embedded_err)?;
        let bytes = bytes
            .cast::<PyBytes>()
            .map_err(|e| unexpected(e.to_string()))?;
        return Ok(Number::from_bigint(BigInt::from_signed_bytes_le(
            bytes.as_bytes(),
        )));
    }
    let type_name = obj
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_string());
    Err(unexpected(format!("a {type_name}, not an int or float")))
}

fn numbers_from_py(obj: &Bound<'_, PyAny>) -> Result<Vec<Number>, ReferenceError> {
    let list = obj
        .cast::<PyList>()
        .map_err(|e| ReferenceError::Unexpected(e.to_string()))?;
    list.iter().map(|x| number_from_py(&x)).collect()
}

fn value_from_py(call: &Call, obj: &Bound<'_, PyAny>) -> Result<Value, ReferenceError> {
    match call {
        Call::Quantiles { .. } => numbers_from_py(obj).map(Value::List),
        Call::StatsPy { .. } => {
            let dict = obj
                .cast::<PyDict>()
                .map_err(|e| ReferenceError::Unexpected(e.to_string()))?;
            let item = |key: &str| -> Result<Bound<'_, PyAny>, ReferenceError> {
                dict.get_item(PyString::new(obj.py(), key))
                    .map_err(embedded_err)?
                    .ok_or_else(|| ReferenceError::Unexpected(format!("stats_py without {key}")))
            };
            Ok(Value::Stats {
                range: number_from_py(&item("range")?)?,
                quartiles: numbers_from_py(&item("quartiles")?)?,
                mean: number_from_py(&item("mean")?)?,
                stddev: number_from_py(&item("stddev")?)?,
            })
        }
        _ => number_from_py(obj).map(Value::Number),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip_exactly() {
        let mut python = EmbeddedPython::new().expect("embedded CPython");
        let big = BigInt::from(1) << 1100u32;
        let data = vec![
            Number::Int(i64::MIN),
            Number::from_bigint(-big.clone() - 1),
            Number::from_bigint(big),
            Number::Bool(true),
            Number::Float(-0.0),
            Number::Float(5e-324),
        ];
        // quantiles(n=1) is [] and median of one value is the value itself: use 3.13-independent
        // single-value medians to read every value back.
        for x in &data {
            let out = python
                .eval(std::slice::from_ref(x), &[Call::Median])
                .expect("eval");
            assert_eq!(out, vec![Outcome::Ok(Value::Number(x.clone()))]);
        }
    }
}
