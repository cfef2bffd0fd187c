"""The service's settings, end to end: a bad value of any of the five environment variables
stops a REAL gunicorn at start (exit status 4, one line naming the variable, its value and the
allowed values, no new workers, no request ever answered), and `flask run` likewise; valid values
start it. Also: the service's pinned dependencies are one set (the `service` extra of
pyproject.toml, ci/requirements-python.txt, the versions installed here), and the extension is
installed as the distribution `rstats-exact`.

gunicorn runs on free 127.0.0.1 ports, each process bounded in time and killed if it overstays.
It is the running interpreter's (CI: the pinned gunicorn) unless RSTATS_TEST_GUNICORN_PYTHON names
another interpreter with flask and gunicorn installed (e.g. a venv with the newest gunicorn):

    RSTATS_TEST_GUNICORN_PYTHON=/tmp/venv/bin/python \
        python -m pytest tests/python/test_service_config.py
"""

import http.client
import json
import os
import re
import subprocess
import sys
import time
from importlib import metadata

import pytest

from conftest import ROOT

pytest.importorskip("flask")
pytest.importorskip("gunicorn")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="gunicorn is POSIX-only")
sys.path.insert(0, str(ROOT / "benches"))
from httpkit import HOST, free_port, gunicorn_command, serve  # noqa: E402

import app as service  # noqa: E402  (reference/app.py)

SERVER_PYTHON = os.environ.get("RSTATS_TEST_GUNICORN_PYTHON") or sys.executable
EXIT_BAD_SETTING = 4  # gunicorn's Arbiter.APP_LOAD_ERROR: the arbiter stops
# A refusal takes about 3 s here (1-2 s of it gunicorn's own start and stop); the bound leaves
# room for a loaded CI machine. A process still running at KILL_AFTER is killed: the test fails.
EXIT_WITHIN = 20.0
KILL_AFTER = 60.0

ALLOWED = {
    "RSTATS_IMPL": "python, rust, shadow",
    "RSTATS_SHADOW_SAMPLE": "a number from 0 to 1, such as 0.1",
    "RSTATS_SHADOW_KEEP": "an integer from 0 to 1000000",
    "RSTATS_MAX_BODY_BYTES": "an integer from 1 to 1073741824",
    "RSTATS_TIMINGS_KEEP": "an integer from 1 to 1000000",
}
# One bad value per variable for the end-to-end runs (each run costs seconds) ...
BAD_E2E = [
    ("RSTATS_IMPL", "bogus"),
    ("RSTATS_SHADOW_SAMPLE", "2"),
    ("RSTATS_SHADOW_KEEP", "-1"),
    ("RSTATS_MAX_BODY_BYTES", "abc"),
    ("RSTATS_TIMINGS_KEEP", "0"),
]
# ... and many through the checks themselves, in process.
BAD_VALUES = {
    "RSTATS_IMPL": ["bogus", "Rust", "PYTHON", "rust,python", "0", "fortran"],
    "RSTATS_SHADOW_SAMPLE": ["2", "-0.1", "1.0000001", "nan", "inf", "-inf", "abc", "0,5", "1e999",
                             "½"],
    "RSTATS_SHADOW_KEEP": ["-1", "abc", "1e3", "1_000", "1.0", "1000001", "+5", "٣", "9" * 30],
    "RSTATS_MAX_BODY_BYTES": ["0", "abc", "-1", "1e6", "1073741825", "1048576.0", "9" * 4400],
    "RSTATS_TIMINGS_KEEP": ["0", "-5", "abc", "1000001", "10 000", "0x10"],
}
GOOD_VALUES = {
    "RSTATS_IMPL": [("python", "python"), ("rust", "rust"), (" shadow ", "shadow")],
    "RSTATS_SHADOW_SAMPLE": [("0", 0.0), ("1", 1.0), ("0.25", 0.25), (" 1.0 ", 1.0),
                             ("1e-3", 0.001)],
    "RSTATS_SHADOW_KEEP": [("0", 0), ("1000000", 1000000), ("007", 7)],
    "RSTATS_MAX_BODY_BYTES": [("1", 1), ("1073741824", 1 << 30), ("65536", 65536)],
    "RSTATS_TIMINGS_KEEP": [("1", 1), ("1000000", 1000000)],
}
SETTING_KEY = {
    "RSTATS_IMPL": "impl",
    "RSTATS_SHADOW_SAMPLE": "shadow_sample",
    "RSTATS_SHADOW_KEEP": "keep",
    "RSTATS_MAX_BODY_BYTES": "max_body",
    "RSTATS_TIMINGS_KEEP": "timings_keep",
}


def expected_line(name, value):
    return f"rstats service: bad setting {name}={value!r}: allowed values: {ALLOWED[name]}"


def clean_environment(**settings):
    """os.environ without any RSTATS_ setting of the caller's shell, plus `settings`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RSTATS_")}
    env.update(settings)
    return env


def answers(port):
    """The status of GET /healthz on 127.0.0.1:port, or None when nothing answers within 0.5 s
    (refused, reset, or a connection nobody accepts)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=0.5)
    try:
        conn.request("GET", "/healthz")
        return conn.getresponse().status
    except (OSError, http.client.HTTPException):
        return None
    finally:
        conn.close()


def run_refusing(cmd, env, port, log):
    """Runs `cmd` until it exits, asking GET /healthz all along. (exit status, seconds, output,
    the statuses of every answer it gave)."""
    start = time.monotonic()
    with open(log, "w+b") as out:
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
        answered = []
        try:
            while proc.poll() is None and time.monotonic() - start < KILL_AFTER:
                status = answers(port)
                if status is not None:
                    answered.append(status)
                time.sleep(0.05)
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait(timeout=30)
        seconds = time.monotonic() - start
        out.seek(0)
        output = out.read().decode(errors="replace")
    return proc.returncode, seconds, output, answered


def assert_refused(status, seconds, output, answered, name, value):
    line = expected_line(name, value)
    assert status == EXIT_BAD_SETTING, (status, output)
    assert seconds < EXIT_WITHIN, (seconds, output)
    assert answered == [], output
    # The one line, exactly once and whole; no traceback.
    assert output.splitlines().count(line) == 1, output
    assert output.count(name) == 1, output
    assert "Traceback" not in output, output


@pytest.mark.parametrize("name, value", BAD_E2E, ids=[n for n, _ in BAD_E2E])
def test_gunicorn_stops_at_start_on_a_bad_setting(name, value, tmp_path):
    port = free_port()
    cmd = gunicorn_command(port, workers=1, threads=2, python=SERVER_PYTHON, log_level="info")
    result = run_refusing(cmd, clean_environment(**{name: value}), port, tmp_path / "gunicorn.log")
    assert_refused(*result, name, value)
    output = result[2]
    # One worker booted, none after it: the arbiter stopped instead of replacing it.
    assert len(re.findall(r"Booting worker with pid", output)) == 1, output
    assert re.search(r"Worker \(pid:\d+\) exited with code 4", output), output
    assert "App failed to load" in output, output


def test_gunicorn_with_four_workers_prints_the_line_once(tmp_path):
    # All four workers refuse within the same second; one prints and exits with status 4, the
    # arbiter stops the others (gunicorn alone prints a traceback and exits 1 when two exit 4).
    port = free_port()
    cmd = gunicorn_command(port, workers=4, threads=1, python=SERVER_PYTHON, log_level="info")
    for attempt in range(2):
        result = run_refusing(cmd, clean_environment(RSTATS_SHADOW_SAMPLE="nan"), port,
                              tmp_path / f"gunicorn{attempt}.log")
        assert_refused(*result, "RSTATS_SHADOW_SAMPLE", "nan")
        assert len(re.findall(r"Booting worker with pid", result[2])) <= 4, result[2]


@pytest.mark.parametrize("module", ["reference/app.py", "reference.app"])
def test_flask_run_stops_at_start_on_a_bad_setting(module, tmp_path):
    port = free_port()
    cmd = [SERVER_PYTHON, "-m", "flask", "--app", module, "run", "--host", HOST,
           "--port", str(port)]
    name, value = "RSTATS_MAX_BODY_BYTES", "0"
    result = run_refusing(cmd, clean_environment(**{name: value}), port, tmp_path / "flask.log")
    assert_refused(*result, name, value)


def test_gunicorn_serves_with_valid_non_default_settings():
    # The same poll sees a served /healthz: the refusals above are not the poll failing.
    impl = "shadow" if SERVER_PYTHON == sys.executable else "python"
    settings = {"RSTATS_SHADOW_SAMPLE": "0.25", "RSTATS_SHADOW_KEEP": "0",
                "RSTATS_MAX_BODY_BYTES": "65536", "RSTATS_TIMINGS_KEEP": "1000000"}
    with serve(impl, python=SERVER_PYTHON, **settings) as server:
        assert answers(server.port) == 200
        status, _, body = server.client.request("GET", "/healthz")
        health = json.loads(body)
        assert (status, health["impl"]) == (200, impl)
        if impl == "shadow":
            assert health["rstats"] == metadata.version("rstats-exact")
            status, _, body = server.client.request("GET", "/parity")
            assert json.loads(body)["sample"] == 0.25
        status, _, body = server.client.request("POST", "/stats", b"[" * 70000)
        assert status == 413, body


# ---------------------------------------------------------------------------------------------
# The checks, in process
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(BAD_VALUES))
def test_every_bad_value_is_refused_in_one_line(name, monkeypatch):
    for key in SETTING_KEY:
        monkeypatch.delenv(key, raising=False)
    for value in BAD_VALUES[name]:
        monkeypatch.setenv(name, value)
        with pytest.raises(service.ConfigError) as refused:
            service.settings_from_environment()
        message = str(refused.value)
        assert "\n" not in message and len(message) < 200, message
        assert message.startswith(f"bad setting {name}="), message
        assert message.endswith(f": allowed values: {ALLOWED[name]}"), message
        if len(value) < 30:
            assert repr(value) in message
        with pytest.raises(service.ConfigError):
            service.create_app()


@pytest.mark.parametrize("name", sorted(GOOD_VALUES))
def test_good_values_are_read(name, monkeypatch):
    for key in SETTING_KEY:
        monkeypatch.delenv(key, raising=False)
    defaults = service.settings_from_environment()
    assert defaults == {"impl": "python", "shadow_sample": 1.0, "keep": 50,
                        "max_body": 1048576, "timings_keep": 10000}
    monkeypatch.setenv(name, "")  # empty: the default
    assert service.settings_from_environment() == defaults
    for value, expected in GOOD_VALUES[name]:
        monkeypatch.setenv(name, value)
        got = service.settings_from_environment()[SETTING_KEY[name]]
        assert got == expected and type(got) is type(expected), (value, got)


def test_arguments_are_checked_like_the_environment():
    for kwargs in ({"impl": "fortran"}, {"shadow_sample": 1.5}, {"shadow_sample": True},
                   {"keep": -1}, {"keep": 2.0}, {"max_body": 0}, {"timings_keep": 10**7}):
        with pytest.raises(service.ConfigError, match=f"bad setting {next(iter(kwargs))}="):
            service.create_app(**kwargs)


def test_rust_without_the_extension_is_refused_in_one_line(monkeypatch):
    monkeypatch.setitem(sys.modules, "rstats", None)  # import rstats raises ImportError
    monkeypatch.setenv("RSTATS_IMPL", "rust")
    with pytest.raises(service.ConfigError) as refused:
        service.settings_from_environment()
    message = str(refused.value)
    assert "\n" not in message
    assert message.startswith("RSTATS_IMPL='rust' needs the rstats extension"), message
    assert 'pip install ".[service]"' in message


# ---------------------------------------------------------------------------------------------
# One set of pins, one distribution name
# ---------------------------------------------------------------------------------------------

PINNED = ("flask", "werkzeug", "gunicorn")


def service_extra():
    """The `service` extra of pyproject.toml as {name: version}."""
    text = (ROOT / "pyproject.toml").read_text()
    block = re.search(r"^\[project\.optional-dependencies\]\n(.*?)(?=^\[|\Z)", text, re.S | re.M)
    assert block, "pyproject.toml has no [project.optional-dependencies]"
    extra = re.search(r"^service\s*=\s*\[(.*?)\]", block.group(1), re.S | re.M)
    assert extra, "no service extra"
    pins = dict(re.findall(r'"([A-Za-z0-9_.-]+)==([^"\s;]+)"', extra.group(1)))
    assert len(pins) == extra.group(1).count('"') // 2, "every requirement of the extra is pinned"
    return {k.lower(): v for k, v in pins.items()}


def test_the_service_extra_is_what_ci_installs_and_tests():
    extra = service_extra()
    assert sorted(extra) == sorted(PINNED)
    if sys.version_info >= (3, 11):  # the same reading by a TOML parser
        import tomllib

        project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
        assert project["name"] == "rstats-exact"
        assert project["optional-dependencies"]["service"] == [
            f"{name}=={extra[name]}" for name in PINNED
        ]
    ci = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)\s*$",
                         (ROOT / "ci" / "requirements-python.txt").read_text(), re.M))
    ci = {k.lower(): v for k, v in ci.items()}
    assert {name: ci.get(name) for name in PINNED} == extra
    # This interpreter's (ci/ext-venv's) versions are the pins.
    installed = {name: metadata.version(name) for name in PINNED}
    assert installed == extra, "this venv is not the pinned set (ci/ext-venv installs it)"


def test_the_extension_is_the_distribution_rstats_exact():
    dist = metadata.distribution("rstats-exact")
    files = [str(f) for f in dist.files or []]
    assert any(f.startswith("rstats/") for f in files), files
    assert dist.metadata["Name"] == "rstats-exact"
    assert "service" in (dist.metadata.get_all("Provides-Extra") or [])
