# Sourced by the ci/ scripts: one place for the paths and the interpreter the build uses.
# shellcheck shell=bash
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# The reference interpreter: the default python3 (CPython 3.11 with a shared libpython).
PYTHON="${RSTATS_PYTHON:-$(command -v python3)}"
PYO3_PYTHON="$("$PYTHON" -c 'import sys; print(sys.executable)')"
export PYO3_PYTHON
# The tools' virtual environment (maturin, pytest, numpy, ...), made by ci/setup.
VENV="$ROOT/.venv"
export PATH="$HOME/.cargo/bin:$PATH"
# CI builds from a clean checkout once: incremental caches would only cost disk and time.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
log() { printf '\n==> %s\n' "$*" >&2; }
