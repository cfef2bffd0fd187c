//! The fuzz binaries link libpython (through pyo3, and the differential target embeds it). The
//! main crate's build.rs adds an rpath only to the main crate's own binaries, so without this the
//! loader would pick the system's libpython3.11 (Debian's 3.11.2) instead of the interpreter pyo3
//! was configured with (`PYO3_PYTHON`, the pyenv 3.11.7 that `ci/env.sh` selects). It also records
//! that interpreter's `sys.version`, which the differential target checks at startup.
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=PYO3_PYTHON");
    let config = pyo3_build_config::get();
    if let Some(dir) = config.lib_dir() {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{dir}");
    }
    if let Some(python) = config.executable() {
        let version = Command::new(python)
            .args(["-c", "import sys; sys.stdout.write(sys.version)"])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .and_then(|o| String::from_utf8(o.stdout).ok());
        if let Some(version) = version {
            // One line for cargo: sys.version has no newline on Linux builds.
            println!(
                "cargo:rustc-env=RSTATS_FUZZ_PYTHON_VERSION={}",
                version.replace('\n', " ")
            );
        }
    }
}
