//! The talk's example: rstats' core beside the embedded CPython's `stats_py` and the statrs port.
//! `cargo run --release --example talk`
use pyo3::prelude::*;
use pyo3::types::PyList;
use rstats::parity::outcome::Value;
use rstats::{compute_stats, Method, Profile};

fn main() -> PyResult<()> {
    let talk = [1i64, 3, 5, 7, 9, 10, 13, 84, 528];
    let cpython = Python::attach(|py| -> PyResult<(String, String)> {
        let code = std::ffi::CString::new(include_str!("../reference/stats.py"))?;
        let module = PyModule::from_code(py, &code, c"stats.py", c"stats_ref")?;
        let result = module
            .getattr("stats_py")?
            .call1((PyList::new(py, talk)?,))?;
        let version: String = py.import("sys")?.getattr("version")?.extract()?;
        Ok((result.repr()?.to_string(), version))
    })?;
    let show = |method: Method| match compute_stats(&talk, method, Profile::default()) {
        Ok(s) => Value::from(s).to_string(),
        Err(e) => format!("error: {e}"),
    };
    println!("input:          {talk:?}");
    println!("CPython {}", cpython.1.lines().next().unwrap_or(""));
    println!("  stats_py:     {}", cpython.0);
    println!("rstats core:    {}", show(Method::Exclusive));
    println!("statrs port:    {}", show(Method::Statrs));
    Ok(())
}
