"""Type stubs for the `rstats` extension module (src/python).

rstats is a drop-in for the running CPython's `statistics` functions: the same arguments, and the
same value, type (int or float) and exception as `statistics` for every input (numpy arrays
aside: below). The signatures below are `statistics`' own (identical in CPython 3.9-3.13), typed
as typeshed types them, plus two things `statistics` does not have:

- `strict_numpy` (keyword-only, default False). numpy arrays are read as `arr.tolist()`: the
  answer is `statistics(arr.tolist())`'s, in Python ints and floats. `statistics(arr)` itself
  computes on numpy scalars: it may answer in numpy types (`numpy.float64` for float64 arrays,
  numpy's own for float32 and integer arrays) and computes int64 arrays in 64-bit numpy
  arithmetic (`statistics.variance(np.array([5, 1, 4, 2, 8]))` is `np.int64(7)`, rstats gives
  `7.5`). With `strict_numpy=True` the array itself is handed to `statistics`, whose answer it
  then is, types included. It changes nothing for other data.
- Quantile methods with NO CPython counterpart (`quantiles` and `compute_stats` only; CPython's
  `statistics.quantiles` raises `ValueError: Unknown method` for them): numpy's nine
  Hyndman-Fan names and 'statrs'. They are computed by the Rust core only, on data it reads
  (exact int, bool and finite float values, numpy arrays without `strict_numpy`); on data that
  would be handed to `statistics` (Decimal, Fraction, inf/nan, ...) they raise `ValueError`.
"""

from decimal import Decimal
from fractions import Fraction
from statistics import StatisticsError as StatisticsError
from typing import (
    Any,
    Dict,
    ItemsView,
    Iterable,
    Iterator,
    KeysView,
    List,
    Literal,
    Mapping,
    Optional,
    TypeVar,
    Union,
    ValuesView,
    final,
    overload,
)

_Number = Union[float, Decimal, Fraction]
_NumberT = TypeVar("_NumberT", float, Decimal, Fraction)
_T = TypeVar("_T")

_CPythonMethod = Literal["exclusive", "inclusive"]
"""CPython's methods: bit for bit what `statistics.quantiles` gives."""

_NoCPythonCounterpart = Literal[
    "inverted_cdf",
    "averaged_inverted_cdf",
    "closest_observation",
    "interpolated_inverted_cdf",
    "hazen",
    "weibull",
    "linear",
    "median_unbiased",
    "normal_unbiased",
    "statrs",
]
"""Methods with NO CPython counterpart (rstats only): numpy's nine Hyndman-Fan names (the cut
points `numpy.quantile(data, [i/n for i in range(1, n)], method=...)` gives, as floats) and
'statrs' (the `statrs` crate's quantiles, Hyndman-Fan type 8, the talk's port). `ValueError` on
data that would be handed to `statistics`."""

_Method = Union[_CPythonMethod, _NoCPythonCounterpart]

__all__ = [
    "PROFILE",
    "StatisticsError",
    "StatisticsResponse",
    "__version__",
    "compute_stats",
    "mean",
    "median",
    "pstdev",
    "pvariance",
    "quantiles",
    "stdev",
    "variance",
]
__version__: str
"""The package's version (the distribution's, from Cargo.toml)."""
PROFILE: str
"""The CPython release whose results are reproduced (`"3.13.15"`), from `sys.version_info` at import."""

def mean(data: Iterable[_NumberT], *, strict_numpy: bool = False) -> _NumberT:
    """`statistics.mean(data)`, bit for bit and type for type (numpy arrays: see the module)."""

def median(data: Iterable[_NumberT], *, strict_numpy: bool = False) -> _NumberT:
    """`statistics.median(data)`, bit for bit and type for type (numpy arrays: see the module)."""

def variance(
    data: Iterable[_NumberT], xbar: Optional[_NumberT] = None, *, strict_numpy: bool = False
) -> _NumberT:
    """`statistics.variance(data, xbar)`, bit for bit and type for type (numpy arrays: see the
    module)."""

def stdev(
    data: Iterable[_NumberT], xbar: Optional[_NumberT] = None, *, strict_numpy: bool = False
) -> _NumberT:
    """`statistics.stdev(data, xbar)`, bit for bit (numpy arrays: see the module)."""

def pvariance(
    data: Iterable[_NumberT], mu: Optional[_NumberT] = None, *, strict_numpy: bool = False
) -> _NumberT:
    """`statistics.pvariance(data, mu)`, bit for bit and type for type (numpy arrays: see the
    module)."""

def pstdev(
    data: Iterable[_NumberT], mu: Optional[_NumberT] = None, *, strict_numpy: bool = False
) -> _NumberT:
    """`statistics.pstdev(data, mu)`, bit for bit (numpy arrays: see the module)."""

@overload
def quantiles(
    data: Iterable[_NumberT],
    *,
    n: int = 4,
    method: _CPythonMethod = "exclusive",
    strict_numpy: bool = False,
) -> List[_NumberT]:
    """`statistics.quantiles(data, n=n, method=method)`, bit for bit and type for type."""

@overload
def quantiles(
    data: Iterable[float],
    *,
    n: int = 4,
    method: _NoCPythonCounterpart,
    strict_numpy: bool = False,
) -> List[float]:
    """A method with NO CPython counterpart, computed by the Rust core only (`ValueError` on
    data that would be handed to `statistics`)."""

def compute_stats(
    numbers: Iterable[_Number],
    method: _Method = "exclusive",
    *,
    strict_numpy: bool = False,
) -> StatisticsResponse:
    """The endpoint's `stats_py(numbers, method)` (reference/stats.py) as a StatisticsResponse, a
    read-only mapping equal to `stats_py`'s dict. Methods other than 'exclusive' and
    'inclusive' have NO CPython counterpart: computed by the Rust core only ('statrs': every
    field by the `statrs` crate), `ValueError` on data that would go to `stats_py`."""

@final
class StatisticsResponse(Mapping[str, Any]):
    """What `compute_stats` returns: the four fields of `stats_py`'s dict, as attributes and as a
    read-only mapping (a registered `collections.abc.Mapping`; `dict(r)` is `stats_py`'s dict,
    `KeyError` for other keys; `json.dumps(dict(r))`). Hashable, unlike a dict."""

    def __new__(
        cls,
        range: float,
        quartiles: Iterable[_Number],
        mean: _Number,
        stddev: float,
    ) -> "StatisticsResponse": ...
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
    def __getitem__(self, key: str, /) -> Any:
        """The field named `key`; `KeyError` for any other key, as the dict."""
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[str]: ...
    def __contains__(self, key: object, /) -> bool: ...
    def __reversed__(self) -> Iterator[str]: ...
    @overload
    def get(self, key: str) -> Optional[Any]: ...
    @overload
    def get(self, key: str, default: Union[Any, _T]) -> Union[Any, _T]: ...
    def keys(self) -> KeysView[str]:
        """A `dict_keys` view, as `stats_py(...).keys()`."""
    def values(self) -> ValuesView[Any]:
        """A `dict_values` view, as `stats_py(...).values()`."""
    def items(self) -> ItemsView[str, Any]:
        """A `dict_items` view, as `stats_py(...).items()`."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
