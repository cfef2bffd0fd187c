//! Finding the installed CPython 3.8–3.13 interpreters for `rstats-parity matrix`.
//!
//! For each minor version: the newest `$(pyenv root)/versions/3.X.Y/bin/python3` (the pyenv root
//! is `$PYENV_ROOT`, else what `pyenv root` prints, else `~/.pyenv`), else `python3.X` on `PATH`.
//! A version found nowhere is reported as missing, never skipped silently.
//!
//! ```
//! use rstats::parity::interpreters::{discover, MATRIX_MINORS};
//! let found = discover(&MATRIX_MINORS);
//! assert_eq!(found.len(), 6);
//! assert_eq!(found[0].minor, 8);
//! ```

use std::path::{Path, PathBuf};
use std::process::Command;

/// The minor versions of `matrix`: 3.8 through 3.13.
pub const MATRIX_MINORS: [u32; 6] = [8, 9, 10, 11, 12, 13];

/// One minor version and where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installed {
    /// `X` of `3.X`.
    pub minor: u32,
    /// The interpreter, if found.
    pub path: Option<PathBuf>,
    /// `pyenv 3.X.Y`, `PATH`, or `missing`.
    pub source: String,
}

/// The pyenv root, if there is one.
pub fn pyenv_root() -> Option<PathBuf> {
    if let Some(root) = std::env::var_os("PYENV_ROOT") {
        return Some(PathBuf::from(root));
    }
    if let Ok(out) = Command::new("pyenv").arg("root").output() {
        let text = String::from_utf8_lossy(&out.stdout).trim().to_string();
        if out.status.success() && !text.is_empty() {
            return Some(PathBuf::from(text));
        }
    }
    std::env::var_os("HOME").map(|home| Path::new(&home).join(".pyenv"))
}

/// `3.X.Y` directories of a pyenv root, newest patch first, for one minor version.
fn pyenv_versions(root: &Path, minor: u32) -> Vec<(u32, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(root.join("versions")) else {
        return Vec::new();
    };
    let prefix = format!("3.{minor}.");
    let mut found: Vec<(u32, PathBuf)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let patch: u32 = name.strip_prefix(&prefix)?.parse().ok()?;
            let python = e.path().join("bin").join("python3");
            python.is_file().then_some((patch, python))
        })
        .collect();
    found.sort_by_key(|f| std::cmp::Reverse(f.0));
    found
}

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// Where each of `minors` is installed.
pub fn discover(minors: &[u32]) -> Vec<Installed> {
    let root = pyenv_root();
    minors
        .iter()
        .map(|&minor| {
            if let Some((patch, path)) = root
                .as_deref()
                .and_then(|r| pyenv_versions(r, minor).into_iter().next())
            {
                return Installed {
                    minor,
                    path: Some(path),
                    source: format!("pyenv 3.{minor}.{patch}"),
                };
            }
            match on_path(&format!("python3.{minor}")) {
                Some(path) => Installed {
                    minor,
                    path: Some(path),
                    source: "PATH".to_string(),
                },
                None => Installed {
                    minor,
                    path: None,
                    source: "missing".to_string(),
                },
            }
        })
        .collect()
}
