"""`strict_numpy`: the two documented answers for a numpy array, each checked against CPython.

- default (`strict_numpy=False`): `statistics(arr.tolist())`, in Python ints and floats;
- `strict_numpy=True`: `statistics(arr)` itself, numpy scalar types, int64 truncation and all.

Both are compared with the running CPython's `statistics` on every dtype a user is likely to
hold (float64, float32, float16, int64, int32, uint8, bool, non-native byte order, strided
views), type for type and bit for bit, exceptions included.
"""

import math
import statistics
import warnings

import pytest
import rstats
from hypothesis import given
from hypothesis import strategies as st
from stats import stats_py

from helpers import same

np = pytest.importorskip("numpy")

FUNCTIONS = ["mean", "median", "variance", "stdev", "pvariance", "pstdev", "quantiles"]
DTYPES = [np.float64, np.float32, np.float16, np.int64, np.int32, np.uint8, np.bool_, ">f8", ">i8"]


def same_np(a, b):
    """Type for type (numpy scalar types included) and bit for bit; NaN is NaN; numpy's masked
    constant is itself."""
    if a is np.ma.masked or b is np.ma.masked:
        return a is b
    if type(a) is not type(b):
        return False
    if isinstance(a, (float, np.floating)):
        if math.isnan(a) or math.isnan(b):
            return bool(math.isnan(a) and math.isnan(b))
        return bool(a == b) and np.signbit(a) == np.signbit(b)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same_np(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same_np(a[k], b[k]) for k in a)
    return bool(a == b)


def run(fn, *args, **kwargs):
    """("ok", value) or ("raise", type, args), numpy's overflow warnings silenced."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            return ("ok", fn(*args, **kwargs))
        except Exception as e:  # the outcome is what is compared
            return ("raise", type(e), e.args)


def assert_same(got, want, context):
    ok = got[0] == want[0] and (
        same_np(got[1], want[1]) if got[0] == "ok" else got[1] is want[1] and got[2] == want[2])
    assert ok, f"{context}\n  rstats:     {got!r}\n  statistics: {want!r}"


def arrays(data):
    for dtype in DTYPES:
        values = [abs(x) % 256 for x in data] if dtype is np.uint8 else data
        arr = np.array(values).astype(dtype)
        yield arr
        yield np.repeat(arr, 2)[::2]  # a strided view


def check(arr):
    for name in FUNCTIONS:
        ours, theirs = getattr(rstats, name), getattr(statistics, name)
        context = f"{name}({arr!r}, dtype={arr.dtype})"
        assert_same(run(ours, arr, strict_numpy=True), run(theirs, arr), "strict " + context)
        assert_same(run(ours, arr, strict_numpy=False), run(theirs, arr.tolist()), context)
        assert_same(run(ours, arr), run(theirs, arr.tolist()), context)
    got = run(lambda: dict(rstats.compute_stats(arr, strict_numpy=True)))
    assert_same(got, run(stats_py, arr), f"strict compute_stats({arr!r})")
    got = run(lambda: dict(rstats.compute_stats(arr, "inclusive", strict_numpy=True)))
    assert_same(got, run(stats_py, arr, "inclusive"), f"strict compute_stats({arr!r}, inclusive)")
    got = run(lambda: dict(rstats.compute_stats(arr)))
    assert_same(got, run(stats_py, arr.tolist()), f"compute_stats({arr!r})")


@given(data=st.lists(st.integers(-1000, 1000), max_size=12))
def test_small_ints_in_every_dtype(data):
    for arr in arrays(data):
        check(arr)


@given(data=st.lists(st.integers(-100_000, 100_000).map(lambda i: i / 64), max_size=12))
def test_fractional_values(data):
    for dtype in (np.float64, np.float32, np.float16):
        check(np.array(data, dtype=dtype))


@given(data=st.lists(st.integers(-2 ** 63, 2 ** 63 - 1), min_size=1, max_size=10))
def test_large_int64_values(data):
    """Where numpy's 64-bit arithmetic wraps around: strict gives the wrapped answer."""
    check(np.array(data, dtype=np.int64))


def test_the_documented_examples():
    arr = np.array([5, 1, 4, 2, 8])
    strict = rstats.variance(arr, strict_numpy=True)
    assert type(strict) is np.int64 and strict == 7
    assert same(rstats.variance(arr), 7.5) and same(statistics.variance(arr.tolist()), 7.5)
    talk = np.array([1, 3, 5, 7, 9, 10, 13, 84, 528])
    assert same_np(rstats.mean(talk, strict_numpy=True), statistics.mean(talk))
    assert type(rstats.mean(talk, strict_numpy=True)) is np.int64
    assert same(rstats.mean(talk), 73.33333333333333)
    f32 = np.array([0.1, 0.2, 0.7], dtype=np.float32)
    assert type(rstats.mean(f32, strict_numpy=True)) is np.float32
    assert same(rstats.mean(f32), statistics.mean(f32.tolist()))


def test_what_statistics_does_with_other_dtypes():
    """The facts reference/EXTENSION.md states for float32, integer and bool arrays."""
    f32 = np.array([5, 1, 4, 2, 8], dtype=np.float32)
    assert type(statistics.mean(f32)) is np.float32 and statistics.mean(f32) == 4.0
    i32 = np.array([5, 1, 4, 2, 8], dtype=np.int32)
    assert type(statistics.variance(i32)) is np.int32 and statistics.variance(i32) == 7
    b = np.array([True, False, True])
    with pytest.raises(TypeError, match="can't convert type 'bool' to numerator/denominator"):
        statistics.mean(b)
    assert type(statistics.median(b)) is np.bool_
    assert same(rstats.mean(b), statistics.mean([True, False, True]))


def test_non_finite_and_odd_shapes():
    for arr in (np.array([1.0, np.inf]), np.array([np.nan, 1.0, 2.0]), np.array([]),
                np.array([3.5]), np.zeros((2, 2)), np.array(5.0), np.array([1, 2], dtype=object)):
        for name in FUNCTIONS:
            got = run(getattr(rstats, name), arr, strict_numpy=True)
            assert_same(got, run(getattr(statistics, name), arr), f"strict {name}({arr!r})")


def test_subclasses_of_ndarray_go_to_statistics_either_way():
    """An ndarray subclass is iterated like any iterable (its items are numpy scalars, which
    `statistics` handles), so with or without strict_numpy the answer is `statistics(arr)`'s."""

    class Tagged(np.ndarray):
        pass

    for arr in (np.array([1.0, 2.5, 4.0]).view(Tagged), np.array([5, 1, 4, 2, 8]).view(Tagged),
                np.ma.array([1.0, 2.5, 4.0]), np.ma.array([5, 1, 4, 2, 8], mask=[0, 0, 1, 0, 0])):
        for name in FUNCTIONS:
            want = run(getattr(statistics, name), arr)
            assert_same(run(getattr(rstats, name), arr, strict_numpy=True), want, name)
            assert_same(run(getattr(rstats, name), arr), want, name)


def test_strict_numpy_changes_nothing_for_other_data():
    import array

    for data in ([5, 1, 4, 2, 8], (0.5, 1.5, 4.0), array.array("q", [5, 1, 4, 2, 8]),
                 [np.int64(5), np.int64(1), np.int64(4)], range(1, 7)):
        for name in FUNCTIONS:
            want = run(getattr(statistics, name), data)
            assert_same(run(getattr(rstats, name), data, strict_numpy=True), want, name)
            assert_same(run(getattr(rstats, name), data, strict_numpy=False), want, name)


def test_strict_numpy_is_keyword_only():
    with pytest.raises(TypeError):
        rstats.mean(np.array([1.0]), True)
    with pytest.raises(TypeError):
        rstats.variance(np.array([1.0, 2.0]), None, True)
    with pytest.raises(TypeError):
        rstats.compute_stats(np.array([1.0, 2.0]), "exclusive", True)
