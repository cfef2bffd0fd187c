//! Finding the reference interpreters of `rstats-parity matrix`: CPython 3.8–3.13 from pyenv, and
//! 3.13, 3.14 and 3.15 from Debian's `forky` suite, made by `ci/reference-pythons`.
//!
//! For each of 3.8 to 3.13: the newest `$(pyenv root)/versions/3.X.Y/bin/python3` (the pyenv
//! root is `$PYENV_ROOT`, else what `pyenv root` prints, else `~/.pyenv`), else `python3.X` on
//! `PATH`. For each of 3.13 to 3.15: the wrapper `bin/python3.X` that `ci/reference-pythons`
//! writes into its cache (`$RSTATS_PYTHONS_CACHE`, default `/var/cache/rstats/forky`). A 3.13
//! from both is two entries (3.13.0 and 3.13.15 differ: gh-140938). An interpreter found
//! nowhere is reported as missing, with the command that makes it, never skipped silently.
//!
//! ```
//! use rstats::parity::interpreters::{discover, discover_matrix, MATRIX_MINORS};
//! let found = discover(&MATRIX_MINORS[..6]);
//! assert_eq!(found.len(), 6);
//! assert_eq!(found[0].minor, 8);
//! let matrix = discover_matrix(&MATRIX_MINORS);
//! assert_eq!(matrix.len(), 9); // 3.8 ... 3.13 (pyenv), 3.13, 3.14, 3.15 (forky)
//! assert!(matrix[6..].iter().all(|e| e.path.is_some() || e.make.is_some()));
//! ```

use std::path::{Path, PathBuf};
use std::process::Command;

/// The minor versions of `matrix`: 3.8 through 3.15.
pub const MATRIX_MINORS: [u32; 8] = [8, 9, 10, 11, 12, 13, 14, 15];

/// The minor versions found through pyenv or `PATH`.
pub const PYENV_MINORS: [u32; 6] = [8, 9, 10, 11, 12, 13];

/// The minor versions `ci/reference-pythons` makes from Debian `forky`.
pub const FORKY_MINORS: [u32; 3] = [13, 14, 15];

/// The command that makes the `forky` interpreters.
pub const FORKY_COMMAND: &str = "ci/reference-pythons";

/// One minor version and where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installed {
    /// `X` of `3.X`.
    pub minor: u32,
    /// The interpreter, if found.
    pub path: Option<PathBuf>,
    /// `pyenv 3.X.Y`, `PATH`, `forky (ci/reference-pythons)`, or `missing`.
    pub source: String,
    /// When missing: the command that makes it (`None`: install it with pyenv).
    pub make: Option<String>,
}

/// The cache of `ci/reference-pythons`: `$RSTATS_PYTHONS_CACHE`, else `/var/cache/rstats/forky`.
pub fn forky_cache() -> PathBuf {
    std::env::var_os("RSTATS_PYTHONS_CACHE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/var/cache/rstats/forky"))
}

/// The `forky` interpreters among `minors` (3.13 to 3.15), made or missing.
pub fn discover_forky(minors: &[u32]) -> Vec<Installed> {
    let bin = forky_cache().join("bin");
    minors
        .iter()
        .filter(|m| FORKY_MINORS.contains(m))
        .map(|&minor| {
            let wrapper = bin.join(format!("python3.{minor}"));
            if wrapper.is_file() {
                Installed {
                    minor,
                    path: Some(wrapper),
                    source: format!("forky ({FORKY_COMMAND})"),
                    make: None,
                }
            } else {
                Installed {
                    minor,
                    path: None,
                    source: "missing".to_string(),
                    make: Some(format!("sudo {FORKY_COMMAND}")),
                }
            }
        })
        .collect()
}

/// Every matrix entry among `minors`: the pyenv/`PATH` ones (3.8 to 3.13), then the `forky` ones
/// (3.13 to 3.15).
pub fn discover_matrix(minors: &[u32]) -> Vec<Installed> {
    let pyenv: Vec<u32> = minors
        .iter()
        .copied()
        .filter(|m| PYENV_MINORS.contains(m))
        .collect();
    let mut entries = discover(&pyenv);
    entries.extend(discover_forky(minors));
    entries
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
                    make: None,
                };
            }
            match on_path(&format!("python3.{minor}")) {
                Some(path) => Installed {
                    minor,
                    path: Some(path),
                    source: "PATH".to_string(),
                    make: None,
                },
                None => Installed {
                    minor,
                    path: None,
                    source: "missing".to_string(),
                    make: None,
                },
            }
        })
        .collect()
}
