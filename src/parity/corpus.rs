//! Corpora of minimized counterexamples: one JSON file per input, replayable without CPython.
//!
//! `rstats-parity run` writes each counterexample it shrinks into a corpus directory: the one
//! given with `--corpus DIR`, by default [`campaign_dir`] (under `target/`, outside the tracked
//! tree). The tests' own corpus, `tests/corpus` ([`default_dir`]), is replayed by `cargo test`;
//! a counterexample goes there only when asked (`--corpus tests/corpus`). A file is named by
//! function, method and a hash of call, profile and data; an input already in the directory keeps
//! its file untouched ([`write`] returns [`Written::Kept`]). A file records CPython's outcome, so
//! it replays without that interpreter:
//!
//! - a bit-exact check (`"expect": "parity"`) is a core bug until fixed, then a regression test:
//!   the core must give exactly the recorded CPython outcome;
//! - a check under tolerance (`"expect": "divergence"`, a method without CPython counterpart
//!   such as `statrs`) documents a known difference: the replay requires that it is still
//!   reported as a divergence.
//!
//! ```
//! use rstats::parity::corpus::{entry_from_json, replay, Expect};
//! use rstats::parity::subject::Core;
//! let text = r#"{"call": {"fn": "mean"}, "reference_call": {"fn": "mean"}, "mode": "exact",
//!   "profile": "py311", "data": [{"i": "1"}, {"i": "2"}],
//!   "expected": {"ok": {"f": "0x1.8000000000000p+0"}},
//!   "reference": {"python": "3.11.7", "version": [3, 11]}}"#;
//! let entry = entry_from_json(&serde_json::from_str(text).unwrap()).unwrap();
//! assert_eq!(entry.expect, Expect::Parity);
//! assert!(replay(&entry, &Core::default()).passed);
//! ```

use super::call::Call;
use super::codec::{numbers_from_json, numbers_to_plain_json};
use super::compare::{compare, Comparison, Mode};
use super::counterexample::{mode_from_json, Counterexample};
use super::outcome::Outcome;
use super::subject::Subject;
use crate::number::Number;
use crate::profile::Profile;
use serde_json::Value as Json;
use std::path::{Path, PathBuf};

/// What replaying an entry must show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// The subject gives CPython's outcome exactly.
    Parity,
    /// The subject still diverges (a method without CPython counterpart).
    Divergence,
}

/// One corpus file.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The subject's call.
    pub call: Call,
    /// CPython's call.
    pub reference_call: Call,
    /// The comparison.
    pub mode: Mode,
    /// The profile of the CPython that produced `expected`.
    pub profile: Profile,
    /// The input.
    pub data: Vec<Number>,
    /// CPython's outcome.
    pub expected: Outcome,
    /// What the replay must show.
    pub expect: Expect,
    /// The CPython that produced `expected` (`sys.version`).
    pub python: String,
    /// Its `(major, minor)`.
    pub version: (u32, u32),
}

/// Why the corpus could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// File system.
    #[error("{path:?}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// A file that is not a corpus entry.
    #[error("{path:?}: {reason}")]
    Malformed {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
}

/// The tests' corpus, `tests/corpus` of this crate's source tree, replayed by `cargo test`.
pub fn default_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("corpus")
}

/// Where a campaign writes its counterexamples when not told otherwise:
/// `target/rstats-parity/corpus` of this crate's source tree (ignored by git).
pub fn campaign_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("rstats-parity")
        .join("corpus")
}

fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The file name of a counterexample: `quantiles-statrs-<hash>.json`, the hash of the call, the
/// profile's family ([`Profile::canonical`]) and the data.
pub fn file_name(cex: &Counterexample) -> String {
    let key = format!(
        "{}|{}|{}",
        cex.check.call.to_json(),
        cex.profile.canonical().name(),
        numbers_to_plain_json(&cex.data)
    );
    let method = match &cex.check.call {
        Call::Quantiles { method, .. } | Call::StatsPy { method } => format!("-{method}"),
        _ => String::new(),
    };
    let safe: String = method
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!(
        "{}{safe}-{:016x}.json",
        cex.check.call.function(),
        fnv1a(&key)
    )
}

/// What [`write`] did with a counterexample.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// A new file.
    New(PathBuf),
    /// The directory already held this input (same call, profile and data): its file is left
    /// untouched, whichever campaign, case or seed found it first.
    Kept(PathBuf),
}

impl Written {
    /// The file.
    pub fn path(&self) -> &Path {
        match self {
            Written::New(p) | Written::Kept(p) => p,
        }
    }
}

/// The entry a counterexample would be stored as (`None` when its JSON does not read back).
fn entry_of(json: &Json) -> Option<Entry> {
    entry_from_json(json).ok()
}

/// True when the file at `path` holds the same input as `entry`: call, data and a profile that
/// gives the same results (3.11.7's counterexample is 3.12.1's too).
fn holds_same_input(path: &Path, entry: &Entry) -> bool {
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    let Ok(json) = serde_json::from_str::<Json>(&text) else {
        return false;
    };
    entry_of(&json).is_some_and(|old| {
        old.call == entry.call && old.profile.same_results(entry.profile) && old.data == entry.data
    })
}

/// Writes a counterexample into `dir` (created if needed) and says where. An existing file with
/// the same input is never rewritten; a different input whose name collides gets the next free
/// name (`...-<hash>-2.json`), so no file of the directory is ever overwritten.
pub fn write(dir: &Path, cex: &Counterexample) -> Result<Written, CorpusError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| CorpusError::Io { path, source }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let name = file_name(cex);
    let mut json = cex.to_json();
    if let Some(obj) = json.as_object_mut() {
        let expect = if cex.check.mode.is_exact() {
            "parity"
        } else {
            "divergence"
        };
        obj.insert("expect".into(), Json::from(expect));
    }
    let malformed = |path: &Path, reason: String| CorpusError::Malformed {
        path: path.to_path_buf(),
        reason,
    };
    let entry =
        entry_of(&json).ok_or_else(|| malformed(&dir.join(&name), "does not read back".into()))?;
    let stem = name.trim_end_matches(".json");
    for attempt in 1..=100u32 {
        let path = if attempt == 1 {
            dir.join(&name)
        } else {
            dir.join(format!("{stem}-{attempt}.json"))
        };
        if path.exists() {
            if holds_same_input(&path, &entry) {
                return Ok(Written::Kept(path));
            }
            continue;
        }
        let mut text =
            serde_json::to_string_pretty(&json).map_err(|e| malformed(&path, e.to_string()))?;
        text.push('\n');
        std::fs::write(&path, text).map_err(io(&path))?;
        return Ok(Written::New(path));
    }
    Err(malformed(
        &dir.join(&name),
        "100 files of other inputs already carry this name".into(),
    ))
}

/// Reads one entry from its JSON.
pub fn entry_from_json(v: &Json) -> Result<Entry, String> {
    let call = Call::from_json(v.get("call").ok_or("no call")?)?;
    let reference_call = match v.get("reference_call") {
        Some(c) => Call::from_json(c)?,
        None => call.clone(),
    };
    let mode = mode_from_json(v.get("mode").unwrap_or(&Json::from("exact")))?;
    let profile: Profile = v
        .get("profile")
        .and_then(Json::as_str)
        .ok_or("no profile")?
        .parse()
        .map_err(|e: crate::profile::UnknownProfile| e.to_string())?;
    let data = numbers_from_json(v.get("data").ok_or("no data")?)?;
    let expected = Outcome::from_json(v.get("expected").ok_or("no expected outcome")?)?;
    let expect = match v.get("expect").and_then(Json::as_str) {
        Some("divergence") => Expect::Divergence,
        Some("parity") => Expect::Parity,
        None if mode.is_exact() => Expect::Parity,
        None => Expect::Divergence,
        Some(other) => return Err(format!("unknown expectation {other:?}")),
    };
    let reference = v.get("reference");
    let python = reference
        .and_then(|r| r.get("python"))
        .and_then(Json::as_str)
        .unwrap_or("?")
        .to_string();
    let version = reference
        .and_then(|r| r.get("version"))
        .and_then(Json::as_array)
        .and_then(|a| Some((a.first()?.as_u64()? as u32, a.get(1)?.as_u64()? as u32)))
        .unwrap_or((0, 0));
    Ok(Entry {
        call,
        reference_call,
        mode,
        profile,
        data,
        expected,
        expect,
        python,
        version,
    })
}

/// Every `*.json` entry of `dir`, sorted by file name (an absent directory is an empty corpus).
pub fn read_dir(dir: &Path) -> Result<Vec<(PathBuf, Entry)>, CorpusError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(CorpusError::Io {
                path: dir.to_path_buf(),
                source,
            })
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).map_err(|source| CorpusError::Io {
                path: path.clone(),
                source,
            })?;
            let json: Json = serde_json::from_str(&text).map_err(|e| CorpusError::Malformed {
                path: path.clone(),
                reason: e.to_string(),
            })?;
            let entry = entry_from_json(&json).map_err(|reason| CorpusError::Malformed {
                path: path.clone(),
                reason,
            })?;
            Ok((path, entry))
        })
        .collect()
}

/// The result of replaying one entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Replay {
    /// The subject's outcome now.
    pub outcome: Outcome,
    /// Compared with the recorded CPython outcome.
    pub comparison: Comparison,
    /// True when the entry's expectation holds.
    pub passed: bool,
}

/// Replays an entry on `subject` against its recorded CPython outcome.
pub fn replay(entry: &Entry, subject: &dyn Subject) -> Replay {
    let outcome = subject.eval(&entry.call, &entry.data, entry.profile);
    let comparison = compare(&entry.call, &outcome, &entry.expected, entry.mode);
    let passed = match entry.expect {
        Expect::Parity => !comparison.is_divergent(),
        Expect::Divergence => comparison.is_divergent(),
    };
    Replay {
        outcome,
        comparison,
        passed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parity::outcome::Value;
    use crate::parity::plan::Check;
    use crate::parity::reference::ReferenceInfo;

    /// `mean([0.1, 0.3])` answered by a naive `sum / n`, found at `case` of campaign `seed`.
    fn naive_mean(data: Vec<Number>, seed: u64, case: u64) -> Counterexample {
        let cpython = Outcome::Ok(Value::Number(Number::Float(0.2)));
        let naive = Outcome::Ok(Value::Number(Number::Float(0.200_000_000_000_000_04)));
        let check = Check {
            call: Call::Mean,
            reference: Call::Mean,
            mode: Mode::Exact,
        };
        Counterexample {
            comparison: compare(&check.call, &naive, &cpython, check.mode),
            check,
            data,
            subject: naive,
            reference: cpython,
            profile: Profile::Py311,
            reference_info: ReferenceInfo {
                sys_version: "3.11.7".into(),
                version: (3, 11),
                location: "embedded".into(),
            },
            subject_name: "naive mean".into(),
            seed,
            case_index: case,
            original_len: 7,
            shrink_steps: 12,
        }
    }

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("rstats-corpus-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn the_same_input_keeps_its_file_and_a_colliding_name_never_overwrites() {
        let dir = scratch("write");
        let data = vec![Number::Float(0.1), Number::Float(0.3)];
        let first = write(&dir, &naive_mean(data.clone(), 1, 5)).unwrap();
        let Written::New(path) = &first else {
            panic!("a new file expected: {first:?}")
        };
        let bytes = std::fs::read(path).unwrap();
        assert!(String::from_utf8_lossy(&bytes).contains("\"seed\": 1"));

        // Found again by another campaign: the file is left as it was.
        let again = write(&dir, &naive_mean(data.clone(), 2, 99)).unwrap();
        assert_eq!(again, Written::Kept(path.clone()));
        assert_eq!(std::fs::read(path).unwrap(), bytes);

        // Another input: another file.
        let other = write(&dir, &naive_mean(vec![Number::Float(0.1)], 1, 5)).unwrap();
        assert!(matches!(&other, Written::New(p) if p != path), "{other:?}");

        // A file of another input under this input's name (a hash collision, or a hand edit) is
        // not overwritten: the counterexample goes to the next free name.
        std::fs::write(path, std::fs::read(other.path()).unwrap()).unwrap();
        let moved = write(&dir, &naive_mean(data, 3, 7)).unwrap();
        let Written::New(second) = &moved else {
            panic!("a new file expected: {moved:?}")
        };
        assert!(second.to_string_lossy().ends_with("-2.json"), "{second:?}");
        assert_eq!(
            std::fs::read(path).unwrap(),
            std::fs::read(other.path()).unwrap()
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
