"""Every way data can arrive — list, tuple, generator, iterator, other iterables, array.array,
memoryview — and every input the Rust core does not take (handed to `statistics`): the outcome
is always `statistics`' own on the same argument."""

import array
import itertools
import statistics
from decimal import Decimal
from enum import IntEnum
from fractions import Fraction

import pytest
import rstats
from hypothesis import given, settings
from hypothesis import strategies as st
from stats import stats_py

from helpers import PY, assert_same_outcome, datasets, decimals, outcome, same, small_ints

FUNCTIONS = ["mean", "median", "variance", "stdev", "pvariance", "pstdev", "quantiles"]


def both(name, make, **kwargs):
    """rstats and statistics on two fresh copies of the same argument."""
    got = outcome(getattr(rstats, name), make(), **kwargs)
    want = outcome(getattr(statistics, name), make(), **kwargs)
    assert_same_outcome(got, want, f"{name}({make()!r}, {kwargs})")


CONTAINERS = {
    "list": list,
    "tuple": tuple,
    "generator": lambda d: (x for x in d),
    "iterator": lambda d: iter(list(d)),
    "map": lambda d: map(lambda x: x, d),
    "chain": lambda d: itertools.chain(d),
    "dict keys": lambda d: dict.fromkeys(d),
    "reversed": lambda d: reversed(list(d)),
}


@pytest.mark.parametrize("container", CONTAINERS)
@settings(max_examples=60)
@given(data=datasets)
def test_containers(container, data):
    for name in FUNCTIONS:
        both(name, lambda: CONTAINERS[container](data))


@pytest.mark.parametrize("container", ["tuple", "generator"])
@settings(max_examples=60)
@given(data=datasets)
def test_compute_stats_containers(container, data):
    make = lambda: CONTAINERS[container](data)  # noqa: E731
    got = outcome(lambda: rstats.compute_stats(make()).to_dict())
    assert_same_outcome(got, outcome(stats_py, make()), repr(data))


@given(data=st.lists(decimals, max_size=20))
def test_array_double(data):
    for name in FUNCTIONS:
        both(name, lambda: array.array("d", data))
        both(name, lambda: memoryview(array.array("d", data)))


@given(data=st.lists(st.integers(-2 ** 63, 2 ** 63 - 1), max_size=20))
def test_array_int64(data):
    for code in ("q", "l"):
        for name in FUNCTIONS:
            both(name, lambda: array.array(code, data))


@given(data=st.lists(small_ints, max_size=20))
def test_array_other_codes(data):
    for code in ("b", "h", "i", "f", "Q"):
        values = [abs(x) for x in data] if code == "Q" else [max(-100, min(100, x)) for x in data]
        for name in FUNCTIONS:
            both(name, lambda: array.array(code, values))
    both("mean", lambda: bytes(abs(x) % 256 for x in data))
    both("median", lambda: bytearray(abs(x) % 256 for x in data))


def test_range_set_string():
    for name in FUNCTIONS:
        both(name, lambda: range(10))
        both(name, lambda: range(-5, 50, 7))
        both(name, lambda: {3, 1, 2.5})
        both(name, lambda: frozenset({1, 2}))
        both(name, lambda: "123")
        both(name, lambda: b"")


# --- what the core does not take: handed to statistics --------------------------------------------


class MyFloat(float):
    pass


class MyInt(int):
    pass


class Color(IntEnum):
    RED = 1
    GREEN = 2


DELEGATED = [
    [Decimal("1.1"), Decimal("2.2"), Decimal("3.5")],
    [Fraction(1, 3), Fraction(2, 7), 1],
    [Decimal("1.5"), 2],
    [MyFloat(1.5), 2.5, 3.0],
    [MyInt(2), 3, 4],
    [Color.RED, Color.GREEN, 2],
    [1, "2", 3],
    ["a", "b", "c"],
    ["a"],
    [None, 1],
    [1, None],
    [[1, 2], [3]],
    [1, [2]],
    [1 + 2j, 3],
    [float("inf"), 1.0],
    [float("nan"), 1.0, 2.0],
    [1.0, 2.0, float("-inf")],
    [Decimal("nan"), Decimal(1)],
    [object()],
]


@pytest.mark.parametrize("data", DELEGATED, ids=lambda d: repr(d)[:40])
@pytest.mark.parametrize("name", FUNCTIONS)
def test_delegated_inputs(name, data):
    for container in ("list", "tuple", "generator"):
        both(name, lambda: CONTAINERS[container](data))


@pytest.mark.parametrize("data", DELEGATED, ids=lambda d: repr(d)[:40])
def test_delegated_compute_stats(data):
    got = outcome(lambda: rstats.compute_stats(list(data)).to_dict())
    assert_same_outcome(got, outcome(stats_py, list(data)), repr(data))


@pytest.mark.parametrize("arg", [None, 5, 5.0, object(), True], ids=repr)
@pytest.mark.parametrize("name", FUNCTIONS)
def test_not_iterable(name, arg):
    both(name, lambda: arg)


def test_compute_stats_not_iterable():
    for arg in (None, 5, "abc", [1, "a"], ["b", "a"]):
        got = outcome(lambda: rstats.compute_stats(arg).to_dict())
        assert_same_outcome(got, outcome(stats_py, arg), repr(arg))


@pytest.mark.parametrize("data", [[1, 2, 3, 4], [1.5, 2.5, 7.25], [Decimal(1), Decimal(3)], []])
def test_xbar_and_mu(data):
    for xbar in (None, 2, 2.5, Decimal("2"), Fraction(5, 2), "x"):
        both("variance", lambda: list(data), xbar=xbar)
        both("stdev", lambda: list(data), xbar=xbar)
        both("pvariance", lambda: list(data), mu=xbar)
        both("pstdev", lambda: list(data), mu=xbar)
    # positionally too
    got = outcome(rstats.variance, list(data), 2)
    assert_same_outcome(got, outcome(statistics.variance, list(data), 2))


def test_quantiles_arguments():
    class Method(str):
        pass

    data = [1, 3, 5, 7, 9, 10, 13, 84, 528]
    for n in (4, 0, -3, 1, 7, True, False, 4.0, Decimal(4), "4", None):
        for method in ("exclusive", "inclusive", "x", Method("inclusive"), None, 1):
            both("quantiles", lambda: list(data), n=n, method=method)
            both("quantiles", lambda: [5], n=n, method=method)
            both("quantiles", lambda: [], n=n, method=method)
    for method in ("exclusive", "inclusive", "x", Method("exclusive"), None):
        got = outcome(lambda: rstats.compute_stats(list(data), method).to_dict())
        assert_same_outcome(got, outcome(stats_py, list(data), method))
        for short in ([], [3]):
            got = outcome(lambda: rstats.compute_stats(list(short), method).to_dict())
            assert_same_outcome(got, outcome(stats_py, list(short), method))


def test_keyword_arguments():
    assert same(rstats.mean(data=[1, 2]), statistics.mean(data=[1, 2]))
    assert same(rstats.quantiles(data=[1, 2, 3], n=2), statistics.quantiles(data=[1, 2, 3], n=2))
    assert same(rstats.variance(data=[1, 2, 4], xbar=None), statistics.variance([1, 2, 4]))
    assert same(rstats.compute_stats(numbers=[1, 2], method="inclusive").to_dict(),
                stats_py([1, 2], method="inclusive"))
    for bad in (lambda: rstats.quantiles([1, 2], 4), lambda: rstats.mean(),
                lambda: rstats.mean([1], [2]), lambda: rstats.variance([1, 2], bogus=1)):
        with pytest.raises(TypeError):
            bad()


def test_generator_left_as_statistics_leaves_it():
    """A generator with an item the core does not take is handed on lazily: afterwards it is in
    the state `statistics` would have left it in."""
    def items():
        yield from [1, 2.5, Decimal("3"), 4, "x", 5, 6]

    for name in ["mean", "variance", "stdev", "pvariance", "pstdev", "median", "quantiles"]:
        g1, g2 = items(), items()
        got = outcome(getattr(rstats, name), g1)
        want = outcome(getattr(statistics, name), g2)
        assert_same_outcome(got, want, name)
        assert list(g1) == list(g2), name


def test_iterator_raising_midway():
    def items():
        yield 1.0
        yield 2.0
        raise KeyError("boom")

    for name in FUNCTIONS:
        with pytest.raises(KeyError):
            getattr(rstats, name)(items())
        with pytest.raises(KeyError):
            getattr(statistics, name)(items())


def test_quantiles_n_checked_before_data_is_consumed():
    g1, g2 = iter([1, 2, 3]), iter([1, 2, 3])
    assert_same_outcome(outcome(rstats.quantiles, g1, n=0), outcome(statistics.quantiles, g2, n=0))
    assert list(g1) == list(g2) == [1, 2, 3]


class NoLen:
    def __init__(self, items):
        self.items = items

    def __iter__(self):
        return iter(self.items)


class WrongLen(NoLen):
    def __len__(self):
        return len(self.items) + 1


class HugeLen(NoLen):
    def __len__(self):
        return 2 ** 62


@pytest.mark.parametrize("kind", [NoLen, WrongLen, HugeLen])
@pytest.mark.parametrize("name", FUNCTIONS)
def test_iterables_without_a_true_len(kind, name):
    # CPython 3.9/3.10 call len(data) in mean/variance/stdev; 3.11+ do not.
    both(name, lambda: kind([1, 2, 3.5]))


def test_big_ints_round_trip():
    for x in (2 ** 63, -2 ** 63 - 1, 2 ** 64 + 1, 10 ** 400 + 7, -(10 ** 1000) - 3):
        assert same(rstats.median([x]), x)
        assert same(rstats.mean([x, x]), x)
        assert same(rstats.quantiles([x], n=3) if PY >= (3, 13) else [x, x], [x, x])


@pytest.mark.parametrize("sign", [1, -1])
def test_errors_met_in_sorted_order(sign):
    """`stats_py` computes on `sorted(numbers)`: CPython 3.9's `_ss` meets an int beyond the float
    range (`int too large to convert to float`) and an overflowing square
    (`(34, 'Numerical result out of range')`) in sorted order; `stdev` in the given order."""
    import itertools

    big = sign * (2 ** 1024 - 2 ** 970)
    for data in set(itertools.permutations([sign, sign, sign, sign, big])):
        data = list(data)
        got = outcome(lambda: rstats.compute_stats(list(data)).to_dict())
        assert_same_outcome(got, outcome(stats_py, list(data)), repr(data))
        for name in ("stdev", "variance", "pstdev"):
            both(name, lambda: list(data))
