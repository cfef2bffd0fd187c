"""Every argument is iterated once, and what `statistics` is handed after rstats has read some of
it shows `statistics` what the caller's object would have shown: objects that claim a length but
can be iterated only once (their `__iter__` returns one shared iterator), objects whose
`__iter__` is a generator over a shared iterator, re-iterable objects with a wrong `len()`,
iterators that raise part way, generators — for every function and `compute_stats`, compared
with `statistics` / `stats_py` on a fresh equal object, the object's leftover items included."""

import math
from decimal import Decimal
from fractions import Fraction

import pytest
import rstats
import statistics
from hypothesis import given, settings
from hypothesis import strategies as st
from stats import stats_py

from helpers import assert_same_outcome, datasets, outcome

FUNCTIONS = ["mean", "median", "variance", "stdev", "pvariance", "pstdev", "quantiles"]


class Once:
    """Claims a length; every `iter()` returns the same iterator (iterable once)."""

    def __init__(self, items):
        self.items = list(items)
        self.it = iter(self.items)

    def __len__(self):
        return len(self.items)

    def __iter__(self):
        return self.it

    def rest(self):
        """The items left in the shared iterator, and how it ended."""
        left = []
        try:
            for x in self.it:
                left.append(x)
        except Exception as e:  # how it ends is compared
            return left, type(e)
        return left, None


class OnceGenerator(Once):
    """A new generator on every `iter()`, all drawing from one shared iterator."""

    def __iter__(self):
        yield from self.it


class OnceWrongLen(Once):
    def __len__(self):
        return len(self.items) + 1


class Again(Once):
    """Re-iterable, with a `len()` one too small."""

    def __len__(self):
        return max(0, len(self.items) - 1)

    def __iter__(self):
        return iter(self.items)

    def rest(self):
        return None


class OnceRaising(Once):
    """Iterable once, and its iterator raises after the items."""

    def __init__(self, items):
        super().__init__(items)

        def gen():
            yield from self.items
            raise KeyError("end of items")

        self.it = gen()


class Generator:
    """A generator (an iterator: `iter(g) is g`)."""

    def __init__(self, items):
        self.it = (x for x in list(items))

    def make(self):
        return self.it

    def rest(self):
        return list(self.it)


KINDS = [Once, OnceGenerator, OnceWrongLen, Again, OnceRaising]

CASES = [
    [3.0, 1.0, Decimal("2.5"), 7.0],
    [3.0, 1.0, 2.5, 7.0],
    [3, 1, 4, 1, 5],
    [3, 1.5, True, 2 ** 70],
    [1.0, "x", 2.0, 3.0],
    [1.0, 2.0, Fraction(1, 3), 4.0, 5.0],
    [Decimal(1), 2.0, 3.0],
    [1.0, 2.0, float("nan"), 3.0],
    [1.0, float("inf"), 2.0],
    [],
    [5.0],
    [5, 6],
    [1e308, -1e308, 1.7e308],
    [-(2 ** 1024 - 2 ** 970), -1, -1, -1, -1],
]


def subject(kind, items):
    obj = kind(items)
    return obj, obj.rest


def compare(call_rstats, call_reference, kind, items, label):
    mine, mine_rest = subject(kind, items)
    theirs, their_rest = subject(kind, items)
    got = outcome(call_rstats, mine)
    want = outcome(call_reference, theirs)
    assert_same_outcome(got, want, f"{label} on {kind.__name__}({items!r})")
    assert mine_rest() == their_rest(), f"{label}: leftover items of {kind.__name__}({items!r})"


@pytest.mark.parametrize("items", CASES, ids=repr)
@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.__name__)
@pytest.mark.parametrize("name", FUNCTIONS)
def test_functions(name, kind, items):
    compare(getattr(rstats, name), getattr(statistics, name), kind, items, name)


@pytest.mark.parametrize("items", CASES, ids=repr)
@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.__name__)
def test_compute_stats(kind, items):
    compare(lambda d: rstats.compute_stats(d).to_dict(), stats_py, kind, items, "compute_stats")


@pytest.mark.parametrize("items", CASES, ids=repr)
def test_generators_and_iterators(items):
    for name in FUNCTIONS:
        for make in (lambda: (x for x in list(items)), lambda: iter(list(items))):
            g1, g2 = make(), make()
            assert_same_outcome(outcome(getattr(rstats, name), g1),
                                outcome(getattr(statistics, name), g2), name)
            assert list(g1) == list(g2), name
    g1, g2 = iter(list(items)), iter(list(items))
    assert_same_outcome(outcome(lambda: rstats.compute_stats(g1).to_dict()), outcome(stats_py, g2))


def test_the_reported_case():
    """`mean` of a once-iterable object with a Decimal among floats: statistics' TypeError."""
    # CPython 3.11+ name the two types in a set's order, which varies from run to run.
    message = "don't know how to coerce (float and Decimal|Decimal and float)"
    with pytest.raises(TypeError, match=message):
        statistics.mean(Once([3.0, 1.0, Decimal("2.5"), 7.0]))
    with pytest.raises(TypeError, match=message):
        rstats.mean(Once([3.0, 1.0, Decimal("2.5"), 7.0]))


def test_quantiles_arguments_with_once_iterables():
    for items in CASES:
        for n, method in [(4, "inclusive"), (10, "exclusive"), (2, "bogus"), (4.0, "exclusive")]:
            compare(lambda d: rstats.quantiles(d, n=n, method=method),
                    lambda d: statistics.quantiles(d, n=n, method=method), Once, items, "quantiles")


def test_each_item_is_read_once():
    """The caller's `__iter__` and `__next__` are used no more than `statistics` uses them."""
    class Counting(Once):
        def __init__(self, items):
            super().__init__(items)
            self.nexts = 0
            inner = self.it

            def counted():
                for x in inner:
                    self.nexts += 1
                    yield x

            self.it = counted()

    for name in FUNCTIONS:
        for items in ([1.0, 2.0, 3.0], [1.0, Decimal(2), 3.0]):
            mine, theirs = Counting(items), Counting(items)
            outcome(getattr(rstats, name), mine)
            outcome(getattr(statistics, name), theirs)
            assert mine.nexts == theirs.nexts, name


@settings(max_examples=40)
@given(data=datasets, extra=st.sampled_from([None, Decimal("1.5"), Fraction(1, 3), "s", math.inf]),
       position=st.integers(0, 30))
def test_random_data(data, extra, position):
    items = list(data)
    if extra is not None:
        items.insert(min(position, len(items)), extra)
    for kind in KINDS:
        for name in FUNCTIONS:
            compare(getattr(rstats, name), getattr(statistics, name), kind, items, name)
        compare(lambda d: rstats.compute_stats(d).to_dict(), stats_py, kind, items, "compute_stats")
