"""The talk's Flask service: `POST /stats` with `{"numbers": [...]}` returns the range, quartiles,
mean and sample standard deviation of the numbers.

`RSTATS_IMPL` picks who computes them (read once, at start):

- `python` (default): `stats_py` from `reference/stats.py`, CPython's `statistics`.
- `rust`: `rstats.compute_stats`, the Rust extension (same values, types and errors).
- `shadow`: serves the Python result; on a fraction `RSTATS_SHADOW_SAMPLE` (default 1.0) of the
  requests it also runs rstats, the two in random order, compares the outcomes bit for bit (value,
  type, exception), counts matches and mismatches, records both durations and keeps the last
  `RSTATS_SHADOW_KEEP` (default 50) mismatching inputs. `GET /parity` reports them.

Other settings: `RSTATS_MAX_BODY_BYTES` (default 1048576): larger bodies get a 413;
`RSTATS_TIMINGS_KEEP` (default 10000): how many recent durations the percentiles are taken over.

Every bad request gets a 4xx with a JSON body `{"error": "..."}` saying what is wrong; never a 500
or a traceback. How to start it: `reference/SERVICE.md`.
"""

import json
import math
import os
import random
import sys
import threading
import time
from collections import deque

from flask import Flask, jsonify, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

try:  # served from reference/ (gunicorn --chdir reference app:app) or imported as reference.app
    from stats import stats_py
except ImportError:  # pragma: no cover - imported as a package module
    from .stats import stats_py

IMPLS = ("python", "rust", "shadow")
EXAMPLE = '{"numbers": [1, 3, 5, 7, 9, 10, 13, 84, 528]}'


class ApiError(Exception):
    """A request the service refuses: an HTTP status and a message for the client."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


# ---------------------------------------------------------------------------------------------
# Reading a request
# ---------------------------------------------------------------------------------------------


def _reject_constant(name):
    raise ValueError(f"{name} is not valid JSON (only finite numbers are accepted)")


def _json_type(x):
    if x is None:
        return "null"
    if isinstance(x, bool):
        return "a boolean"
    if isinstance(x, str):
        return "a string"
    if isinstance(x, list):
        return "a list"
    if isinstance(x, dict):
        return "an object"
    return f"a number ({x})"


def _shown(x, limit=40):
    text = json.dumps(x)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def parse_numbers(body):
    """The list of numbers in a request body, or an ApiError(400) saying what is wrong."""
    try:
        payload = json.loads(body, parse_constant=_reject_constant)
    except RecursionError:
        raise ApiError(400, "invalid JSON: nested too deeply") from None
    except UnicodeDecodeError as e:
        raise ApiError(400, f"invalid JSON: the body is not UTF-8 text ({e.reason})") from None
    except ValueError as e:  # json.JSONDecodeError, NaN/Infinity, ints over 4300 digits
        raise ApiError(400, f"invalid JSON: {e}") from None
    if not isinstance(payload, dict):
        raise ApiError(
            400, f"the body must be a JSON object like {EXAMPLE}, not {_json_type(payload)}"
        )
    if "numbers" not in payload:
        raise ApiError(400, f'missing "numbers": send a JSON object like {EXAMPLE}')
    numbers = payload["numbers"]
    if not isinstance(numbers, list):
        raise ApiError(400, f'"numbers" must be a list of numbers, not {_json_type(numbers)}')
    for i, x in enumerate(numbers):
        if type(x) is float:
            if not math.isfinite(x):
                raise ApiError(
                    400, f'"numbers"[{i}] is beyond the float range (about 1.8e308)'
                )
        elif type(x) is not int:
            shown = "" if x is None else f" ({_shown(x)})"
            raise ApiError(400, f'"numbers"[{i}] is {_json_type(x)}{shown}, not a number')
    if len(numbers) < 2:
        raise ApiError(400, f'"numbers" needs at least two numbers, got {len(numbers)}')
    return numbers


# ---------------------------------------------------------------------------------------------
# Computing, and comparing two outcomes
# ---------------------------------------------------------------------------------------------


def python_stats(numbers):
    return stats_py(numbers)


def rust_stats(numbers):
    import rstats

    return rstats.compute_stats(numbers).to_dict()


def outcome_of(fn, numbers):
    """("ok", result) or ("error", exception type name, message, args), and the time in us."""
    start = time.perf_counter()
    try:
        out = ("ok", fn(numbers))
    except Exception as e:  # the outcome is what is compared, whatever it is
        out = ("error", type(e).__name__, str(e), repr(e.args))
    return out, (time.perf_counter() - start) * 1e6


def same(a, b):
    """Bit for bit and type for type: int is not float, -0.0 is not 0.0, every NaN is NaN."""
    if type(a) is not type(b):
        return False
    if type(a) is float:
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)
    if type(a) in (list, tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if type(a) is dict:
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    return a == b


def respond(outcome):
    """The HTTP response for an outcome: 200 with the fields, or 400 saying what failed."""
    if outcome[0] == "error":
        _, name, message, _ = outcome
        return jsonify(error=f"the statistics of these numbers fail: {name}: {message}"), 400
    result = outcome[1]
    bad = [k for k, v in result.items() if not _finite(v)]
    if bad:
        return (
            jsonify(error=f"{', '.join(bad)} of these numbers overflow the float range"),
            400,
        )
    return jsonify(result), 200


def _finite(v):
    if isinstance(v, list):
        return all(_finite(x) for x in v)
    return not isinstance(v, float) or math.isfinite(v)


def _percentiles(samples):
    xs = sorted(samples)
    if not xs:
        return {"count": 0}

    def rank(p):
        return round(xs[min(len(xs) - 1, max(0, math.ceil(p * len(xs)) - 1))], 1)

    return {
        "count": len(xs),
        "p50": rank(0.50),
        "p90": rank(0.90),
        "p99": rank(0.99),
        "max": round(xs[-1], 1),
    }


class Shadow:
    """Runs both implementations on a sample of the requests and keeps score."""

    def __init__(self, sample, keep, timings_keep, seed=None):
        self.sample = sample
        self.keep = keep
        self.rng = random.Random(seed)
        self.lock = threading.Lock()
        self.requests = 0
        self.compared = 0
        self.matches = 0
        self.mismatches = 0
        self.python_us = deque(maxlen=timings_keep)
        self.rust_us = deque(maxlen=timings_keep)
        self.kept = deque(maxlen=keep)

    def run(self, numbers):
        with self.lock:
            sampled = self.rng.random() < self.sample
            rust_first = self.rng.random() < 0.5
        if not sampled:
            py, py_us = outcome_of(python_stats, numbers)
            with self.lock:
                self.requests += 1
                self.python_us.append(py_us)
            return py
        if rust_first:
            rs, rs_us = outcome_of(rust_stats, numbers)
            py, py_us = outcome_of(python_stats, numbers)
        else:
            py, py_us = outcome_of(python_stats, numbers)
            rs, rs_us = outcome_of(rust_stats, numbers)
        match = same(py, rs)
        with self.lock:
            self.requests += 1
            self.compared += 1
            self.python_us.append(py_us)
            self.rust_us.append(rs_us)
            if match:
                self.matches += 1
            else:
                self.mismatches += 1
                self.kept.append(
                    {
                        "numbers": numbers[:1000],
                        "count": len(numbers),
                        "truncated": len(numbers) > 1000,
                        "python": repr(py),
                        "rust": repr(rs),
                        "at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                    }
                )
        return py

    def report(self):
        with self.lock:
            py = _percentiles(self.python_us)
            rs = _percentiles(self.rust_us)
            out = {
                "sample": self.sample,
                "requests": self.requests,
                "compared": self.compared,
                "matches": self.matches,
                "mismatches": self.mismatches,
                "timing_us": {"python": py, "rust": rs},
                "keep": self.keep,
                "kept_mismatches": list(self.kept),
            }
        if py.get("p50") and rs.get("p50"):
            out["speedup_p50"] = round(py["p50"] / rs["p50"], 1)
        return out


# ---------------------------------------------------------------------------------------------
# The application
# ---------------------------------------------------------------------------------------------


def _env(name, default, parse, check, what):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = parse(raw)
    except ValueError:
        value = None
    if value is None or not check(value):
        raise SystemExit(f"{name}={raw!r}: {what}")
    return value


def create_app(impl=None, shadow_sample=None, max_body=None, keep=None, timings_keep=None, seed=None):
    """The Flask app. Arguments left as None come from the environment (see the module doc)."""
    if impl is None:
        impl = _env("RSTATS_IMPL", "python", str.strip, lambda v: v in IMPLS, f"use one of {', '.join(IMPLS)}")
    if impl not in IMPLS:
        raise ValueError(f"impl must be one of {IMPLS}, not {impl!r}")
    if shadow_sample is None:
        shadow_sample = _env(
            "RSTATS_SHADOW_SAMPLE", 1.0, float, lambda v: 0.0 <= v <= 1.0, "a fraction from 0 to 1"
        )
    if max_body is None:
        max_body = _env("RSTATS_MAX_BODY_BYTES", 1 << 20, int, lambda v: v > 0, "a positive number of bytes")
    if keep is None:
        keep = _env("RSTATS_SHADOW_KEEP", 50, int, lambda v: v >= 0, "a count, 0 or more")
    if timings_keep is None:
        timings_keep = _env("RSTATS_TIMINGS_KEEP", 10000, int, lambda v: v > 0, "a positive count")

    rstats_version = None
    if impl in ("rust", "shadow"):
        import rstats  # fail at start, not on the first request
        from importlib.metadata import PackageNotFoundError, version

        try:
            rstats_version = version("rstats")
        except PackageNotFoundError:  # pragma: no cover - built in place
            rstats_version = "unknown"

    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = max_body
    shadow = Shadow(shadow_sample, keep, timings_keep, seed) if impl == "shadow" else None
    compute = {"python": python_stats, "rust": rust_stats}.get(impl)
    app.config["RSTATS_IMPL"] = impl
    app.config["RSTATS_SHADOW"] = shadow

    @app.post("/stats")
    def stats():
        try:
            body = request.get_data(cache=False)
        except RequestEntityTooLarge:
            raise ApiError(413, f"the body is over the limit of {max_body} bytes (RSTATS_MAX_BODY_BYTES)") from None
        numbers = parse_numbers(body)
        if shadow is not None:
            outcome = shadow.run(numbers)
        else:
            outcome, _ = outcome_of(compute, numbers)
        return respond(outcome)

    @app.get("/parity")
    def parity():
        report = {"impl": impl, "pid": os.getpid()}
        if shadow is not None:
            report.update(shadow.report())
        else:
            report["note"] = "counters are kept in shadow mode only (RSTATS_IMPL=shadow)"
        return jsonify(report)

    @app.get("/healthz")
    def healthz():
        return jsonify(status="ok", impl=impl, rstats=rstats_version, python=sys.version.split()[0])

    @app.errorhandler(ApiError)
    def api_error(e):
        return jsonify(error=e.message), e.status

    @app.errorhandler(HTTPException)
    def http_error(e):
        if isinstance(e, RequestEntityTooLarge):
            message = f"the body is over the limit of {max_body} bytes (RSTATS_MAX_BODY_BYTES)"
        elif e.code == 404:
            message = "not found: the service has POST /stats, GET /parity and GET /healthz"
        elif e.code == 405:
            message = f"method {request.method} is not allowed here (POST /stats, GET /parity, GET /healthz)"
        else:
            message = e.description
        return jsonify(error=message), e.code

    @app.errorhandler(Exception)
    def internal_error(e):  # pragma: no cover - a bug; logged, never shown as a traceback
        app.logger.exception("unexpected error")
        return jsonify(error=f"internal error ({type(e).__name__})"), 500

    return app


app = create_app()
