"""`compute_stats` returns a `StatisticsResponse` that works wherever `stats_py`'s dict is used:
a read-only `collections.abc.Mapping` with the same keys, values (type for type, bit for bit)
and order, and the dict's errors for other keys."""

import collections.abc
import json
import pickle
import types
from decimal import Decimal
from fractions import Fraction

import pytest
import rstats
from hypothesis import given
from stats import stats_py

from helpers import PY, datasets, outcome, same, same_outcome

INPUTS = [
    [1, 3, 5, 7, 9, 10, 13, 84, 528],  # the talk's
    [1.5, -2.25, 1e16, 3.0],
    [1, 2, 3, 4],
    [1, 2, 3],  # an int mean
    [True, 2, 3.5, 2 ** 70],
    (0.1, 0.2, 0.3),
    [Decimal("1.5"), Decimal("2.25"), Decimal(7)],  # handed to stats_py
    [Fraction(1, 3), Fraction(2, 3), 1],
    [7.0, 7.0],
]


@pytest.mark.parametrize("data", INPUTS, ids=repr)
@pytest.mark.parametrize("method", ["exclusive", "inclusive"])
def test_dict_of_response_is_stats_py(data, method):
    r = rstats.compute_stats(data, method)
    want = stats_py(data, method)
    assert same(dict(r), want)
    assert same(r.to_dict(), want)
    assert same({**r}, want)
    assert same(dict(r.items()), want)
    assert list(r) == list(r.keys()) == list(want) == ["range", "quartiles", "mean", "stddev"]
    assert all(same(a, b) for a, b in zip(r.values(), want.values()))
    for key in want:
        assert same(r[key], want[key]) and same(r.get(key), want[key])
        assert key in r
    assert len(r) == len(want) == 4
    assert r == want and want == r and not (r != want)
    # Decimal and Fraction values are not JSON: then both fail alike.
    assert same_outcome(outcome(json.dumps, dict(r)), outcome(json.dumps, want))


@given(data=datasets)
def test_dict_of_response_is_stats_py_random(data):
    got = outcome(lambda: dict(rstats.compute_stats(data)))
    want = outcome(stats_py, data)
    assert same_outcome(got, want), (data, got, want)


def test_is_a_read_only_mapping():
    r = rstats.compute_stats([1, 2, 3, 4])
    assert isinstance(r, collections.abc.Mapping)
    assert not isinstance(r, collections.abc.MutableMapping)
    assert not isinstance(r, collections.abc.Sequence)
    assert isinstance(r.keys(), collections.abc.KeysView)
    with pytest.raises(TypeError):
        r["mean"] = 1
    with pytest.raises(TypeError):
        del r["mean"]
    q = r["quartiles"]
    q.append(99.0)
    assert r["quartiles"] == [1.25, 2.5, 3.75] and r["quartiles"] is not r["quartiles"]


def test_other_keys_fail_as_the_dict_fails():
    r = rstats.compute_stats([1, 2, 3, 4])
    d = stats_py([1, 2, 3, 4])

    class Key(str):
        pass

    for key in ["nope", "Mean", "", 0, -1, 1.5, None, b"mean", ("mean",), ["mean"], {},
                Key("mean"), Key("other")]:
        assert same_outcome(outcome(lambda: r[key]), outcome(lambda: d[key])), key
        assert same_outcome(outcome(lambda: key in r), outcome(lambda: key in d)), key
        assert same_outcome(outcome(r.get, key), outcome(d.get, key)), key
        assert same_outcome(outcome(r.get, key, 5), outcome(d.get, key, 5)), key
    with pytest.raises(KeyError) as e:
        r["nope"]
    assert e.value.args == ("nope",)


def test_views_iteration_and_equality():
    data = [2.5, 1, 4]
    r, d = rstats.compute_stats(data), stats_py(data)
    assert type(r.keys()) is type(d.keys())
    assert type(r.values()) is type(d.values())
    assert type(r.items()) is type(d.items())
    assert r.keys() == d.keys() and r.items() == d.items()
    assert r.keys() & {"mean", "x"} == {"mean"}
    assert list(reversed(r)) == list(reversed(d))
    assert list(iter(r)) == list(d)
    assert bool(r)
    # Any mapping compares as Mapping.__eq__ does.
    assert r == types.MappingProxyType(d) and r == rstats.compute_stats(tuple(data))
    assert r != dict(d, mean=0) and r != {**d, "extra": 1} and r != [1]
    assert (r == 5) is False


def test_keyword_unpacking_and_json():
    r = rstats.compute_stats([1, 2, 3, 4])

    def take(range, quartiles, mean, stddev):
        return (range, quartiles, mean, stddev)

    assert take(**r) == (3.0, [1.25, 2.5, 3.75], 2.5, 1.2909944487358056)
    assert json.loads(json.dumps(dict(r))) == stats_py([1, 2, 3, 4])
    with pytest.raises(TypeError):
        json.dumps(r)  # the json module encodes real dicts only: dict(r) is the documented way


@pytest.mark.skipif(PY < (3, 10), reason="structural pattern matching is 3.10+")
def test_mapping_pattern():
    namespace = {}
    exec(
        "def describe(r):\n"
        "    match r:\n"
        "        case {'mean': m, 'quartiles': [_, median, _]}:\n"
        "            return m, median\n"
        "        case _:\n"
        "            return None\n",
        namespace,
    )
    assert namespace["describe"](rstats.compute_stats([1, 2, 3, 4])) == (2.5, 2.5)


def test_pickle_and_hash_still_work():
    r = rstats.compute_stats([1, 3, 5, 7, 9, 10, 13, 84, 528])
    assert pickle.loads(pickle.dumps(r)) == r
    assert hash(r) == hash(rstats.compute_stats((1, 3, 5, 7, 9, 10, 13, 84, 528)))
