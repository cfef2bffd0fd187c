"""numpy arrays: what `statistics` itself does with them, and what rstats promises instead.

`statistics` iterates an array and computes on numpy scalars. Measured on CPython 3.9-3.13 with
numpy 2.x (see test_what_statistics_does_with_numpy below):

- float64 arrays: the values are right, but `mean`, `median`, `variance`, `pvariance` and
  `quantiles` return `numpy.float64` (a float subclass), `stdev`/`pstdev` a float; overflow gives
  numpy's `inf` with a RuntimeWarning where Python floats raise OverflowError.
- int64 arrays: numpy's 64-bit arithmetic: `mean([1, 3, 5, 7, 9, 10, 13, 84, 528])` is
  `np.int64(73)` (truncated; the Python answer is 73.33333333333333), sums wrap around silently,
  `stdev` of that array is 172.43549518588102 on 3.9 (Python: 172.43622009311153), and on 3.11+
  `stdev`/`pstdev` raise `AttributeError: 'numpy.int64' object has no attribute 'bit_length'`
  (numpy 2.0-2.2, the versions ci/requirements-python.txt pins).

So "the same outcome as statistics" cannot mean `statistics(arr)` for arrays. rstats' contract
for a 1-D numpy array is **`statistics` on `arr.tolist()`** — the Python numbers the array holds:
float64/int64 arrays are read through the buffer protocol (no Python objects), other dtypes
through `tolist()`. 2-D and 0-d arrays (which `statistics` rejects) are handed to `statistics`.
The keyword `strict_numpy=True` gives `statistics(arr)`'s own answer instead:
test_numpy_strict.py.
"""

import statistics

import pytest
import rstats
from hypothesis import given
from hypothesis import strategies as st
from stats import stats_py

from helpers import PY, assert_same_outcome, decimals, floats, outcome, same

np = pytest.importorskip("numpy")

FUNCTIONS = ["mean", "median", "variance", "stdev", "pvariance", "pstdev", "quantiles"]
TALK = [1, 3, 5, 7, 9, 10, 13, 84, 528]


def as_tolist(name, arr, **kwargs):
    got = outcome(getattr(rstats, name), arr, **kwargs)
    want = outcome(getattr(statistics, name), arr.tolist(), **kwargs)
    assert_same_outcome(got, want, f"{name}({arr!r} {arr.dtype}, {kwargs})")


@given(data=st.lists(st.one_of(floats, decimals), max_size=30))
def test_float64(data):
    for arr in (np.array(data, dtype=np.float64), np.array(data, dtype=">f8"),
                np.array(data + data, dtype=np.float64)[::2]):
        for name in FUNCTIONS:
            as_tolist(name, arr)
        got = outcome(lambda: rstats.compute_stats(arr).to_dict())
        assert_same_outcome(got, outcome(stats_py, arr.tolist()))


@given(data=st.lists(st.integers(-2 ** 63, 2 ** 63 - 1), max_size=30))
def test_int64(data):
    for arr in (np.array(data, dtype=np.int64), np.array(data, dtype=">i8")):
        for name in FUNCTIONS:
            as_tolist(name, arr)
        got = outcome(lambda: rstats.compute_stats(arr).to_dict())
        assert_same_outcome(got, outcome(stats_py, arr.tolist()))


@given(data=st.lists(st.integers(-100, 100), max_size=20))
def test_other_dtypes(data):
    for dtype in (np.float32, np.float16, np.int32, np.int8, np.uint8, np.uint64, np.bool_):
        arr = np.array([abs(x) for x in data] if dtype in (np.uint8, np.uint64) else data).astype(dtype)
        for name in FUNCTIONS:
            as_tolist(name, arr)


def test_non_finite_float64():
    for data in ([1.0, np.inf], [np.nan, 1.0, 2.0], [-np.inf], [np.inf, -np.inf, 3.0]):
        for name in FUNCTIONS:
            as_tolist(name, np.array(data))


def test_empty_and_short():
    for data in ([], [1.0], [2]):
        for name in FUNCTIONS:
            as_tolist(name, np.array(data))


def test_not_one_dimensional():
    for arr in (np.zeros((2, 2)), np.array(5.0), np.array([[1, 2], [3, 4]])):
        for name in FUNCTIONS:
            got = outcome(getattr(rstats, name), arr)
            want = outcome(getattr(statistics, name), arr)
            assert got[0] == want[0] == "raise" and got[1] is want[1], (name, arr, got, want)


def test_object_array_and_numpy_scalars_in_lists():
    from decimal import Decimal

    for name in FUNCTIONS:
        arr = np.array([Decimal(1), Decimal("2.5")], dtype=object)
        assert_same_outcome(outcome(getattr(rstats, name), arr), outcome(getattr(statistics, name), arr))
        mixed = [np.float64(1.5), 2.0, np.float64(4.0)]
        assert_same_outcome(outcome(getattr(rstats, name), list(mixed)),
                            outcome(getattr(statistics, name), list(mixed)))


def test_talk_int64_array():
    arr = np.array(TALK)
    assert same(rstats.mean(arr), 73.33333333333333)
    assert same(rstats.compute_stats(arr).to_dict(), stats_py(TALK))


def test_what_statistics_does_with_numpy():
    """The facts the module docstring states (so a numpy or CPython upgrade that changes them is
    noticed)."""
    f = np.array([1.0, 2.0, 4.0, 7.5])
    for name in ["mean", "median", "variance", "pvariance"]:
        s = getattr(statistics, name)(f)
        r = getattr(rstats, name)(f)
        assert type(s) is np.float64 and type(r) is float and s == r
    assert all(type(x) is np.float64 for x in statistics.quantiles(f))
    assert statistics.quantiles(f) == rstats.quantiles(f)
    assert type(statistics.stdev(f)) is float and statistics.stdev(f) == rstats.stdev(f)

    i = np.array(TALK)
    with np.errstate(all="ignore"):
        assert statistics.mean(i) == 73 and type(statistics.mean(i)) is np.int64
        if PY >= (3, 11):
            with pytest.raises(AttributeError, match="'numpy.int64' object has no attribute 'bit_length'"):
                statistics.stdev(i)
        elif PY < (3, 10):
            assert statistics.stdev(i) == 172.43549518588102
    assert rstats.mean(i) == 73.33333333333333
    assert rstats.stdev(i) == 172.43622009311153
