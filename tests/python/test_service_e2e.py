"""End to end: the service under gunicorn on free loopback ports, as it is deployed.

Starts one server per mode (`rust`, `python`, `shadow`), posts the talk's payload and a few
hundred random payloads to `rust` and `python` and compares the response bodies byte for byte,
sends 1,000 random requests to `shadow` and checks `/parity` reports no mismatch, then sends each
bad request a new user might send and checks its 4xx and message, and that the server still
serves afterwards. Every request has a timeout; the servers are stopped at the end, whatever
happens.
"""

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager

import pytest

from conftest import REFERENCE
from service_payloads import TALK_BODY, TALK_RESPONSE, bad_requests, random_bodies

pytest.importorskip("gunicorn")
pytest.importorskip("flask")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="gunicorn is POSIX-only")

MAX_BODY = 64 * 1024
TIMEOUT = 15  # seconds, per request


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    """A keep-alive HTTP client for one server; reconnects when the server closes."""

    def __init__(self, port):
        self.port = port
        self.conn = None

    def request(self, method, path, body=None, fresh=False):
        for attempt in range(2):
            if self.conn is None or fresh:
                if self.conn is not None:
                    self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
            try:
                headers = {"Content-Type": "application/json"} if body is not None else {}
                self.conn.request(method, path, body=body, headers=headers)
                r = self.conn.getresponse()
                data = r.read()
                if r.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                return r.status, r.getheader("Content-Type"), data
            except (ConnectionError, http.client.HTTPException):
                self.conn.close()
                self.conn = None
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def close(self):
        if self.conn is not None:
            self.conn.close()


@contextmanager
def gunicorn(impl, **env):
    port = free_port()
    environ = dict(os.environ, RSTATS_IMPL=impl, RSTATS_MAX_BODY_BYTES=str(MAX_BODY),
                   **{k: str(v) for k, v in env.items()})
    cmd = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1",
           "--threads", "4", "--timeout", "60", "--graceful-timeout", "5",
           "--chdir", str(REFERENCE), "--log-level", "warning", "app:app"]
    proc = subprocess.Popen(cmd, env=environ, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    client = Client(port)
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise AssertionError(f"gunicorn exited: {proc.stdout.read().decode()}")
            try:
                status, _, body = client.request("GET", "/healthz", fresh=True)
                if status == 200:
                    assert json.loads(body)["impl"] == impl
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError("gunicorn did not answer within 60 s")
            time.sleep(0.1)
        yield client
    finally:
        client.close()
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)
        proc.stdout.close()


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
