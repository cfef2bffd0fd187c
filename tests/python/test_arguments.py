"""Calls with wrong arguments: the same TypeError, word for word, as the running CPython's
`statistics` functions (and `stats_py` for `compute_stats`) raise for the same call — too many
positional arguments, unexpected or repeated keywords (3.13+: with "Did you mean"), missing data,
keyword-only arguments given positionally — checked in CPython's order."""

import inspect
import statistics

import pytest
import rstats
from stats import stats_py

from helpers import assert_same_outcome, outcome

DATA = [1.0, 2.5, 7.0]

# (args, kwargs) — the data is always a fresh list.
CALLS = [
    ((), {}),
    ((DATA,), {}),
    ((DATA, 1), {}),
    ((DATA, 1, 2), {}),
    ((DATA, 1, 2, 3), {}),
    ((), {"data": DATA}),
    ((), {"numbers": DATA}),
    ((DATA,), {"data": DATA}),
    ((DATA,), {"numbers": DATA}),
    ((DATA,), {"x": 1}),
    ((DATA,), {"x": 1, "data": DATA}),
    ((DATA,), {"data": DATA, "x": 1}),
    ((DATA, 1), {"x": 1}),
    ((DATA, 1, 2), {"x": 1}),
    ((), {"x": 1}),
    ((), {"n": 3}),
    ((DATA,), {"n": 3}),
    ((DATA, 4), {"n": 3}),
    ((DATA, 4, 5), {"n": 3, "method": "inclusive"}),
    ((DATA, 4), {"method": "inclusive"}),
    ((DATA,), {"n": 3, "method": "inclusive", "m": 1}),
    ((DATA,), {"xbar": 2.0}),
    ((DATA, 2.0), {"xbar": 2.0}),
    ((DATA,), {"mu": 2.0}),
    ((DATA, 2.0), {"mu": 2.0}),
    ((DATA,), {"method": "inclusive"}),
    ((DATA, "inclusive"), {"method": "inclusive"}),
    ((DATA, "inclusive", 3), {}),
    # near misses: CPython 3.13 suggests the parameter
    ((DATA,), {"dat": 1}),
    ((), {"Data": DATA}),
    ((DATA,), {"DATA": 1}),
    ((DATA,), {"metod": "inclusive"}),
    ((DATA,), {"methods": "inclusive"}),
    ((DATA,), {"N": 3}),
    ((DATA,), {"nn": 3}),
    ((DATA,), {"xbr": 2.0}),
    ((DATA,), {"mu_": 2.0}),
    ((DATA,), {"numbrs": DATA}),
    ((DATA,), {"méthod": "inclusive"}),
    ((DATA,), {"_": 1}),
    ((DATA,), {"a" * 50: 1}),
    ((DATA,), {"\udcff": 1}),
]

FUNCTIONS = ["mean", "median", "variance", "stdev", "pvariance", "pstdev", "quantiles"]


def fresh(args, kwargs):
    """New lists in place of DATA, so that neither side sees the other's objects."""
    args = tuple(list(a) if a is DATA else a for a in args)
    kwargs = {k: list(v) if v is DATA else v for k, v in kwargs.items()}
    return args, kwargs


@pytest.mark.parametrize("name", FUNCTIONS)
@pytest.mark.parametrize("call", CALLS, ids=repr)
def test_same_binding_as_statistics(name, call):
    args, kwargs = fresh(*call)
    got = outcome(getattr(rstats, name), *args, **kwargs)
    args, kwargs = fresh(*call)
    want = outcome(getattr(statistics, name), *args, **kwargs)
    assert_same_outcome(got, want, f"{name}(*{call[0]!r}, **{call[1]!r})")


@pytest.mark.parametrize("call", CALLS, ids=repr)
def test_compute_stats_binds_as_stats_py(call):
    """`compute_stats` is `stats_py` under another name: the same message with that name."""
    args, kwargs = fresh(*call)
    got = outcome(lambda: rstats.compute_stats(*args, **kwargs).to_dict())
    args, kwargs = fresh(*call)
    want = outcome(stats_py, *args, **kwargs)
    if want[0] == "raise" and want[1] is TypeError:
        message = want[2][0]
        assert message.startswith("stats_py() ")
        want = ("raise", TypeError, ("compute_stats() " + message[len("stats_py() "):],))
    assert_same_outcome(got, want, f"compute_stats(*{call[0]!r}, **{call[1]!r})")


def test_the_reported_message():
    with pytest.raises(TypeError) as e:
        rstats.mean([1.0], 1)
    assert str(e.value) == "mean() takes 1 positional argument but 2 were given"


def test_keywords_are_checked_before_the_count():
    """CPython looks at the keywords before counting the positional arguments."""
    with pytest.raises(TypeError) as e:
        rstats.quantiles([1, 2], 4, x=3)
    assert str(e.value).startswith("quantiles() got an unexpected keyword argument 'x'")


def with_strict_numpy(signature):
    """CPython's signature followed by rstats' keyword-only `strict_numpy=False`."""
    extra = inspect.Parameter("strict_numpy", inspect.Parameter.KEYWORD_ONLY, default=False)
    return signature.replace(parameters=[*signature.parameters.values(), extra])


@pytest.mark.parametrize("name", FUNCTIONS)
def test_signatures(name):
    expected = with_strict_numpy(inspect.signature(getattr(statistics, name)))
    assert inspect.signature(getattr(rstats, name)) == expected


def test_compute_stats_signature():
    expected = with_strict_numpy(inspect.signature(stats_py))
    assert str(inspect.signature(rstats.compute_stats)) == str(expected)


def test_explicit_defaults_are_the_defaults():
    data = [1, 3, 5, 7, 9, 10, 13, 84, 528]
    for name, kw in [("variance", "xbar"), ("stdev", "xbar"), ("pvariance", "mu"), ("pstdev", "mu")]:
        got = outcome(getattr(rstats, name), list(data), **{kw: None})
        assert_same_outcome(got, outcome(getattr(statistics, name), list(data)), name)
        got = outcome(getattr(rstats, name), list(data), None)
        assert_same_outcome(got, outcome(getattr(statistics, name), list(data)), name)
    got = outcome(rstats.quantiles, list(data), n=4, method="exclusive")
    assert_same_outcome(got, outcome(statistics.quantiles, list(data)))
