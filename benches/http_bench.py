"""HTTP benchmark: the service under gunicorn on 127.0.0.1 in `python` mode
(CPython's statistics) and in `rust` mode (rstats), the same bounded closed-loop load for each,
side by side: POST /stats with 9 (the talk's), 1,000 and 10,000 numbers, and GET /healthz, the
trivial endpoint, as the floor (what Flask, gunicorn and the client cost with no statistics).

Both servers run for the whole benchmark with the same settings; for each payload the python and
rust cells run one after the other, so a change in the machine's load hits both. Reports requests
per second and p50/p99 latency per cell, and the ratios rust vs python (RPS rust/python, latency
python/rust: above 1 means rust is faster). Writes JSON (default target/bench/http.json) and
prints a markdown table. No timed assertion: it fails (exit 1) only when a response is not 2xx or
a cell got no response at all.

    .venvs/3.11/bin/python benches/http_bench.py                 # 10 s a cell
    .venvs/3.11/bin/python benches/http_bench.py --smoke         # about a second a cell (ci/test)
"""

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import time

import httpkit

IMPLS = ("python", "rust")


def payloads():
    """(label, request): the floor, then the talk's nine ints, then 1,000 and 10,000 floats."""
    rng = random.Random(5)
    return [
        ("GET /healthz (floor)", ("GET", "/healthz", None)),
        ("9 numbers (the talk's)", ("POST", "/stats", httpkit.TALK_BODY)),
        ("1,000 numbers", httpkit.stats_request([rng.uniform(-1e6, 1e6) for _ in range(1000)])),
        ("10,000 numbers", httpkit.stats_request([rng.uniform(-1e6, 1e6) for _ in range(10_000)])),
    ]


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def git_commit():
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, cwd=httpkit.ROOT, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def ratio(a, b):
    return round(a / b, 2) if a and b else None


def table(cells, args):
    """The markdown table: per payload, python and rust side by side, and the ratios."""
    lines = [
        "| payload | python RPS | rust RPS | RPS rust/python | python p50 ms | rust p50 ms "
        "| p50 python/rust | python p99 ms | rust p99 ms | p99 python/rust |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, by_impl in cells.items():
        py, rs = by_impl["python"], by_impl["rust"]
        lines.append(
            f"| {label} | {py['rps']:.0f} | {rs['rps']:.0f} | {ratio(rs['rps'], py['rps'])}x "
            f"| {py['p50_ms']:.2f} | {rs['p50_ms']:.2f} | {ratio(py['p50_ms'], rs['p50_ms'])}x "
            f"| {py['p99_ms']:.2f} | {rs['p99_ms']:.2f} | {ratio(py['p99_ms'], rs['p99_ms'])}x |")
    return "\n".join(lines)


def main(argv=None):
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--duration", type=float, default=10.0, help="seconds per cell (default 10)")
    p.add_argument("--warmup", type=float, default=1.0,
                   help="seconds of the same load before each cell, not measured (default 1)")
    p.add_argument("--smoke", action="store_true",
                   help="a quick run that only checks it works: 1 s a cell, 0.2 s warm-up")
    p.add_argument("--workers", type=int, default=2, help="gunicorn workers per server (default 2)")
    p.add_argument("--threads", type=int, default=2, help="threads per worker (default 2)")
    p.add_argument("--connections", type=int, default=4,
                   help="concurrent keep-alive connections (default 4)")
    p.add_argument("--client-processes", type=int, default=2,
                   help="client processes the connections are spread over (default 2)")
    p.add_argument("--max-requests", type=int, default=1_000_000,
                   help="at most this many requests per connection and cell (default 1,000,000)")
    p.add_argument("--json", metavar="FILE",
                   help="where the JSON goes (default target/bench/http.json, with --smoke "
                        "target/bench/http-smoke.json)")
    args = p.parse_args(argv)
    if args.smoke:
        args.duration, args.warmup = 1.0, 0.2
    if args.json is None:
        name = "http-smoke.json" if args.smoke else "http.json"
        args.json = str(httpkit.ROOT / "target" / "bench" / name)
    if args.duration <= 0 or args.connections < 1 or args.workers < 1:
        p.error("--duration, --connections and --workers must be positive")

    report = {
        "date": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
        "machine": {"cpus": os.cpu_count(), "cpu": cpu_model(), "python": sys.version.split()[0],
                    "platform": platform.platform()},
        "commit": git_commit(),
        "config": {k: v for k, v in vars(args).items() if k != "json"},
        "loadavg_start": httpkit.loadavg(),
        "cells": {},
    }
    print(f"http bench: gunicorn {args.workers} workers x {args.threads} threads per server, "
          f"{args.connections} keep-alive connections in {args.client_processes} client "
          f"processes, {args.warmup:g} s warm-up + {args.duration:g} s per cell; "
          f"{report['machine']['cpus']} CPUs; load average {report['loadavg_start']}",
          flush=True)
    failures = []
    with httpkit.serve("python", workers=args.workers, threads=args.threads) as python, \
            httpkit.serve("rust", workers=args.workers, threads=args.threads) as rust:
        servers = {"python": python, "rust": rust}
        for label, request in payloads():
            report["cells"][label] = {}
            for impl in IMPLS:
                port = servers[impl].port
                httpkit.run_load(port, [request], args.warmup, args.connections,
                                 args.client_processes, args.max_requests)
                before = httpkit.loadavg()
                result = httpkit.run_load(port, [request], args.duration, args.connections,
                                          args.client_processes, args.max_requests)
                cell = dict(result.summary(), loadavg=before)
                report["cells"][label][impl] = cell
                print(f"  {label:24s} {impl:6s} {cell['requests']:7d} requests "
                      f"{cell['rps']:8.1f}/s  p50 {cell['p50_ms']:7.2f} ms  "
                      f"p99 {cell['p99_ms']:7.2f} ms  non-2xx {cell['non_2xx']}  "
                      f"load {before[0]}", flush=True)
                if result.non_2xx or result.errors or not result.requests:
                    failures.append(f"{label} {impl}: {cell}")
    report["loadavg_end"] = httpkit.loadavg()
    report["table"] = table(report["cells"], args)
    os.makedirs(os.path.dirname(os.path.abspath(args.json)), exist_ok=True)
    with open(args.json, "w") as f:
        json.dump(report, f, indent=2)
    print()
    print(report["table"])
    print(f"\n{report['date']}, {report['machine']['cpus']} CPUs ({report['machine']['cpu']}), "
          f"CPython {report['machine']['python']}, commit {report['commit']}; load average "
          f"{report['loadavg_start']} -> {report['loadavg_end']}; JSON: {args.json}")
    if failures:
        print("\nhttp bench: FAILED (responses that were not 2xx, or none)")
        for f in failures:
            print(f"  - {f}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
