"""No leaks: every rstats function, called many times on the fast path (lists, tuples, generators
of ints, big ints and floats; numpy float64/int64 arrays; array.array), the delegate path
(Decimal, Fraction, NaN, float subclasses, xbar/mu) and the error paths (empty, one point, bad
n and method, strings), leaves behind

- the reference counts of its inputs and of every item in them unchanged (a missing Py_DECREF in
  the binding shows up here first),
- Python's heap as it was: tracemalloc's traced memory grows by less than a few bytes a call,
- the number of gc-tracked objects as it was,
- and, for large inputs computed in Rust with the GIL released, the process's resident memory
  flat (tracemalloc does not see Rust's allocations; a leaked scratch buffer would).

Each check is measured after a warm-up (first calls fill caches) and must be able to fail:
`test_the_checks_catch_a_leak` runs the same measurements on deliberately leaking Python
functions and asserts that each one trips.
"""

import array
import gc
import pickle
import sys
import tracemalloc
from decimal import Decimal
from fractions import Fraction

import pytest

import rstats

np = pytest.importorskip("numpy")

FUNCTIONS = ["mean", "median", "variance", "stdev", "pvariance", "pstdev", "quantiles",
             "compute_stats"]
WARMUP = 30
FAST_CALLS = 600  # rounds per case on the fast and error paths (each round calls every function)
SLOW_CALLS = 120  # rounds per case on the delegate path and big ints (slower)
# tracemalloc: allowed growth over a measured run (interpreter noise: free lists, a dict
# resizing), and per round. One leaked float (24 bytes) a round is well over both. The heap is
# measured over two runs one after the other and the smaller growth counts: a leak grows in
# both, a one-off (a cache filling, an arena) in one.
HEAP_SLACK = 2048
HEAP_PER_CALL = 1
GC_SLACK = 10  # gc-tracked objects that may come or go over a measured run


def fresh_ints(values):
    """Ints that are their own objects (not the small-int cache), so their refcounts are ours.

    The cache holds -5 to 256 up to CPython 3.14 and -5 to 1024 from 3.15 on (its ints are
    immortal: sys.getrefcount reports a constant), hence an offset well above both."""
    return [int(str(v)) + 1_000_000 for v in values]


def fresh_floats(values):
    return [float(v) + 0.25 for v in values]


class MyFloat(float):
    pass


# Persistent inputs: their refcounts and their items' are compared before and after.
TALK = fresh_ints([1, 3, 5, 7, 9, 10, 13, 84, 528])
FLOATS = fresh_floats(range(-50, 50))
BIG = [2 ** 70 + i for i in range(8)] + [-(2 ** 80) - i for i in range(8)]
MIXED = [x for pair in zip(fresh_ints(range(30)), fresh_floats(range(30))) for x in pair] + [True]
DECIMALS = [Decimal(i) / 7 for i in range(8)]
FRACTIONS = [Fraction(i, 7) for i in range(8)]
WITH_NAN = fresh_floats(range(10)) + [float("nan")]
SUBCLASS = [MyFloat(i) + 0.5 for i in range(10)]
STRINGS = ["1", "2", "3"]
ONE = fresh_floats([3])
TUPLE = tuple(FLOATS)
EMPTY = []
F64 = np.linspace(-1e3, 1e3, 200)
I64 = np.arange(-100, 100, dtype=np.int64) * 12345
STRIDED = np.linspace(0, 1, 400)[::2]
ARRAY_D = array.array("d", FLOATS)
RESPONSE = rstats.compute_stats(TALK)
RESPONSE_DICT = RESPONSE.to_dict()


def call_all(data, **kwargs):
    """Every function on one input, whatever each raises (the error paths are paths too)."""
    for name in FUNCTIONS:
        try:
            getattr(rstats, name)(data, **kwargs)
        except (rstats.StatisticsError, TypeError, ValueError, IndexError, AttributeError):
            pass


def attempt(fn, *args, **kwargs):
    try:
        fn(*args, **kwargs)
    except (rstats.StatisticsError, TypeError, ValueError, IndexError):
        pass


def response_methods():
    r = RESPONSE
    r.range, r.quartiles, r.mean, r.stddev
    r.to_dict()
    r == RESPONSE_DICT, r == RESPONSE, r != 3
    hash(r)
    repr(r)
    pickle.loads(pickle.dumps(r))


# name: (call, calls, the persistent objects whose refcounts (and items') are checked)
CASES = {
    "list of ints": (lambda: call_all(TALK), FAST_CALLS, [TALK]),
    "tuple of floats": (lambda: call_all(TUPLE), FAST_CALLS, [TUPLE]),
    "list of big ints": (lambda: call_all(BIG), SLOW_CALLS, [BIG]),
    "mixed list": (lambda: call_all(MIXED), FAST_CALLS, [MIXED]),
    "generator": (lambda: call_all(x for x in FLOATS), FAST_CALLS, [FLOATS]),
    "inclusive, n=10": (lambda: (attempt(rstats.quantiles, FLOATS, n=10, method="inclusive"),
                                 attempt(rstats.compute_stats, FLOATS, "inclusive")),
                        FAST_CALLS, [FLOATS]),
    "numpy float64": (lambda: call_all(F64), FAST_CALLS, [F64]),
    "numpy int64": (lambda: call_all(I64), FAST_CALLS, [I64]),
    "numpy strided": (lambda: call_all(STRIDED), FAST_CALLS, [STRIDED]),
    "array.array": (lambda: call_all(ARRAY_D), FAST_CALLS, [ARRAY_D]),
    "StatisticsResponse": (response_methods, FAST_CALLS, [RESPONSE, RESPONSE_DICT]),
    "empty": (lambda: call_all(EMPTY), FAST_CALLS, [EMPTY]),
    "one point": (lambda: call_all(ONE), FAST_CALLS, [ONE]),
    "bad n and method": (lambda: (attempt(rstats.quantiles, TALK, n=0),
                                  attempt(rstats.quantiles, TALK, method="nope"),
                                  attempt(rstats.compute_stats, TALK, "nope"),
                                  attempt(rstats.compute_stats, TALK, 3)),
                         FAST_CALLS, [TALK]),
    "not iterable": (lambda: call_all(42), FAST_CALLS, []),
    "strings": (lambda: call_all(STRINGS), SLOW_CALLS, [STRINGS]),
    "Decimal": (lambda: call_all(DECIMALS), SLOW_CALLS, [DECIMALS]),
    "Fraction": (lambda: call_all(FRACTIONS), SLOW_CALLS, [FRACTIONS]),
    "NaN": (lambda: call_all(WITH_NAN), SLOW_CALLS, [WITH_NAN]),
    "float subclass": (lambda: call_all(SUBCLASS), SLOW_CALLS, [SUBCLASS]),
    "xbar and mu": (lambda: (attempt(rstats.variance, FLOATS, FLOATS[0]),
                             attempt(rstats.pstdev, FLOATS, mu=FLOATS[1])),
                    SLOW_CALLS, [FLOATS]),
}


def refcounts(objects):
    """The refcount of each object and of each item of a list, tuple or array of objects."""
    counts = []
    for obj in objects:
        counts.append(sys.getrefcount(obj))
        if isinstance(obj, (list, tuple)):
            counts.extend(sys.getrefcount(x) for x in obj)
        elif isinstance(obj, dict):
            counts.extend(sys.getrefcount(v) for v in obj.values())
    return counts


def settle():
    """Full collections until the number of gc-tracked objects holds still (at most five).

    One collection is not always a baseline: from CPython 3.14 on, the next one may still
    untrack objects (seen: constant tuples of modules imported just before, numpy's at the
    first test of a run), which would count as gc-tracked objects gone during the run."""
    count = None
    for _ in range(5):
        gc.collect()
        now = len(gc.get_objects())
        if now == count:
            return
        count = now


def measure(call, calls, objects):
    """(refcounts before, after), traced heap growth in bytes over `calls` calls (the smaller of
    two runs), gc-tracked objects growth over both runs. Full collections (each costs
    milliseconds) until the heap settles before the runs, then one between them and one after."""
    tracemalloc.start()
    try:
        for _ in range(WARMUP):
            call()
        settle()
        heap, tracked, counts = [], [], []
        for run in range(3):
            if run:
                for _ in range(calls):
                    call()
            gc.collect()
            heap.append(tracemalloc.get_traced_memory()[0])
            if run != 1:
                tracked.append(len(gc.get_objects()))
                counts.append(refcounts(objects))
    finally:
        tracemalloc.stop()
    heap_growth = min(heap[1] - heap[0], heap[2] - heap[1])
    return (counts[0], counts[1]), heap_growth, tracked[1] - tracked[0]


def leaks(call, calls, objects):
    """What leaked, in words; empty when nothing did."""
    (before, after), heap, tracked = measure(call, calls, objects)
    found = []
    if before != after:
        changed = [(i, a, b) for i, (a, b) in enumerate(zip(before, after)) if a != b]
        found.append(f"refcounts changed (index, before, after): {changed[:5]}")
    if heap > HEAP_SLACK + HEAP_PER_CALL * calls:
        found.append(f"traced heap grew {heap} bytes over {calls} calls")
    if abs(tracked) > GC_SLACK:
        found.append(f"gc-tracked objects changed by {tracked} over {2 * calls} calls")
    return found


@pytest.mark.parametrize("case", list(CASES))
def test_no_leak(case):
    call, calls, objects = CASES[case]
    assert leaks(call, calls, objects) == []


def rss_kib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS in /proc/self/status")


LARGE = fresh_floats(range(200_000))
LARGE_ARRAY = np.array(LARGE)
RSS_CALLS = 40
RSS_SLACK_KIB = 24 * 1024  # a leaked scratch copy of LARGE (1.6-3.2 MB a call) is 64-128 MiB


def rss_growth_kib(call):
    for _ in range(5):
        call()
    start = rss_kib()
    for _ in range(RSS_CALLS):
        call()
    gc.collect()
    return rss_kib() - start


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")
def test_large_inputs_leave_resident_memory_flat():
    # Large lists and arrays are read and computed in Rust without the GIL: the Vec of values,
    # the sorting scratch and the exact sums are Rust allocations, outside tracemalloc's view.
    def call():
        rstats.compute_stats(LARGE)
        rstats.median(LARGE)
        rstats.quantiles(LARGE_ARRAY, n=10)
        rstats.stdev(LARGE_ARRAY)

    growth = rss_growth_kib(call)
    assert growth < RSS_SLACK_KIB, f"resident memory grew {growth} KiB over {RSS_CALLS} rounds"


_SINK = []


def test_the_checks_catch_a_leak():
    """Sanity: the same measurements on functions that do leak, one way each."""
    keep_item = lambda: _SINK.append(TALK[0])  # a reference to an input's item, never released
    assert any("refcounts" in f for f in leaks(keep_item, 200, [TALK]))
    heap = lambda: _SINK.append(str(len(_SINK)) + "x")  # a new small object a call
    assert any("traced heap" in f for f in leaks(heap, 200, []))
    tracked = lambda: _SINK.append([])  # a new gc-tracked object a call
    assert any("gc-tracked" in f for f in leaks(tracked, 200, []))
    # The exact thing the binding could get wrong: one Py_INCREF too many on each item read.
    incref_items = lambda: _SINK.extend(MIXED)
    found = leaks(incref_items, 100, [MIXED])
    assert any("refcounts" in f for f in found) and any("traced heap" in f for f in found)
    big = lambda: _SINK.append(b"x" * (1 << 20))  # memory outside Python's small objects
    assert rss_growth_kib(big) >= RSS_SLACK_KIB
    _SINK.clear()
