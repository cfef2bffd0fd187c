//! Embeds an rpath to the libpython that pyo3 linked against, so that test and tool binaries that
//! embed CPython load that same interpreter (and not another copy the loader would find first)
//! without anyone setting `LD_LIBRARY_PATH`. Extension modules built by maturin link no libpython;
//! for them this emits nothing.
//!
//! Only with the `python` or `parity` feature: the core alone builds without pyo3 or Python.
//!
//! It also sets pyo3's cfgs for the target interpreter (`Py_GIL_DISABLED` for a free-threaded
//! CPython, ...), which `src/python` reads.
fn main() {
    pyo3_build_config::print_expected_cfgs();
    // The core alone (no `python`, no `parity` feature) has no pyo3 and needs none of this.
    if std::env::var_os("CARGO_FEATURE_PYTHON").is_none()
        && std::env::var_os("CARGO_FEATURE_PARITY").is_none()
    {
        return;
    }
    pyo3_build_config::use_pyo3_cfgs();
    println!("cargo:rerun-if-env-changed=PYO3_PYTHON");
    println!("cargo:rerun-if-env-changed=PYO3_BUILD_EXTENSION_MODULE");
    if std::env::var_os("PYO3_BUILD_EXTENSION_MODULE").is_some() {
        return;
    }
    let config = pyo3_build_config::get();
    if let Some(dir) = config.lib_dir() {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{dir}");
    }
}
