//! Any CPython 3.8+ as the reference, through a worker process: `python -I -c <parity_worker.py>
//! --stats-source <stats.py>` (both files are embedded in this binary, so nothing needs to be on
//! disk), one JSON request per line on its stdin, one JSON answer per line on its stdout. The
//! protocol is described at the top of `reference/parity_worker.py`.
//!
//! Starting it checks everything a user can get wrong, and says so in one line: a path that does
//! not exist, a file that is not a Python, a Python older than 3.8. The worker's standard error
//! is collected, never shown raw; its last line goes into the error message.
//!
//! ```no_run
//! use rstats::parity::call::Call;
//! use rstats::parity::reference::{subprocess::SubprocessPython, Reference};
//! use rstats::Number;
//! let mut python = SubprocessPython::spawn("/usr/bin/python3".as_ref()).unwrap();
//! let out = python.eval(&[Number::Int(1), Number::Int(2)], &[Call::Mean]).unwrap();
//! assert_eq!(out[0].to_string(), "1.5");
//! ```

use super::{one_line, Reference, ReferenceError, STATS_PY_SOURCE, WORKER_SOURCE};
use crate::number::Number;
use crate::parity::call::Call;
use crate::parity::codec::numbers_to_json;
use crate::parity::outcome::Outcome;
use serde_json::{json, Value as Json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// How long a starting interpreter may take to say hello.
const HELLO_TIMEOUT: Duration = Duration::from_secs(30);
/// How long one request may take (huge ints make CPython slow, but not this slow).
const ANSWER_TIMEOUT: Duration = Duration::from_secs(600);

/// A worker process running `reference/parity_worker.py`.
pub struct SubprocessPython {
    path: PathBuf,
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Receiver<std::io::Result<String>>,
    stderr: Arc<Mutex<String>>,
    sys_version: String,
    version: (u32, u32),
    next_id: u64,
}

impl SubprocessPython {
    /// Starts `python` as a worker and waits for its hello.
    pub fn spawn(python: &Path) -> Result<SubprocessPython, ReferenceError> {
        if !python.exists() {
            return Err(ReferenceError::NotFound(python.to_path_buf()));
        }
        let mut child = Command::new(python)
            .arg("-I")
            .arg("-c")
            .arg(WORKER_SOURCE)
            .arg("--stats-source")
            .arg(STATS_PY_SOURCE)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|source| ReferenceError::Spawn {
                path: python.to_path_buf(),
                source,
            })?;
        let stdin = child.stdin.take();
        let stdout = child.stdout.take();
        let stderr_pipe = child.stderr.take();
        let stderr = Arc::new(Mutex::new(String::new()));
        if let Some(mut pipe) = stderr_pipe {
            let sink = Arc::clone(&stderr);
            thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok(n) = pipe.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    if let Ok(mut s) = sink.lock() {
                        s.push_str(&String::from_utf8_lossy(&buf[..n]));
                        let len = s.len();
                        if len > 16_384 {
                            let mut cut = len - 8192;
                            while !s.is_char_boundary(cut) {
                                cut += 1;
                            }
                            s.drain(..cut);
                        }
                    }
                }
            });
        }
        let (tx, lines) = mpsc::channel();
        if let Some(out) = stdout {
            thread::spawn(move || {
                for line in BufReader::new(out).lines() {
                    if tx.send(line).is_err() {
                        break;
                    }
                }
            });
        }
        let mut worker = SubprocessPython {
            path: python.to_path_buf(),
            child,
            stdin,
            lines,
            stderr,
            sys_version: String::new(),
            version: (0, 0),
            next_id: 0,
        };
        worker.hello()?;
        Ok(worker)
    }

    fn hello(&mut self) -> Result<(), ReferenceError> {
        let line = match self.lines.recv_timeout(HELLO_TIMEOUT) {
            Ok(Ok(line)) => line,
            Ok(Err(e)) => return Err(self.not_python(&e.to_string())),
            Err(RecvTimeoutError::Timeout) => return Err(self.not_python("no answer within 30 s")),
            Err(RecvTimeoutError::Disconnected) => return Err(self.not_python("it exited")),
        };
        let hello: Json = serde_json::from_str(&line)
            .map_err(|_| self.not_python(&format!("unexpected output {:?}", truncate(&line))))?;
        let info = hello
            .get("hello")
            .ok_or_else(|| self.not_python("no hello"))?;
        let parts: Vec<u32> = info["version_info"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_u64().and_then(|v| u32::try_from(v).ok()))
                    .collect()
            })
            .unwrap_or_default();
        let (major, minor) = match parts.as_slice() {
            [major, minor, ..] => (*major, *minor),
            _ => return Err(self.not_python("hello without version_info")),
        };
        if (major, minor) < (3, 8) {
            return Err(ReferenceError::UnsupportedVersion { major, minor });
        }
        self.version = (major, minor);
        self.sys_version = one_line(info["version"].as_str().unwrap_or("?"));
        Ok(())
    }

    fn stderr_tail(&self) -> String {
        // Give the stderr reader a moment to collect what the process wrote before it died.
        thread::sleep(Duration::from_millis(50));
        let text = self.stderr.lock().map(|s| s.clone()).unwrap_or_default();
        text.lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .map(|l| truncate(l.trim()))
            .unwrap_or_default()
    }

    fn not_python(&self, what: &str) -> ReferenceError {
        let tail = self.stderr_tail();
        let detail = if tail.is_empty() {
            what.to_string()
        } else {
            format!("{what} ({tail})")
        };
        ReferenceError::NotPython {
            path: self.path.clone(),
            detail,
        }
    }

    fn worker_failed(&self, what: &str) -> ReferenceError {
        let tail = self.stderr_tail();
        if tail.is_empty() {
            ReferenceError::Worker(what.to_string())
        } else {
            ReferenceError::Worker(format!("{what} ({tail})"))
        }
    }
}

fn truncate(s: &str) -> String {
    if s.chars().count() > 200 {
        let mut t: String = s.chars().take(200).collect();
        t.push('…');
        t
    } else {
        s.to_string()
    }
}

impl Reference for SubprocessPython {
    fn describe(&self) -> String {
        self.sys_version.clone()
    }

    fn version(&self) -> (u32, u32) {
        self.version
    }

    fn location(&self) -> String {
        self.path.display().to_string()
    }

    fn eval(&mut self, data: &[Number], calls: &[Call]) -> Result<Vec<Outcome>, ReferenceError> {
        self.next_id += 1;
        let id = self.next_id;
        let request = json!({
            "id": id,
            "data": numbers_to_json(data),
            "calls": calls.iter().map(Call::to_json).collect::<Vec<_>>(),
        });
        let mut line = request.to_string();
        line.push('\n');
        let written = match self.stdin.as_mut() {
            Some(stdin) => stdin
                .write_all(line.as_bytes())
                .and_then(|_| stdin.flush())
                .is_ok(),
            None => false,
        };
        if !written {
            return Err(self.worker_failed("cannot write to the worker"));
        }
        let answer = match self.lines.recv_timeout(ANSWER_TIMEOUT) {
            Ok(Ok(answer)) => answer,
            Ok(Err(e)) => return Err(self.worker_failed(&e.to_string())),
            Err(RecvTimeoutError::Timeout) => {
                return Err(self.worker_failed("no answer within 600 s"))
            }
            Err(RecvTimeoutError::Disconnected) => {
                return Err(self.worker_failed("the worker exited"))
            }
        };
        let answer: Json = serde_json::from_str(&answer)
            .map_err(|e| self.worker_failed(&format!("bad answer: {e}")))?;
        if answer["id"].as_u64() != Some(id) {
            return Err(self.worker_failed(&format!("answer for another request: {answer}")));
        }
        if let Some(error) = answer.get("error") {
            return Err(ReferenceError::Worker(format!(
                "the worker could not evaluate the request: {}",
                error.as_str().unwrap_or("?")
            )));
        }
        let outcomes = answer["outcomes"]
            .as_array()
            .ok_or_else(|| self.worker_failed("answer without outcomes"))?;
        if outcomes.len() != calls.len() {
            return Err(self.worker_failed("wrong number of outcomes"));
        }
        outcomes
            .iter()
            .map(|o| Outcome::from_json(o).map_err(ReferenceError::Unexpected))
            .collect()
    }
}

impl Drop for SubprocessPython {
    fn drop(&mut self) {
        // Closing stdin ends the worker's loop; kill it if it does not go.
        drop(self.stdin.take());
        for _ in 0..50 {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
