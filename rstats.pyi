"""Type stubs for the `rstats` extension module (src/python).

rstats is a drop-in for the running CPython's `statistics` functions: the same arguments, and the
same value, type (int or float) and exception as `statistics` for every input. The signatures
below are `statistics`' own (identical in CPython 3.9-3.13), typed as typeshed types them.
"""

from decimal import Decimal
from fractions import Fraction
from statistics import StatisticsError as StatisticsError
from typing import Any, Dict, Iterable, List, Literal, Optional, TypeVar, Union

_Number = Union[float, Decimal, Fraction]
_NumberT = TypeVar("_NumberT", float, Decimal, Fraction)

__all__: List[str]
PROFILE: str
"""The CPython release whose results are reproduced (`"3.13.15"`), from `sys.version_info` at import."""

def mean(data: Iterable[_NumberT]) -> _NumberT:
    """`statistics.mean(data)`, bit for bit and type for type."""

def median(data: Iterable[_NumberT]) -> _NumberT:
    """`statistics.median(data)`, bit for bit and type for type."""

def variance(data: Iterable[_NumberT], xbar: Optional[_NumberT] = None) -> _NumberT:
    """`statistics.variance(data, xbar)`, bit for bit and type for type."""

def stdev(data: Iterable[_NumberT], xbar: Optional[_NumberT] = None) -> _NumberT:
    """`statistics.stdev(data, xbar)`, bit for bit."""

def pvariance(data: Iterable[_NumberT], mu: Optional[_NumberT] = None) -> _NumberT:
    """`statistics.pvariance(data, mu)`, bit for bit and type for type."""

def pstdev(data: Iterable[_NumberT], mu: Optional[_NumberT] = None) -> _NumberT:
    """`statistics.pstdev(data, mu)`, bit for bit."""

def quantiles(
    data: Iterable[_NumberT],
    *,
    n: int = 4,
    method: Literal["inclusive", "exclusive"] = "exclusive",
) -> List[_NumberT]:
    """`statistics.quantiles(data, n=n, method=method)`, bit for bit and type for type."""

def compute_stats(
    numbers: Iterable[_Number],
    method: Literal["inclusive", "exclusive"] = "exclusive",
) -> StatisticsResponse:
    """The endpoint's `stats_py(numbers, method)` (reference/stats.py) as a StatisticsResponse."""

class StatisticsResponse:
    """What `compute_stats` returns: the four fields of `stats_py`'s dict."""

    def __init__(
        self,
        range: float,
        quartiles: Iterable[_Number],
        mean: _Number,
        stddev: float,
    ) -> None: ...
    @property
    def range(self) -> float:
        """`float(max(numbers) - min(numbers))`."""
    @property
    def quartiles(self) -> List[_Number]:
        """`statistics.quantiles(sorted(numbers), n=4, method=method)` (a new list each time)."""
    @property
    def mean(self) -> _Number:
        """`statistics.mean(sorted(numbers))`: an int for int data with an integral mean."""
    @property
    def stddev(self) -> float:
        """`statistics.stdev(sorted(numbers))`."""
    def to_dict(self) -> Dict[str, Any]:
        """`{"range": ..., "quartiles": [...], "mean": ..., "stddev": ...}`, as `stats_py` returns it."""
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...
