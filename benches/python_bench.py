"""Side-by-side Python benchmark of rstats: one process, the same inputs, medians.

For each size n (default 9, 1,000, 100,000 and 1,000,000 latency-like floats with three
decimals; plus the talk's nine ints and nine full-precision uniform floats), it times, interleaved round by round so that the machine's drift hits every candidate
alike:

  stats_py          reference/stats.py's endpoint function (CPython's `statistics`)
  rstats list       rstats.compute_stats(list)
  rstats ndarray    rstats.compute_stats(numpy float64 array)
  numpy list        numpy's own equivalent, from the list: np.asarray(list) then ptp,
                    quantile([.25, .5, .75], method='weibull'), mean, std(ddof=1)
  numpy ndarray     the same four on the array (no conversion)
  noop Vec<f64>     rstats._noop(list): a PyO3 function taking the list as Vec<f64> (the
                    floor of a call that reads the numbers)
  noop call         rstats._noop_call(list): a PyO3 function that ignores its argument

It prints a Markdown table of the medians and the ratios the targets are stated in, and writes
everything (every sample, the machine) as JSON. Before timing, it checks that rstats' results
are stats_py's bit for bit (a benchmark of a wrong answer is worthless) and reports whether
numpy's are.

    python benches/python_bench.py                 # the full run (a few minutes)
    python benches/python_bench.py --smoke         # a few iterations of each cell (CI)
    python benches/python_bench.py --sizes 9,1000 --rounds 9 --json out.json

`ci/bench python` builds the extension into .venvs/3.11 and runs this. No timing here is an
assertion: the numbers are reported, never compared with a bound.
"""

import argparse
import json
import math
import os
import platform
import random
import statistics
import struct
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "reference"))

from stats import stats_py  # noqa: E402  (reference/stats.py, the endpoint's Python code)

import numpy as np  # noqa: E402
import rstats  # noqa: E402
from rstats import rstats as ext  # noqa: E402  (the compiled module: _noop, _noop_call)

TALK = [1, 3, 5, 7, 9, 10, 13, 84, 528]


def numpy_stats(a):
    """numpy's equivalent of the endpoint (weibull = statistics' 'exclusive')."""
    return {
        "range": float(np.ptp(a)),
        "quartiles": np.quantile(a, [0.25, 0.5, 0.75], method="weibull").tolist(),
        "mean": float(np.mean(a)),
        "stddev": float(np.std(a, ddof=1)),
    }


def numpy_from_list(values):
    return numpy_stats(np.asarray(values, dtype=np.float64))


def bits(x):
    """A value as parity sees it: its type and, for floats, its IEEE bits."""
    if isinstance(x, float):
        return ("float", struct.pack("<d", x))
    if isinstance(x, list):
        return [bits(v) for v in x]
    return (type(x).__name__, x)


def same(a, b):
    return {k: bits(a[k]) for k in a} == {k: bits(b[k]) for k in b}


def candidates(values, array):
    """name -> zero-argument callable, in table order."""
    return {
        "stats_py": lambda: stats_py(values),
        "rstats list": lambda: rstats.compute_stats(values),
        "rstats ndarray": lambda: rstats.compute_stats(array),
        "numpy list": lambda: numpy_from_list(values),
        "numpy ndarray": lambda: numpy_stats(array),
        "noop Vec<f64>": lambda: ext._noop(values),
        "noop call": lambda: ext._noop_call(values),
    }


def check_parity(label, values, array):
    """rstats must be stats_py bit for bit on the benchmarked input (else: exit 1)."""
    expected = stats_py(values)
    got_list = rstats.compute_stats(values).to_dict()
    got_array = rstats.compute_stats(array).to_dict()
    if not (same(expected, got_list) and same(stats_py(array.tolist()), got_array)):
        sys.exit(f"{label}: rstats differs from stats_py: {expected} vs {got_list} / {got_array}")
    ours = numpy_stats(array)
    return {k: bits(ours[k]) == bits(expected[k]) for k in expected}


def calibrate(fn, target):
    """Loops per sample so that one sample takes about `target` seconds (at least 1)."""
    loops = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(loops):
            fn()
        elapsed = time.perf_counter() - t0
        if elapsed >= target / 4 or loops >= 1 << 24:
            return max(1, int(loops * target / max(elapsed, 1e-9)))
        loops *= 4


def measure(cells, rounds, target, rng):
    """Per cell, `rounds` samples of seconds per call; cells run in a new random order every
    round (interleaved), so load that comes and goes is shared."""
    loops = {name: calibrate(fn, target) for name, fn in cells.items()}
    samples = {name: [] for name in cells}
    names = list(cells)
    for _ in range(rounds):
        rng.shuffle(names)
        for name in names:
            fn, n = cells[name], loops[name]
            t0 = time.perf_counter()
            for _ in range(n):
                fn()
            samples[name].append((time.perf_counter() - t0) / n)
    return loops, samples


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "loadavg_before": os.getloadavg(),
        "python": sys.version.split()[0],
        "numpy": np.__version__,
        "rstats_profile": rstats.PROFILE,
        "platform": platform.platform(),
    }


def fmt_time(seconds):
    for unit, scale in (("s", 1), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds * 1e9:.3g} ns"


def ratios(m):
    """The ratios the performance goals are stated in (a missing cell gives None)."""

    def r(a, b):
        return m[a] / m[b] if a in m and b in m else None

    return {
        "stats_py / rstats list (speed-up)": r("stats_py", "rstats list"),
        "rstats list / noop Vec<f64>": r("rstats list", "noop Vec<f64>"),
        "rstats list / noop call": r("rstats list", "noop call"),
        "rstats list / numpy list (incl. conversion)": r("rstats list", "numpy list"),
        "rstats ndarray / numpy ndarray": r("rstats ndarray", "numpy ndarray"),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="The module docstring (python -c 'help(...)' or the file) says what each cell is.",
    )
    parser.add_argument("--sizes", default="9,1000,100000,1000000",
                        help="comma-separated input sizes of random floats (default: %(default)s)")
    parser.add_argument("--rounds", type=int, default=7,
                        help="samples per cell; the median is reported (default: %(default)s)")
    parser.add_argument("--target", type=float, default=0.05,
                        help="seconds per sample, by choosing the loop count (default: %(default)s)")
    parser.add_argument("--smoke", action="store_true",
                        help="3 rounds of ~1 ms samples and sizes 9,1000: checks that it runs")
    parser.add_argument("--seed", type=int, default=20261126, help="random seed of the inputs")
    parser.add_argument("--json", type=Path, default=ROOT / "target" / "bench" / "python.json",
                        help="where to write the JSON results (default: %(default)s)")
    parser.add_argument("--no-talk", action="store_true",
                        help="skip the two fixed nine-value rows (the talk's ints, uniform floats)")
    args = parser.parse_args(argv)
    if args.smoke:
        args.rounds, args.target, args.sizes = 3, 0.001, "9,1000"
    sizes = [int(s) for s in args.sizes.split(",") if s]
    rng = random.Random(args.seed)

    inputs = []
    if not args.no_talk:
        inputs.append(("talk ints", TALK))
        # Full-precision floats (53 significant bits): CPython's exact Fractions cost more here.
        inputs.append(("uniform floats n=9", [rng.random() * 1000 for _ in range(9)]))
    for n in sizes:
        # Floats of every magnitude a latency endpoint sees: 0.001 to 1000, three decimals.
        inputs.append((f"floats n={n:,}", [round(rng.lognormvariate(0, 2), 3) for _ in range(n)]))

    report = {"machine": machine(), "args": {k: str(v) for k, v in vars(args).items()}, "inputs": []}
    print(f"# rstats Python-side benchmark ({report['machine']['python']}, numpy "
          f"{report['machine']['numpy']}, profile {rstats.PROFILE}; {report['machine']['cpus']} CPUs "
          f"{report['machine']['cpu']}; load {report['machine']['loadavg_before'][0]:.2f})\n")
    header = ["input", "stats_py", "rstats list", "rstats ndarray", "numpy list", "numpy ndarray",
              "noop Vec<f64>", "noop call"]
    rows = []
    for label, values in inputs:
        array = np.asarray(values)
        numpy_bit_exact = check_parity(label, values, array)
        cells = candidates(values, array)
        if len(values) >= 100_000 and not args.smoke:
            # One call of stats_py on 10^6 floats takes seconds: fewer, single-call samples.
            rounds = max(3, args.rounds // 2)
        else:
            rounds = args.rounds
        t0 = time.perf_counter()
        loops, samples = measure(cells, rounds, args.target, rng)
        medians = {name: statistics.median(s) for name, s in samples.items()}
        r = ratios(medians)
        report["inputs"].append({
            "input": label, "n": len(values), "rounds": rounds, "loops": loops,
            "samples_s": samples, "median_s": medians, "ratios": r,
            "numpy_bit_exact_fields": numpy_bit_exact,
            "wall_s": time.perf_counter() - t0,
        })
        rows.append([label] + [fmt_time(medians[h]) for h in header[1:]])
        print(f"  {label}: {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)

    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()
    names = list(report["inputs"][0]["ratios"]) if report["inputs"] else []
    print("| input | " + " | ".join(names) + " |")
    print("|" + "---|" * (len(names) + 1))
    for entry in report["inputs"]:
        cells = [("—" if v is None else f"{v:.3g}×") for v in entry["ratios"].values()]
        print(f"| {entry['input']} | " + " | ".join(cells) + " |")
    print()
    for entry in report["inputs"]:
        exact = [k for k, v in entry["numpy_bit_exact_fields"].items() if v]
        print(f"- {entry['input']}: numpy bit-equal to stats_py on: {', '.join(exact) or 'none'}")
    report["machine"]["loadavg_after"] = os.getloadavg()
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=1, default=float))
    print(f"\nJSON: {args.json}; load after {report['machine']['loadavg_after'][0]:.2f}")
    bad = [e["input"] for e in report["inputs"] if any(
        not (math.isfinite(t) and t > 0) for t in e["median_s"].values())]
    if bad:
        sys.exit(f"non-positive or non-finite timings for {bad}")


if __name__ == "__main__":
    main()
