"""The talk's Flask service: `POST /stats` with `{"numbers": [...]}` returns the range, quartiles,
mean and sample standard deviation of the numbers.

`RSTATS_IMPL` picks who computes them (read once, at start):

- `python` (default): `stats_py` from `reference/stats.py`, CPython's `statistics`.
- `rust`: `rstats.compute_stats`, the Rust extension (same values, types and errors).
- `shadow`: serves the Python result; on a fraction `RSTATS_SHADOW_SAMPLE` (default 1.0) of the
  requests it also runs rstats, the two in random order, compares the outcomes bit for bit (value,
  type, exception), counts matches and mismatches, records both durations and keeps the last
  `RSTATS_SHADOW_KEEP` (default 50) mismatching inputs. `GET /parity` reports them.

Other settings: `RSTATS_MAX_BODY_BYTES` (default 1048576, at most 2**30): larger bodies get a
413; `RSTATS_TIMINGS_KEEP` (default 10000, at most 1000000): how many recent durations the
percentiles are taken over. `RSTATS_SHADOW_KEEP` is at most 1000000 too.

A bad setting stops the service at start, under gunicorn as under `flask run`: one line on stderr
naming the variable, its value and the allowed values, and exit status 4 (gunicorn's "App failed
to load", which makes its arbiter stop instead of starting new workers). See
`exit_on_bad_settings`.

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

# ---------------------------------------------------------------------------------------------
# Settings: checked when this module is imported, before Flask is (a refusal takes milliseconds)
# ---------------------------------------------------------------------------------------------

IMPLS = ("python", "rust", "shadow")
DISTRIBUTION = "rstats-exact"  # the extension's name on PyPI and for pip; it imports as `rstats`

# The bounds of the count settings: deque(maxlen=...) needs a C ssize_t, and /parity sorts the
# kept timings on every call.
MAX_SHADOW_KEEP = 1_000_000
MAX_TIMINGS_KEEP = 1_000_000
MAX_BODY_BYTES = 1 << 30

# The exit status of a service that refuses its settings: gunicorn's "App failed to load"
# (Arbiter.APP_LOAD_ERROR). A worker that exits with it makes gunicorn's arbiter stop; any other
# status (1, a plain SystemExit's) makes it start a new worker, which fails the same way, once a
# second, forever. Not 3, gunicorn's other halting status: to Werkzeug's reloader
# (`flask run --debug`) 3 means "restart me".
EXIT_BAD_SETTING = 4


class ConfigError(ValueError):
    """A setting the service refuses: the message names the variable, its value and what is
    allowed, on one line."""


def _refuse(name, value, allowed):
    shown = repr(value)
    if len(shown) > 40:
        shown = shown[:36] + "..." + shown[-1]
    raise ConfigError(f"bad setting {name}={shown}: allowed values: {allowed}")


def check_impl(value, name):
    """One of IMPLS (text around it ignored)."""
    impl = value.strip() if isinstance(value, str) else value
    if impl not in IMPLS:
        _refuse(name, value, ", ".join(IMPLS))
    return impl


def check_fraction(value, name):
    """A fraction from 0 to 1: a number, or its text ("0.1", as environment variables hold)."""
    try:
        number = float(value.strip() if isinstance(value, str) else value)
    except (TypeError, ValueError):
        number = math.nan
    if isinstance(value, bool) or not 0.0 <= number <= 1.0:  # NaN fails too
        _refuse(name, value, "a number from 0 to 1, such as 0.1")
    return number


def check_count(value, name, low, high):
    """An integer from `low` to `high`: an int, or its decimal digits as text."""
    number = None
    if isinstance(value, str):
        text = value.strip()
        if text.isascii() and text.isdigit() and len(text) <= 20:  # no sign, "1_000" or "1e6"
            number = int(text)
    elif isinstance(value, int) and not isinstance(value, bool):
        number = value
    if number is None or not low <= number <= high:
        _refuse(name, value, f"an integer from {low} to {high}")
    return number


def _from_environment(name, default, check, *bounds):
    """The variable `name`, checked; the default when it is unset or empty."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return check(raw, name, *bounds)


def settings_from_environment():
    """The five settings from the environment, each checked (ConfigError for the first bad one),
    and for `rust` and `shadow` the rstats extension imported."""
    read = _from_environment
    settings = {
        "impl": read("RSTATS_IMPL", "python", check_impl),
        "shadow_sample": read("RSTATS_SHADOW_SAMPLE", 1.0, check_fraction),
        "keep": read("RSTATS_SHADOW_KEEP", 50, check_count, 0, MAX_SHADOW_KEEP),
        "max_body": read("RSTATS_MAX_BODY_BYTES", 1 << 20, check_count, 1, MAX_BODY_BYTES),
        "timings_keep": read("RSTATS_TIMINGS_KEEP", 10000, check_count, 1, MAX_TIMINGS_KEEP),
    }
    if settings["impl"] != "python":
        rstats_version(settings["impl"])
    return settings


def rstats_version(impl):
    """Imports rstats (at start, not on the first request) and returns its installed version;
    a ConfigError when the extension does not import."""
    try:
        import rstats
    except ImportError as e:
        raise ConfigError(
            f"RSTATS_IMPL={impl!r} needs the rstats extension, which does not import ({e}): "
            'install it with pip install ".[service]" from the repository, '
            "or use RSTATS_IMPL=python"
        ) from None
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # built in place, not installed
        return getattr(rstats, "__version__", "unknown")


def _refusal_lock():
    """True for the first process under this parent to refuse its settings (gunicorn's workers
    share their parent, the arbiter); False for a sibling refusing at the same time. An abstract
    Unix socket (Linux): no file to clean up, released when the process ends. True where there
    is none."""
    if not sys.platform.startswith("linux"):
        return True
    import socket

    lock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        lock.bind(f"\0rstats-service-refusal-{os.getppid()}")
    except OSError:
        lock.close()
        return False
    _refusal_lock.held = lock  # kept open until the process exits
    return True


def exit_on_bad_settings():
    """Checks the settings in the environment; a bad one ends the process with one line on stderr
    and the status EXIT_BAD_SETTING.

    Under gunicorn every worker imports this module, all within a fraction of a second, and
    gunicorn (23.0.0 and 27.0.1 were tried) prints a traceback and exits with status 1 when a
    second worker exits with APP_LOAD_ERROR while the arbiter is already stopping. So the first
    worker to refuse prints the line, holds a lock for a second (its siblings reach this check
    meanwhile) and exits; the others print nothing and wait, with SIGTERM's default action, for
    the SIGTERM of the arbiter, which the first one's exit status stopped."""
    try:
        settings_from_environment()
    except ConfigError as e:
        under_gunicorn = "gunicorn" in sys.modules
        if under_gunicorn and not _refusal_lock():
            import signal

            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            time.sleep(30)  # the arbiter ends it well before (the first refusal stopped it)
            sys.exit(EXIT_BAD_SETTING)
        print(f"rstats service: {e}", file=sys.stderr, flush=True)
        if under_gunicorn:
            time.sleep(1.0)
        sys.exit(EXIT_BAD_SETTING)


exit_on_bad_settings()

from flask import Flask, jsonify, request  # noqa: E402  (after the settings' check)
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge  # noqa: E402

try:  # served from reference/ (gunicorn --chdir reference app:app) or imported as reference.app
    from stats import stats_py  # noqa: E402
except ImportError:  # pragma: no cover - imported as a package module
    from .stats import stats_py  # noqa: E402

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
    try:
        text = json.dumps(x)
    except RecursionError:  # an item nested deeper than json.dumps can write (3.15 parses it)
        return "[[[..." if isinstance(x, list) else "{...}"
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


def create_app(impl=None, shadow_sample=None, max_body=None, keep=None, timings_keep=None, seed=None):
    """The Flask app. Arguments left as None come from the environment (see the module doc).

    Every setting is checked, from an argument or from the environment (all five variables are
    read and checked, whichever arguments are given): a bad one raises ConfigError, one line
    saying which and why."""
    env = settings_from_environment()
    impl = env["impl"] if impl is None else check_impl(impl, "impl")
    if shadow_sample is None:
        shadow_sample = env["shadow_sample"]
    else:
        shadow_sample = check_fraction(shadow_sample, "shadow_sample")
    if max_body is None:
        max_body = env["max_body"]
    else:
        max_body = check_count(max_body, "max_body", 1, MAX_BODY_BYTES)
    if keep is None:
        keep = env["keep"]
    else:
        keep = check_count(keep, "keep", 0, MAX_SHADOW_KEEP)
    if timings_keep is None:
        timings_keep = env["timings_keep"]
    else:
        timings_keep = check_count(timings_keep, "timings_keep", 1, MAX_TIMINGS_KEEP)
    version = rstats_version(impl) if impl in ("rust", "shadow") else None

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
        return jsonify(status="ok", impl=impl, rstats=version, python=sys.version.split()[0])

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
