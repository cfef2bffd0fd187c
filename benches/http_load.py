"""Load test of the service, run by `ci/load`: gunicorn with several workers in
`rust` mode on 127.0.0.1 under a bounded closed-loop load of valid payloads, then oversized
payloads. Fails (exit 1) when

- any valid request gets a non-2xx status or no response at all,
- a worker's resident memory (VmRSS) grows by more than --rss-bound-mib between the sample taken
  after the warm-up and the last one, or a worker died and was replaced (its pid changed),
- an oversized body (over RSTATS_MAX_BODY_BYTES) gets anything but a 413 with the JSON error,
- the server does not serve valid requests (200, the right answer) after them.

Prints requests, requests per second, p50/p99 latency, non-2xx count and each worker's RSS at
start, middle and end. Traffic goes to loopback only; the load is bounded by --duration and
--max-requests.
"""

import argparse
import json
import random
import sys
import time

import httpkit


def valid_requests(count, seed):
    """POST /stats bodies that must all get 200: the talk's, and floats and ints (2 to 2,000 of
    them) well inside the float range."""
    rng = random.Random(seed)
    out = [("POST", "/stats", httpkit.TALK_BODY)]
    for _ in range(count - 1):
        n = rng.choice([2, 9, 9, 50, 200, 1000, 2000])
        kind = rng.random()
        if kind < 0.4:
            numbers = [rng.uniform(-1e6, 1e6) for _ in range(n)]
        elif kind < 0.7:
            numbers = [rng.randint(-10 ** 9, 10 ** 9) for _ in range(n)]
        else:
            numbers = [rng.choice([rng.randint(-99, 99), round(rng.gauss(0, 50), 2)])
                       for _ in range(n)]
        out.append(httpkit.stats_request(numbers))
    return out


def oversized_bodies(limit):
    """Valid JSON just over the limit, twice it and ten times it (up to 16 MiB)."""
    def body(size):
        count = size // 10 + 1
        b = json.dumps({"numbers": [123456.7] * count}).encode()
        assert len(b) > limit
        return b
    return [body(limit + 1), body(2 * limit), body(min(10 * limit, 16 << 20))]


def sample_rss(server, label, samples):
    pids = server.workers()
    samples.append((label, {pid: httpkit.rss_kib(pid) for pid in pids}))
    return pids


def main(argv=None):
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--duration", type=float, default=30.0,
                   help="seconds of load after the warm-up (default 30)")
    p.add_argument("--warmup", type=float, default=3.0,
                   help="seconds of load before the first RSS sample (default 3)")
    p.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    p.add_argument("--threads", type=int, default=2,
                   help="threads per worker (gthread: keep-alive) (default 2)")
    p.add_argument("--connections", type=int, default=8,
                   help="concurrent keep-alive connections (default 8)")
    p.add_argument("--client-processes", type=int, default=2,
                   help="client processes the connections are spread over (default 2)")
    p.add_argument("--max-requests", type=int, default=2_000_000,
                   help="at most this many requests per connection (default 2,000,000)")
    p.add_argument("--rss-bound-mib", type=float, default=16.0,
                   help="fail if a worker's RSS grows more than this after warm-up (default 16)")
    p.add_argument("--max-body", type=int, default=1 << 20,
                   help="RSTATS_MAX_BODY_BYTES of the server (default 1048576)")
    p.add_argument("--oversized", type=int, default=30,
                   help="oversized requests sent after the load (default 30)")
    p.add_argument("--json", metavar="FILE", help="also write the results as JSON to FILE")
    args = p.parse_args(argv)
    if args.duration <= 0 or args.workers < 1 or args.connections < 1:
        p.error("--duration, --workers and --connections must be positive")

    failures = []
    report = {"config": vars(args), "loadavg_start": httpkit.loadavg()}
    requests = valid_requests(400, seed=6)
    print(f"load: gunicorn rust mode, {args.workers} workers x {args.threads} threads on "
          f"127.0.0.1; {args.connections} keep-alive connections in {args.client_processes} "
          f"client processes; {args.warmup:g} s warm-up + {args.duration:g} s; "
          f"{len(requests)} distinct valid bodies (2-2,000 numbers); load average "
          f"{report['loadavg_start']}", flush=True)
    with httpkit.serve("rust", workers=args.workers, threads=args.threads,
                       RSTATS_MAX_BODY_BYTES=args.max_body) as server:
        samples = []
        warm = httpkit.run_load(server.port, requests, args.warmup, args.connections,
                                args.client_processes, args.max_requests)
        start_pids = sample_rss(server, "start", samples)
        half = args.duration / 2
        first = httpkit.run_load(server.port, requests, half, args.connections,
                                 args.client_processes, args.max_requests)
        sample_rss(server, "middle", samples)
        second = httpkit.run_load(server.port, requests, args.duration - half, args.connections,
                                  args.client_processes, args.max_requests)
        end_pids = sample_rss(server, "end", samples)
        load = httpkit.LoadResult()
        load.merge(first)
        load.merge(second)
        load.seconds = first.seconds + second.seconds

        for label, result in (("warm-up", warm), ("load", load)):
            if result.non_2xx or result.errors:
                failures.append(f"{label}: {result.non_2xx} non-2xx responses "
                                f"{dict(result.statuses)}, {dict(result.errors)} errors")
        if load.requests == 0:
            failures.append("no request was answered")
        if start_pids != end_pids or len(start_pids) != args.workers:
            failures.append(f"workers changed: {start_pids} at start, {end_pids} at the end")
        bound = args.rss_bound_mib * 1024
        rss = {pid: [s[1].get(pid) for s in samples] for pid in start_pids}
        for pid, (a, _, c) in rss.items():
            if a is None or c is None or c - a > bound:
                failures.append(f"worker {pid}: RSS {a} KiB at start, {c} KiB at the end "
                                f"(bound +{args.rss_bound_mib:g} MiB)")

        # Oversized bodies: 413 with the JSON error, each on a new connection.
        bodies = oversized_bodies(args.max_body)
        oversized = {}
        client = httpkit.Client(server.port)
        for k in range(args.oversized):
            body = bodies[k % len(bodies)]
            try:
                status, ctype, data = client.request("POST", "/stats", body, fresh=True)
                ok = (status == 413 and ctype == "application/json"
                      and "RSTATS_MAX_BODY_BYTES" in json.loads(data)["error"])
                key = str(status) if ok or status != 413 else "413 without the JSON error"
            except OSError as e:
                key = f"no response ({type(e).__name__})"
            oversized[key] = oversized.get(key, 0) + 1
        if set(oversized) != {"413"}:
            failures.append(f"oversized bodies: {oversized} (all must be 413)")
        # ... and it still serves.
        after = {}
        for _ in range(100):
            status, _, data = client.request("POST", "/stats", httpkit.TALK_BODY)
            key = "200" if (status, data) == (200, httpkit.TALK_RESPONSE) else f"{status} {data[:80]!r}"
            after[key] = after.get(key, 0) + 1
        client.close()
        if set(after) != {"200"}:
            failures.append(f"after the oversized bodies: {after}")
        tail = httpkit.run_load(server.port, requests, 1.0, 2, 1, 10_000)
        if tail.non_2xx or tail.errors or not tail.requests:
            failures.append(f"load after the oversized bodies: {tail.summary()}")

    report.update(warmup=warm.summary(), load=load.summary(), oversized=oversized,
                  after_oversized={"talk_payload": after, "load": tail.summary()},
                  rss_kib={str(pid): dict(zip(("start", "middle", "end"), v))
                           for pid, v in rss.items()},
                  loadavg_end=httpkit.loadavg(), failures=failures)
    s = report["load"]
    print(f"\nrequests {s['requests']}  ({s['seconds']} s after {args.warmup:g} s warm-up)")
    print(f"RPS      {s['rps']}")
    print(f"latency  p50 {s['p50_ms']} ms  p99 {s['p99_ms']} ms")
    print(f"non-2xx  {s['non_2xx']}  errors {s['errors']}  statuses {s['statuses']}")
    print("worker RSS (MiB): start -> middle -> end (growth)")
    for pid, (a, b, c) in rss.items():
        if None in (a, b, c):
            print(f"  {pid}: gone ({a}, {b}, {c})")
        else:
            print(f"  {pid}: {a / 1024:.1f} -> {b / 1024:.1f} -> {c / 1024:.1f} "
                  f"({(c - a) / 1024:+.1f})")
    print(f"oversized (> {args.max_body} bytes): {oversized}")
    print(f"after them: talk payload {after}; 1 s of load {tail.requests} requests, "
          f"{tail.non_2xx} non-2xx, {sum(tail.errors.values())} errors")
    print(f"load average {report['loadavg_start']} -> {report['loadavg_end']}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(report, f, indent=2)
    if failures:
        print("\nload: FAILED")
        for f in failures:
            print(f"  - {f}")
        return 1
    print("\nload: passed (0 non-2xx, RSS flat, oversized bodies 413, still serving)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
