"""The service under gunicorn on loopback, and a bounded HTTP load against it: what the load test
(`benches/http_load.py`, run by `ci/load`), the HTTP benchmark (`benches/http_bench.py`) and the
end-to-end tests (`tests/python/test_service_e2e.py`, `test_service_config.py`) share.

- `serve(impl, workers, threads, **env)`: gunicorn running `reference/app.py` with
  `RSTATS_IMPL=impl` on a free 127.0.0.1 port, from the running interpreter (a venv with flask,
  gunicorn and rstats), started and stopped around a `with` block; `gunicorn_command`, its
  command line.
- `Client`: one keep-alive HTTP/1.1 connection (http.client) that reconnects when the server
  closes.
- `run_load(port, requests, seconds, connections, processes)`: a closed loop of `connections`
  keep-alive connections spread over `processes` client processes (one Python process cannot
  drive several workers past its GIL), each sending the next request as soon as the last response
  came; stops after `seconds` or `max_requests`, whichever first. Returns every latency and
  every status.
- `worker_pids`, `rss_kib`: the gunicorn workers and their resident memory (/proc).

Traffic goes to 127.0.0.1 only; every loop is bounded in time and count.
"""

import http.client
import json
import math
import os
import pathlib
import signal
import socket
import subprocess
import sys
import threading
import time
import multiprocessing
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field

ROOT = pathlib.Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "reference"
HOST = "127.0.0.1"
TIMEOUT = 30  # seconds, per request
TALK_BODY = b'{"numbers": [1, 3, 5, 7, 9, 10, 13, 84, 528]}'
TALK_RESPONSE = (b'{"mean":73.33333333333333,"quartiles":[4.0,9.0,48.5],"range":527.0,'
                 b'"stddev":172.43622009311153}\n')


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Client:
    """A keep-alive HTTP client for one server; reconnects when the server closes."""

    def __init__(self, port, timeout=TIMEOUT):
        self.port = port
        self.timeout = timeout
        self.conn = None

    def request(self, method, path, body=None, fresh=False):
        """(status, Content-Type, body bytes)."""
        for attempt in range(2):
            if self.conn is None or fresh:
                if self.conn is not None:
                    self.conn.close()
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
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
            self.conn = None


@dataclass
class Server:
    impl: str
    port: int
    proc: subprocess.Popen
    client: Client

    @property
    def pid(self):
        return self.proc.pid

    def workers(self):
        return worker_pids(self.proc.pid)


def gunicorn_command(port, workers=1, threads=4, python=None, log_level="warning"):
    """The command line of gunicorn serving reference/app.py on 127.0.0.1:`port`, run by `python`
    (default: the running interpreter)."""
    return [python or sys.executable, "-m", "gunicorn", "--bind", f"{HOST}:{port}",
            "--workers", str(workers), "--threads", str(threads), "--timeout", "60",
            "--graceful-timeout", "5", "--keep-alive", "30", "--chdir", str(REFERENCE),
            "--log-level", log_level, "app:app"]


@contextmanager
def serve(impl, workers=1, threads=4, python=None, start_timeout=60, **env):
    """gunicorn serving reference/app.py in `impl` mode on a free loopback port; yields a Server
    once /healthz answers, stops it (SIGTERM, then SIGKILL) when the block ends."""
    port = free_port()
    environ = dict(os.environ, RSTATS_IMPL=impl, **{k: str(v) for k, v in env.items()})
    cmd = gunicorn_command(port, workers, threads, python)
    proc = subprocess.Popen(cmd, env=environ, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    client = Client(port)
    try:
        deadline = time.monotonic() + start_timeout
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
                raise AssertionError(f"gunicorn did not answer within {start_timeout} s")
            time.sleep(0.1)
        # Every worker is up (each answers /healthz on its own once booted).
        while len(worker_pids(proc.pid)) < workers and time.monotonic() < deadline:
            time.sleep(0.1)
        yield Server(impl, port, proc, client)
    finally:
        client.close()
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)
        proc.stdout.close()


def worker_pids(master):
    """The pids of the processes whose parent is `master` (gunicorn's workers), sorted."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:  # gone meanwhile
            continue
        # pid (comm) state ppid ...: comm may hold spaces and parentheses, so split after it.
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == master:
            pids.append(int(entry))
    return sorted(pids)


def rss_kib(pid):
    """VmRSS of a process in KiB (None if it is gone)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


@dataclass
class LoadResult:
    seconds: float = 0.0
    latencies: list = field(default_factory=list)  # seconds, one per response
    statuses: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)  # exceptions (no response), by type

    @property
    def requests(self):
        return len(self.latencies)

    @property
    def rps(self):
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def non_2xx(self):
        return sum(n for s, n in self.statuses.items() if not 200 <= s < 300)

    def percentile_ms(self, p):
        """The p-th percentile latency in ms (nearest rank)."""
        xs = sorted(self.latencies)
        if not xs:
            return math.nan
        return 1000 * xs[min(len(xs) - 1, max(0, math.ceil(p / 100 * len(xs)) - 1))]

    def merge(self, other):
        self.latencies.extend(other.latencies)
        self.statuses.update(other.statuses)
        self.errors.update(other.errors)

    def summary(self):
        return {
            "requests": self.requests,
            "seconds": round(self.seconds, 3),
            "rps": round(self.rps, 1),
            "p50_ms": round(self.percentile_ms(50), 3),
            "p99_ms": round(self.percentile_ms(99), 3),
            "non_2xx": self.non_2xx,
            "errors": sum(self.errors.values()),
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
        }


def _connection_loop(port, requests, deadline, max_requests, offset, out):
    """One keep-alive connection in a closed loop until the deadline or max_requests."""
    client = Client(port)
    latencies, statuses, errors = [], Counter(), Counter()
    i = offset
    try:
        while len(latencies) + sum(errors.values()) < max_requests:
            if time.monotonic() >= deadline:
                break
            method, path, body = requests[i % len(requests)]
            i += 1
            start = time.perf_counter()
            try:
                status, _, _ = client.request(method, path, body)
            except (OSError, http.client.HTTPException) as e:
                errors[type(e).__name__] += 1
                continue
            latencies.append(time.perf_counter() - start)
            statuses[status] += 1
    finally:
        client.close()
    out.append((latencies, statuses, errors))


def _process_load(port, requests, deadline, max_requests, connections, first):
    """`connections` threads, one connection each; runs in a client process."""
    out = []
    threads = [threading.Thread(target=_connection_loop,
                                args=(port, requests, deadline, max_requests, first + k * 7919, out))
               for k in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result = LoadResult()
    for latencies, statuses, errors in out:
        result.merge(LoadResult(0.0, latencies, statuses, errors))
    return result


def run_load(port, requests, seconds, connections=4, processes=2, max_requests=1_000_000):
    """A closed-loop load of `requests` ((method, path, body) tuples, sent round robin) for
    `seconds`, over `connections` keep-alive connections in `processes` client processes; each
    connection stops after `max_requests`. The LoadResult of all of them."""
    processes = max(1, min(processes, connections))
    per = [connections // processes + (k < connections % processes) for k in range(processes)]
    start = time.monotonic()
    deadline = start + seconds
    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=processes, mp_context=ctx) as pool:
        futures = [pool.submit(_process_load, port, requests, deadline, max_requests, n, k * 1009)
                   for k, n in enumerate(per)]
        result = LoadResult()
        for f in futures:
            result.merge(f.result())
    result.seconds = time.monotonic() - start
    return result


def stats_request(numbers):
    return ("POST", "/stats", json.dumps({"numbers": numbers}).encode())


def loadavg():
    """The 1, 5 and 15-minute load averages (other jobs share this machine)."""
    return [round(x, 2) for x in os.getloadavg()]
