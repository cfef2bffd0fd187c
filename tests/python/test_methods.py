"""Quantile methods with no CPython counterpart: numpy's nine Hyndman-Fan names and 'statrs', in
`quantiles` and `compute_stats`.

`statistics` has only 'exclusive' and 'inclusive' (it raises ValueError for the others, checked
below), so these methods are compared with numpy (the nine names: the cut points
`numpy.quantile` gives, bit for bit) and with the talk's statrs numbers. CPython's own checks of
`n` and of the number of points come first, as for its methods. Where the call would go to
`statistics` (data the core does not read; numpy arrays with strict_numpy=True) there is nobody
to compute them: ValueError.
"""

import ast
import math
import pathlib
import statistics
from decimal import Decimal
from fractions import Fraction

import pytest
import rstats
from hypothesis import given
from hypothesis import strategies as st
from stats import stats_py

from helpers import decimals, floats, outcome, same, same_outcome

np = pytest.importorskip("numpy")

NUMPY_METHODS = [
    "inverted_cdf",
    "averaged_inverted_cdf",
    "closest_observation",
    "interpolated_inverted_cdf",
    "hazen",
    "weibull",
    "linear",
    "median_unbiased",
    "normal_unbiased",
]
CORE_ONLY = NUMPY_METHODS + ["statrs"]
TALK = [1, 3, 5, 7, 9, 10, 13, 84, 528]


def numpy_cut_points(data, n, method):
    values = np.array([float(x) for x in data], dtype=np.float64)
    return [float(q) for q in np.quantile(values, [i / n for i in range(1, n)], method=method)]


def test_statistics_has_none_of_them():
    for method in CORE_ONLY:
        with pytest.raises(ValueError, match="Unknown method"):
            statistics.quantiles([1.0, 2.0, 3.0], method=method)
        with pytest.raises(ValueError, match="Unknown method"):
            stats_py([1.0, 2.0, 3.0], method)


# One zero sign only: numpy's partition may swap -0.0 and 0.0 (documented in the core).
@given(data=st.lists(st.one_of(floats, st.integers(-10 ** 6, 10 ** 6)), min_size=2, max_size=30)
       .filter(lambda xs: not (0.0 in xs and any(math.copysign(1, x) < 0 for x in xs if x == 0))),
       n=st.integers(1, 12), method=st.sampled_from(NUMPY_METHODS))
def test_numpy_methods_are_numpys(data, n, method):
    got = rstats.quantiles(data, n=n, method=method)
    assert same(got, numpy_cut_points(data, n, method)), (data, n, method, got)
    assert same(rstats.quantiles(iter(data), n=n, method=method), got)
    assert same(rstats.quantiles(np.array(data, dtype=np.float64), n=n, method=method),
                numpy_cut_points(data, n, method))


@given(data=st.lists(decimals, min_size=2, max_size=30), method=st.sampled_from(NUMPY_METHODS))
def test_compute_stats_with_numpy_methods(data, method):
    r = rstats.compute_stats(data, method)
    exclusive = stats_py(data)
    assert same(r["quartiles"], numpy_cut_points(sorted(data), 4, method))
    for key in ("range", "mean", "stddev"):
        assert same(r[key], exclusive[key]), key


def test_statrs_is_the_talks_port():
    # The talk's numbers (README): what the statrs crate computes for the endpoint's data.
    assert rstats.quantiles(TALK, method="statrs") == [4.333333333333334, 9.0, 36.66666666666664]
    r = rstats.compute_stats(TALK, "statrs")
    assert same(dict(r), {"range": 527.0, "quartiles": [4.333333333333334, 9.0, 36.66666666666664],
                          "mean": 73.33333333333334, "stddev": 172.43622009311153})


@pytest.mark.parametrize("method", CORE_ONLY)
def test_cpythons_checks_come_first(method):
    for n in (0, -1, -(2 ** 70)):
        want = outcome(statistics.quantiles, [1.0, 2.0, 3.0], n=n)
        assert same_outcome(outcome(rstats.quantiles, [1.0, 2.0, 3.0], n=n, method=method), want)
    # A non-int n: the TypeError `range(1, n)` raises in CPython.
    want = outcome(statistics.quantiles, [1.0, 2.0, 3.0], n=4.0)
    assert want[0] == "raise" and want[1] is TypeError
    assert same_outcome(outcome(rstats.quantiles, [1.0, 2.0, 3.0], n=4.0, method=method), want)
    # bool and int subclasses are ints: n=True asks for no cut point.
    assert rstats.quantiles([1.0, 2.0, 3.0], n=True, method=method) == []
    # Too few points: CPython's StatisticsError (3.13: one point gives [x] * (n - 1)).
    for data in ([], [5], [2.5]):
        want = outcome(statistics.quantiles, data, n=4)
        assert same_outcome(outcome(rstats.quantiles, data, n=4, method=method), want), data
    # n beyond what memory holds: MemoryError, never an abort.
    with pytest.raises(MemoryError):
        rstats.quantiles([1.0, 2.0], n=2 ** 70, method=method)


@pytest.mark.parametrize("method", CORE_ONLY)
def test_data_for_statistics_raises_value_error(method):
    for data in ([Decimal(1), Decimal(2), Decimal(4)], [Fraction(1, 2), 3, 4], [1.0, math.inf],
                 [1.0, math.nan, 2.0], ["a", "b"], [np.float64(1.5), 2.0]):
        for call in (lambda: rstats.quantiles(data, method=method),
                     lambda: rstats.compute_stats(data, method),
                     lambda: rstats.quantiles(iter(data), n=3, method=method)):
            with pytest.raises(ValueError, match=f"method '{method}' has no CPython counterpart"):
                call()
    arr = np.array([1.0, 2.0, 4.0])
    with pytest.raises(ValueError, match="no CPython counterpart"):
        rstats.quantiles(arr, method=method, strict_numpy=True)
    with pytest.raises(ValueError, match="no CPython counterpart"):
        rstats.compute_stats(arr, method, strict_numpy=True)
    # Without strict_numpy the array is the core's: computed.
    assert len(rstats.quantiles(arr, method=method)) == 3


def test_other_method_objects_are_statistics_business():
    class Name(str):
        pass

    for method in (Name("linear"), Name("exclusive"), "LINEAR", "bogus", 7, None):
        for data in ([1.0, 2.0, 3.0], [Decimal(1), Decimal(2)]):
            want = outcome(statistics.quantiles, data, method=method)
            assert same_outcome(outcome(rstats.quantiles, data, method=method), want), method
            want = outcome(stats_py, data, method)
            got = outcome(lambda: dict(rstats.compute_stats(data, method)))
            assert same_outcome(got, want), method


def test_docstrings_and_stub_label_them():
    for fn in (rstats.quantiles, rstats.compute_stats):
        assert "NO CPython counterpart" in fn.__doc__
        assert "'statrs'" in fn.__doc__ and "ValueError" in fn.__doc__
    for name in NUMPY_METHODS:
        assert f"'{name}'" in rstats.quantiles.__doc__, name
    stub = pathlib.Path(rstats.__file__).parent / "__init__.pyi"
    tree = ast.parse(stub.read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and node.targets[0].id == "_NoCPythonCounterpart":
            listed = [e.value for e in node.value.slice.elts]
            assert listed == CORE_ONLY
            break
    else:
        raise AssertionError("the stub has no _NoCPythonCounterpart")
    assert "NO CPython counterpart" in stub.read_text()
