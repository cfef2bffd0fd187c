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
use std::process::ChildStdout;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// How long a starting interpreter may take to say hello.
const HELLO_TIMEOUT: Duration = Duration::from_secs(30);

/// A worker process running `reference/parity_worker.py`.
pub struct SubprocessPython {
    path: PathBuf,
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: Option<BufReader<ChildStdout>>,
    stderr: Arc<Mutex<String>>,
    sys_version: String,
    version: (u32, u32),
    micro: u32,
    next_id: u64,
    /// The id and number of calls of the request in flight.
    pending: Option<(u64, usize)>,
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
        let mut worker = SubprocessPython {
            path: python.to_path_buf(),
            child,
            stdin,
            stdout: None,
            stderr,
            sys_version: String::new(),
            version: (0, 0),
            micro: 0,
            next_id: 0,
            pending: None,
        };
        let Some(out) = stdout else {
            return Err(worker.not_python("no standard output"));
        };
        // The hello is read on a helper thread, to give up on an interpreter that never
        // answers; the reader comes back with it and is read directly from then on.
        let (tx, hello) = mpsc::channel();
        thread::spawn(move || {
            let mut reader = BufReader::new(out);
            let mut line = String::new();
            let result = reader.read_line(&mut line).map(|_| line);
            let _ = tx.send((result, reader));
        });
        let line = match hello.recv_timeout(HELLO_TIMEOUT) {
            Ok((Ok(line), reader)) if !line.is_empty() => {
                worker.stdout = Some(reader);
                line
            }
            Ok((Ok(_), _)) => return Err(worker.not_python("it exited")),
            Ok((Err(e), _)) => return Err(worker.not_python(&e.to_string())),
            Err(RecvTimeoutError::Timeout) => {
                return Err(worker.not_python("no answer within 30 s"))
            }
            Err(RecvTimeoutError::Disconnected) => return Err(worker.not_python("it exited")),
        };
        worker.hello(&line)?;
        Ok(worker)
    }

    fn hello(&mut self, line: &str) -> Result<(), ReferenceError> {
        let hello: Json = serde_json::from_str(line)
            .map_err(|_| self.not_python(&format!("unexpected output {:?}", truncate(line))))?;
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
        let (major, minor, micro) = match parts.as_slice() {
            [major, minor, micro, ..] => (*major, *minor, *micro),
            _ => return Err(self.not_python("hello without version_info")),
        };
        // Another implementation of Python is no reference for CPython's results.
        if let Some(name) = info.get("implementation").and_then(Json::as_str) {
            if name != "cpython" {
                return Err(self.not_python(&format!(
                    "it is {name} {major}.{minor}.{micro}, not CPython"
                )));
            }
        }
        if (major, minor) < (3, 8) {
            return Err(ReferenceError::UnsupportedVersion { major, minor });
        }
        self.version = (major, minor);
        self.micro = micro;
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

    fn release(&self) -> (u32, u32, u32) {
        (self.version.0, self.version.1, self.micro)
    }

    fn location(&self) -> String {
        self.path.display().to_string()
    }

    fn submit(&mut self, data: &[Number], calls: &[Call]) -> Result<(), ReferenceError> {
        if self.pending.is_some() {
            return Err(ReferenceError::Worker(
                "a request is already pending".into(),
            ));
        }
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
        self.pending = Some((id, calls.len()));
        Ok(())
    }

    fn collect(&mut self) -> Result<Vec<Outcome>, ReferenceError> {
        let Some((id, expected)) = self.pending.take() else {
            return Err(ReferenceError::Worker("collect without submit".into()));
        };
        let mut answer = String::new();
        let read = match self.stdout.as_mut() {
            Some(reader) => reader.read_line(&mut answer),
            None => Ok(0),
        };
        match read {
            Ok(0) => return Err(self.worker_failed("the worker exited")),
            Ok(_) => {}
            Err(e) => return Err(self.worker_failed(&e.to_string())),
        }
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
        if outcomes.len() != expected {
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
        drop(self.stdout.take());
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
