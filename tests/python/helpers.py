"""Comparing outcomes bit for bit, and the Hypothesis strategies of the differential tests."""

import math
import sys
from decimal import Decimal

from hypothesis import strategies as st

PY = sys.version_info[:2]


def same(a, b):
    """Bit for bit and type for type: `1` is not `1.0`, `-0.0` is not `0.0`, every NaN is NaN
    (CPython does not keep NaN signs and payloads deterministically)."""
    if type(a) is not type(b):
        return False
    if type(a) is float:
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)
    if type(a) is Decimal:
        return a.compare_total(b) == 0 or (a.is_nan() and b.is_nan())
    if type(a) in (list, tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if type(a) is dict:
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    return a == b


def outcome(fn, *args, **kwargs):
    """("ok", value) or ("raise", exception type, exception args)."""
    try:
        return ("ok", fn(*args, **kwargs))
    except Exception as e:  # the outcome is what is compared
        return ("raise", type(e), e.args)


def same_outcome(a, b):
    if a[0] != b[0]:
        return False
    if a[0] == "ok":
        return same(a[1], b[1])
    return a[1] is b[1] and same(a[2], b[2])


def assert_same_outcome(got, want, context=""):
    assert same_outcome(got, want), f"{context}\n  rstats:     {got!r}\n  statistics: {want!r}"


# --- values ------------------------------------------------------------------------------------

EDGE_FLOATS = [0.0, -0.0, 5e-324, -5e-324, 2.2250738585072014e-308, 1e308, -1e308, 1.7e308,
               -1.7e308, 2.0 ** 53, 2.0 ** 53 + 2, 0.1, 1e16, 1e-300, 1e200, -1e200]
EDGE_INTS = [0, 1, -1, 2 ** 53 + 1, 2 ** 63 - 1, -2 ** 63, 2 ** 63, 2 ** 64 + 1, 10 ** 30,
             -10 ** 30, 10 ** 308, 17 * 10 ** 307, 10 ** 400, -10 ** 400]

small_ints = st.integers(-1000, 1000)
ints = st.one_of(
    small_ints,
    st.integers(-2 ** 63, 2 ** 63 - 1),
    st.integers(),
    st.sampled_from(EDGE_INTS),
)
decimals = st.integers(-100_000, 100_000).map(lambda i: i / 1000)  # 0-3 decimal floats
floats = st.one_of(
    decimals,
    st.floats(allow_nan=False, allow_infinity=False),
    st.floats(-1e6, 1e6, allow_nan=False),
    st.sampled_from(EDGE_FLOATS),
)
bools = st.booleans()
# Equal values of different types and signs: which one sorting keeps matters.
ties = st.sampled_from([0, 0.0, -0.0, 1, 1.0, True, False, 2, 2.0, 3])
nonfinite = st.sampled_from([math.inf, -math.inf, math.nan])

float_lists = st.lists(floats, max_size=25)
int_lists = st.lists(ints, max_size=25)
mixed_lists = st.lists(st.one_of(ints, floats, bools, ties), max_size=25)
tie_lists = st.lists(ties, max_size=9)
nonfinite_lists = st.lists(st.one_of(decimals, small_ints, nonfinite), min_size=1, max_size=8)

datasets = st.one_of(float_lists, int_lists, mixed_lists, tie_lists, nonfinite_lists)
