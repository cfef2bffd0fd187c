"""Every exported function against the running interpreter's `statistics`, bit for bit and type
for type, on random data (Hypothesis) and on the edge cases of reference/SEMANTICS.md."""

import sys
import math
import statistics

import pytest
import rstats
from hypothesis import given
from hypothesis import strategies as st
from stats import stats_py

from helpers import (
    EDGE_FLOATS,
    EDGE_INTS,
    PY,
    assert_same_outcome,
    datasets,
    float_lists,
    int_lists,
    outcome,
    same,
)

FUNCTIONS = ["mean", "median", "variance", "stdev", "pvariance", "pstdev"]
TALK = [1, 3, 5, 7, 9, 10, 13, 84, 528]


def check(name, data, **kwargs):
    got = outcome(getattr(rstats, name), list(data), **kwargs)
    want = outcome(getattr(statistics, name), list(data), **kwargs)
    assert_same_outcome(got, want, f"{name}({data!r}, {kwargs})")


def check_stats(data, method="exclusive"):
    got = outcome(lambda: rstats.compute_stats(list(data), method).to_dict())
    want = outcome(stats_py, list(data), method)
    assert_same_outcome(got, want, f"compute_stats({data!r}, {method!r})")


def test_talk():
    assert rstats.mean(TALK) == 73.33333333333333
    assert rstats.quantiles(TALK) == [4.0, 9.0, 48.5]
    s = rstats.compute_stats(TALK)
    assert s.to_dict() == {"range": 527.0, "quartiles": [4.0, 9.0, 48.5],
                           "mean": 73.33333333333333, "stddev": 172.43622009311153}
    assert repr(s) == ("StatisticsResponse(range=527.0, quartiles=[4.0, 9.0, 48.5], "
                       "mean=73.33333333333333, stddev=172.43622009311153)")
    check_stats(TALK)


def test_profile_matches_interpreter():
    # The release itself, micro version included (behaviour changes reach patch releases).
    assert rstats.PROFILE == "%d.%d.%d" % sys.version_info[:3]


def test_statistics_error_is_statistics_error():
    assert rstats.StatisticsError is statistics.StatisticsError
    with pytest.raises(statistics.StatisticsError):
        rstats.mean([])


@pytest.mark.parametrize("name", FUNCTIONS)
@given(data=datasets)
def test_function(name, data):
    check(name, data)


@given(
    data=datasets,
    n=st.one_of(st.integers(1, 12), st.integers(-2, 0), st.sampled_from([100, 1000])),
    method=st.sampled_from(["exclusive", "inclusive"]),
)
def test_quantiles(data, n, method):
    check("quantiles", data, n=n, method=method)


@given(data=datasets, method=st.sampled_from(["exclusive", "inclusive"]))
def test_compute_stats(data, method):
    check_stats(data, method)


@pytest.mark.parametrize("name", FUNCTIONS + ["quantiles", "compute_stats"])
@given(data=st.one_of(float_lists, int_lists).filter(lambda d: len(d) >= 2))
def test_long_lists(name, data):
    # Longer inputs, over the GIL-release threshold (1024 values).
    data = (data * (1100 // len(data) + 1))[:1100]
    if name == "compute_stats":
        check_stats(data)
    else:
        check(name, data)



def _two_thread_inputs():
    # compute_stats reads inputs of 65,536 values or more on two threads (the extremes and the
    # sums on one, the quartiles on the other): the same outcome as stats_py all the same.
    import random

    rng = random.Random(65536)
    n = 70_000
    floats = [round(rng.lognormvariate(0, 2), 3) for _ in range(n)]
    ints = [rng.randrange(-10 ** 6, 10 ** 6) for _ in range(n)]
    return {
        "floats": floats,
        "ints": ints,
        "mixed with big ints": [x if i % 3 else 10 ** 30 + i for i, x in enumerate(ints)],
        "ints and floats": [float(x) if i % 2 else x for i, x in enumerate(ints)],
        "signed zeros": [0.0, -0.0] * (n // 2),
        "nan inside": floats[:100] + [math.nan] + floats[100:],
        "one repeated": [7] * n,
    }


@pytest.mark.parametrize("label", list(_two_thread_inputs()))
def test_compute_stats_two_threads(label):
    data = _two_thread_inputs()[label]
    for method in ("exclusive", "inclusive"):
        got = outcome(lambda: rstats.compute_stats(data, method).to_dict())
        want = outcome(stats_py, data, method)
        assert_same_outcome(got, want, f"compute_stats(<{label}, {len(data)} values>, {method!r})")

EDGE_CASES = [
    [], [1], [1.0], [-0.0], [True], [5], [1, 2], [1, 3, 5], [1, 3, 5, 7], [True, False],
    [True, True], [True, False, True], [1.0, 1, 1], [1, 1.0, 1], [0.0, -0.0, 0.0], [-0.0, -0.0],
    [-0.0, 0.0], [2 ** 53 + 1, 2 ** 53 + 1], [0.5, 2 ** 53 + 1], [10 ** 308, 17 * 10 ** 307],
    [1e308, 1.7e308], [10 ** 400, 10 ** 400], [10 ** 400, 10 ** 400 + 2], [10 ** 400, 10 ** 400 + 1],
    [10 ** 400, 1.0], [2 ** 64 + 1, 1], [2 ** 53, 1], [1e50, 1.0, -1e50], [1e308, 1e308],
    [5e-324, 0.0], [5e-324, 0.0, 0.0], [60.2, 4.79, 11.71], [76.1, 37.29], [0, 0, 0, 2],
    [0, 2 * 10 ** 200], [1e200, -1e200], [10 ** 400, -10 ** 400, 1], [1.7e308, -1.7e308],
    [-10 ** 308, 10 ** 308], [0.25, 2 ** 53 + 3], [10 ** 400, 10 ** 400 + 5], [-1.7e308, 1.7e308],
    [2 ** 53 + 2, float(2 ** 53 + 2), 0], [float(2 ** 53 + 2), 2 ** 53 + 2, 0],
    [2 ** 53 + 1, 9007199254740992.0], [1, 2, 3, 4, 5, 6, 10 ** 400], TALK,
    [math.inf, 1.0], [math.inf, -math.inf], [-math.inf, 1e308, 1e308], [math.nan, 1.0],
    [math.nan, 2.0, 1.0], [2.0, 1.0, math.nan, 3.0], [math.inf], [-math.inf], [math.nan],
    [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, math.inf], EDGE_FLOATS, EDGE_INTS, EDGE_FLOATS + EDGE_INTS,
]


@pytest.mark.parametrize("data", EDGE_CASES, ids=lambda d: repr(d)[:60])
def test_edge_cases(data):
    for name in FUNCTIONS:
        check(name, data)
    for n in (-1, 0, 1, 2, 3, 4, 5, 10):
        for method in ("exclusive", "inclusive", "x"):
            check("quantiles", data, n=n, method=method)
    for method in ("exclusive", "inclusive", "x"):
        check_stats(data, method)


def test_exact_types_of_results():
    assert type(rstats.mean([1, 2, 3])) is int
    assert type(rstats.mean([True, True])) is int
    assert rstats.median([True, False, True]) is True
    assert same(rstats.median([0.0, -0.0, 0.0]), -0.0)
    assert same(rstats.mean([10 ** 400, 10 ** 400 + 2]), 10 ** 400 + 1)
    assert type(rstats.variance([1, 2, 3])) is int
    assert type(rstats.stdev([1, 2, 3])) is float


def test_optimized_interpreter():
    """`python -O` strips CPython 3.8/3.9's `assert not total < 0` in `_ss`: rstats then gives
    what the stripped code computes (it hands the input to `statistics`)."""
    import subprocess
    import sys

    code = (
        "import rstats, statistics\n"
        "def o(f, d):\n"
        "    try: return repr(f(d))\n"
        "    except Exception as e: return type(e).__name__ + repr(e.args)\n"
        "for d in ([5e-324, 0.0], [5e-324, 0.0, 0.0], [1.0, 2.0]):\n"
        "    for n in ('variance', 'stdev', 'pvariance', 'pstdev'):\n"
        "        print(n, d, o(getattr(rstats, n), d), o(getattr(statistics, n), d), sep='|')\n"
    )
    for flags in ([], ["-O"]):
        out = subprocess.run([sys.executable, *flags, "-c", code], capture_output=True, text=True,
                             timeout=60, check=True).stdout
        for line in out.splitlines():
            _, _, got, want = line.split("|")
            assert got == want, (flags, line)
