"""End to end: the service under gunicorn on free loopback ports, as it is deployed.

Starts one server per mode (`rust`, `python`, `shadow`), posts the talk's payload and a few
hundred random payloads to `rust` and `python` and compares the response bodies byte for byte,
sends 1,000 random requests to `shadow` and checks `/parity` reports no mismatch, then sends each
bad request a new user might send and checks its 4xx and message, and that the server still
serves afterwards. Every request has a timeout; the servers are stopped at the end, whatever
happens.
"""

import json
import sys
from contextlib import contextmanager

import pytest

from conftest import ROOT
from service_payloads import TALK_BODY, TALK_RESPONSE, bad_requests, random_bodies

pytest.importorskip("gunicorn")
pytest.importorskip("flask")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="gunicorn is POSIX-only")
# gunicorn and the keep-alive client, shared with the load test and the HTTP benchmark.
sys.path.insert(0, str(ROOT / "benches"))
from httpkit import serve  # noqa: E402

MAX_BODY = 64 * 1024


@contextmanager
def gunicorn(impl, **env):
    """One worker with four threads, the body limit MAX_BODY; yields a keep-alive client."""
    with serve(impl, workers=1, threads=4, RSTATS_MAX_BODY_BYTES=MAX_BODY, **env) as server:
        yield server.client


def test_rust_and_python_byte_identical_then_bad_requests():
    with gunicorn("rust") as rust, gunicorn("python") as python:
        for c in (rust, python):
            assert c.request("POST", "/stats", TALK_BODY) == (200, "application/json", TALK_RESPONSE)
        for body in random_bodies(300, seed=2024):
            a, b = rust.request("POST", "/stats", body), python.request("POST", "/stats", body)
            assert a == b, body
            assert a[0] in (200, 400), (body, a)
        for label, body, status, message in bad_requests(MAX_BODY):
            for c in (rust, python):
                got_status, ctype, data = c.request("POST", "/stats", body, fresh=True)
                assert got_status == status, (label, data)
                assert ctype == "application/json", label
                assert message in json.loads(data)["error"], (label, data)
        for c in (rust, python):
            assert c.request("GET", "/stats", fresh=True)[0] == 405
            assert c.request("POST", "/stats", TALK_BODY, fresh=True) == (200, "application/json", TALK_RESPONSE)


def test_shadow_thousand_requests_no_mismatch():
    with gunicorn("shadow", RSTATS_SHADOW_SAMPLE="1.0") as shadow:
        for body in random_bodies(1000, seed=7):
            status, _, _ = shadow.request("POST", "/stats", body)
            assert status in (200, 400)
        status, _, data = shadow.request("GET", "/parity")
        report = json.loads(data)
        assert status == 200
        assert report["impl"] == "shadow"
        assert report["requests"] == report["compared"] == 1000, report
        assert report["mismatches"] == 0, report["kept_mismatches"]
        assert report["matches"] == 1000
        assert report["timing_us"]["rust"]["count"] == 1000
