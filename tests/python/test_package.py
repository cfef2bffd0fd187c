"""The installed package: version, type stubs, py.typed, signatures and docstrings."""

import ast
import importlib.metadata
import inspect
import pathlib
import pickle
import statistics

import rstats

FUNCTIONS = ["mean", "median", "variance", "stdev", "pvariance", "pstdev", "quantiles"]
PACKAGE = pathlib.Path(rstats.__file__).parent


def test_stubs_and_py_typed_are_installed():
    assert (PACKAGE / "py.typed").exists()
    stub = PACKAGE / "__init__.pyi"
    tree = ast.parse(stub.read_text())
    defined = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    assert set(FUNCTIONS) | {"compute_stats", "StatisticsResponse"} <= defined
    public = {n for n in rstats.__all__ if n not in ("StatisticsError", "PROFILE", "__version__")}
    assert public <= defined
    annotated = {n.target.id for n in tree.body if isinstance(n, ast.AnnAssign)}
    assert {"__version__", "PROFILE"} <= annotated
    stub_all = [n.value for n in tree.body if isinstance(n, ast.Assign)
                and n.targets[0].id == "__all__"]
    assert [ast.literal_eval(v) for v in stub_all] == [rstats.__all__]
    # The stubs' parameters are the runtime's.
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            runtime = inspect.signature(getattr(rstats, node.name))
            names = [a.arg for a in node.args.args] + [a.arg for a in node.args.kwonlyargs]
            assert names == list(runtime.parameters), node.name


def _distribution_of_rstats():
    """The installed distribution that provides the `rstats` module, whatever it is named."""
    if hasattr(importlib.metadata, "packages_distributions"):  # 3.10+
        names = importlib.metadata.packages_distributions().get("rstats", [])
    else:
        names = [d.metadata["Name"] for d in importlib.metadata.distributions()
                 if any(f.parts[0] == "rstats" for f in d.files or [])]
    assert len(set(names)) == 1, names
    return names[0]


def test_version_is_the_distributions():
    version = rstats.__version__
    assert type(version) is str and version
    assert version == importlib.metadata.version(_distribution_of_rstats())
    assert rstats.__version__ is rstats.rstats.__version__


def test_signatures_are_statistics_own_plus_strict_numpy():
    """`statistics`' parameters first, unchanged; then the keyword-only `strict_numpy=False`, so
    every call valid for `statistics` is valid for rstats and means the same."""
    for name in FUNCTIONS:
        ours = inspect.signature(getattr(rstats, name))
        theirs = inspect.signature(getattr(statistics, name))
        *params, strict = ours.parameters.values()
        assert str(ours.replace(parameters=params)) == str(theirs), name
        assert (strict.name, strict.kind, strict.default) == (
            "strict_numpy", inspect.Parameter.KEYWORD_ONLY, False), name
    assert str(inspect.signature(rstats.compute_stats)) == (
        "(numbers, method='exclusive', *, strict_numpy=False)")


def test_docstrings_say_what_they_match():
    assert "statistics" in rstats.__doc__
    for name in FUNCTIONS:
        assert f"statistics.{name}(" in getattr(rstats, name).__doc__, name
    assert "stats_py" in rstats.compute_stats.__doc__
    assert "stats_py" in rstats.StatisticsResponse.__doc__
    for name in FUNCTIONS + ["compute_stats"]:
        doc = getattr(rstats, name).__doc__
        assert "strict_numpy=True" in doc and "arr.tolist()" in doc, name
    assert "strict_numpy=True" in rstats.__doc__ and "mapping" in rstats.__doc__


def test_response_object():
    r = rstats.compute_stats([1, 2, 3, 4])
    d = r.to_dict()
    assert list(d) == ["range", "quartiles", "mean", "stddev"]
    assert r == d and d == r and r == rstats.compute_stats((1, 2, 3, 4))
    assert r != rstats.compute_stats([1, 2, 3, 5]) and not (r != r)
    assert (r == 5) is False and r != "x"
    assert hash(r) == hash(rstats.compute_stats([1, 2, 3, 4]))
    assert pickle.loads(pickle.dumps(r)) == r
    q = r.quartiles
    q.append(99)
    assert r.quartiles == [1.25, 2.5, 3.75]
    assert type(r.mean) is float and r.mean == 2.5
    assert type(rstats.compute_stats([1, 2, 3]).mean) is int
    rebuilt = rstats.StatisticsResponse(**d)
    assert rebuilt == r and repr(rebuilt) == repr(r)
    assert repr(r) == "StatisticsResponse(range=3.0, quartiles=[1.25, 2.5, 3.75], mean=2.5, stddev=1.2909944487358056)"
    assert type(r).__module__ == "rstats"
