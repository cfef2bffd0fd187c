"""Concurrent calls from threads give the sequential results, and large inputs are computed
without the GIL (other Python threads run meanwhile).

The inputs are shared: the same list, tuple or array is read by several threads at once (its
functions are shuffled over the pool), while other threads compute other inputs; they cover each
path of the binding: lists of floats, ints, big ints and mixed values read with and without the
GIL, buffers (array.array, numpy float64 and int64), and inputs handed to `statistics` (Decimal,
Fraction, NaN), which call back into Python from the binding."""

import array
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from fractions import Fraction

import rstats

from helpers import outcome, same_outcome

FUNCTIONS = ["mean", "median", "variance", "stdev", "pvariance", "pstdev", "quantiles"]


def inputs():
    rng = random.Random(4)
    yield [rng.uniform(-1e6, 1e6) for _ in range(50_000)]
    yield [rng.randint(-10 ** 12, 10 ** 12) for _ in range(50_000)]
    yield [rng.choice([rng.random(), rng.randint(0, 9), True, 2 ** 70]) for _ in range(20_000)]
    yield [round(rng.gauss(0, 100), 2) for _ in range(3_000)]
    yield array.array("d", (rng.random() for _ in range(50_000)))
    yield [1, 3, 5, 7, 9, 10, 13, 84, 528]
    yield tuple(rng.uniform(-1, 1) for _ in range(2_000))
    yield [Decimal(rng.randint(-999, 999)) / 100 for _ in range(200)]
    yield [Fraction(rng.randint(-99, 99), rng.randint(1, 9)) for _ in range(200)]
    yield [rng.random() for _ in range(100)] + [float("nan")]
    try:
        import numpy as np
    except ImportError:
        return
    yield np.array([rng.uniform(-1e6, 1e6) for _ in range(50_000)])
    yield np.array([rng.randint(-10 ** 12, 10 ** 12) for _ in range(50_000)], dtype=np.int64)


def test_threads_match_sequential():
    data = list(inputs())
    calls = [(name, d) for d in data for name in FUNCTIONS] + [("compute_stats", d) for d in data]

    def call(job):
        name, d = job
        fn = getattr(rstats, name)
        if name == "compute_stats":
            return outcome(lambda x: fn(x).to_dict(), d)
        return outcome(fn, d)  # a value, or what it raises (stdev of a NaN list raises in 3.11)

    sequential = [call(job) for job in calls]
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(3):
            jobs = list(range(len(calls)))
            random.shuffle(jobs)
            results = dict(zip(jobs, pool.map(lambda k: call(calls[k]), jobs)))
            for k, want in enumerate(sequential):
                assert same_outcome(results[k], want), (calls[k][0], results[k], want)


def test_gil_is_released_on_large_inputs():
    # Grow the input until one call clearly takes long enough to tell (fast machines, CPython
    # versions and builds differ by several times), then watch another thread run during it.
    big = array.array("d", (random.random() for _ in range(1_000_000)))
    while True:
        t0 = time.perf_counter()
        rstats.stdev(big)
        if time.perf_counter() - t0 > 0.15 or len(big) >= 64_000_000:
            break
        big = big + big
    window = {}

    def worker():
        window["start"] = time.perf_counter()
        rstats.stdev(big)
        window["end"] = time.perf_counter()

    ticks = []
    t = threading.Thread(target=worker)
    t.start()
    while t.is_alive():
        ticks.append(time.perf_counter())
        time.sleep(0.0005)
    t.join()
    start, end = window["start"], window["end"]
    during = [x for x in ticks if start + 0.01 < x < end - 0.01]
    # Holding the GIL for the whole call would stop this loop until the call returned.
    assert end - start > 0.05, f"the call was too quick to tell ({end - start:.3f} s, n={len(big)})"
    assert len(during) >= 10, f"{len(during)} ticks during a {end - start:.3f} s call"
