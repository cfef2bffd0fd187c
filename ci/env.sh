# Sourced by the ci/ scripts: one place for the paths and the interpreter the build uses.
# shellcheck shell=bash
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# The reference interpreter. Every cargo command builds against (and the test and tool binaries
# embed) the CPython that PYO3_PYTHON names: `python3` on PATH by default (.cargo/config.toml), so
# that `cargo run`/`cargo test` typed by hand and these scripts share one build of pyo3. A
# PYO3_PYTHON of your shell is kept; RSTATS_PYTHON=/path/to/python3 chooses another interpreter for
# the scripts (pyo3 and rstats are then rebuilt for it, and again when it changes back).
# The caller's own settings, for ci/test's check that a cargo command typed by hand reuses the
# scripts' build.
CALLER_PATH="$PATH"
CALLER_PYO3_PYTHON="${PYO3_PYTHON-}"
if [ -n "${RSTATS_PYTHON:-}" ]; then
  PYO3_PYTHON="$RSTATS_PYTHON"
  export PYO3_PYTHON
fi
PYTHON="$(command -v "${PYO3_PYTHON:-python3}" || true)"
if [ -z "$PYTHON" ]; then
  echo "ci: no Python interpreter '${PYO3_PYTHON:-python3}' (CPython 3.11 as python3 is the reference)" >&2
  exit 2
fi
# The tools' virtual environment (maturin, pytest, numpy, ...), made by ci/setup.
VENV="$ROOT/.venv"
# Cargo tools the scripts install (cargo-fuzz, cargo-mutants) go to .tools/ in the repository
# (`cargo install --root .tools`), not to ~/.cargo/bin; one found on PATH is used as it is.
TOOLS="$ROOT/.tools"
export PATH="$TOOLS/bin:$HOME/.cargo/bin:$PATH"
# CI builds from a clean checkout once: incremental caches would only cost disk and time.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
log() { printf '\n==> %s\n' "$*" >&2; }
