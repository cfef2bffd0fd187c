"""Under a memory limit no call aborts the interpreter, and each call's outcome — MemoryError or
its value — is the one `statistics` (or `stats_py`) has under the same limit.

Each call runs in a child interpreter that imports both modules, then limits its own address
space (`RLIMIT_AS`) to what it already uses plus a headroom, then makes the one call. The
headrooms are chosen well away from the point where the outcome changes, on both sides: a call
that needs far more than the headroom (both raise MemoryError), and one that needs clearly less
(both answer, the same value). A SIGABRT (the old `quantiles(..., n=10**8)`) is a negative exit
status and fails the test outright.
"""

import json
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS and /proc are Linux's")

MB = 1 << 20

CHILD = textwrap.dedent(
    """
    import json, resource, sys
    sys.path.insert(0, {reference!r})
    import rstats, statistics
    from stats import stats_py

    def vm_size():
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024

    module, call = sys.argv[1], sys.argv[2]
    env = {{"rstats": rstats, "statistics": statistics, "stats_py": stats_py}}
    exec(sys.argv[4], env)
    limit = vm_size() + int(sys.argv[3])
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        result = eval(call.replace("MODULE", module), env)
    except MemoryError:
        print(json.dumps(["MemoryError"]))
    else:
        if isinstance(result, list):
            summary = [len(result), repr(result[:2]), repr(result[-2:]), repr(sum(result))]
        else:
            summary = repr(result.to_dict() if hasattr(result, "to_dict") else result)
        del result
        print(json.dumps(["ok", summary]))
    """
)


def run_child(module, call, headroom, setup=""):
    from conftest import REFERENCE

    script = CHILD.format(reference=str(REFERENCE))
    proc = subprocess.run(
        [sys.executable, "-c", script, module, call, str(headroom), setup],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, (
        f"{module}: {call} under +{headroom // MB} MB exited with {proc.returncode}\n{proc.stderr[-2000:]}"
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def same_under_limit(call, headroom, setup="", reference="statistics", subject="rstats"):
    want = run_child(reference, call, headroom, setup)
    got = run_child(subject, call, headroom, setup)
    assert got == want, f"{call} under +{headroom // MB} MB: rstats {got}, {reference} {want}"
    return want


# CPython's `quantiles` needs about 33 bytes a cut point (a float of 24 bytes and a list slot of
# 8, the list over-allocated as it grows); rstats 32 (the list made at its final size, no second
# copy of the results: with one, it needed 48 and failed where CPython answered).
@pytest.mark.parametrize(
    "n, headroom, outcome",
    [
        (10 ** 8, 150 * MB, "MemoryError"),  # needs ~3.2 GB (it used to abort the interpreter)
        (10 ** 7, 150 * MB, "MemoryError"),  # needs ~330 MB
        (3_750_000, 150 * MB, "ok"),  # needs ~123 MB: 82 % of the headroom
    ],
)
def test_quantiles_many_cut_points(n, headroom, outcome):
    call = f"MODULE.quantiles([1.0, 2.5, 7.0], n={n})"
    assert same_under_limit(call, headroom)[0] == outcome


def test_quantiles_many_cut_points_other_data():
    # inclusive; int data (each cut point an int / int true division, a float all the same)
    call = "MODULE.quantiles([1.0, 2.5, 7.0], n=2*10**6, method='inclusive')"
    assert same_under_limit(call, 100 * MB)[0] == "ok"
    talk = "[1, 3, 5, 7, 9, 10, 13, 84, 528]"
    assert same_under_limit(f"MODULE.quantiles({talk}, n=10**8)", 100 * MB)[0] == "MemoryError"
    assert same_under_limit(f"MODULE.quantiles({talk}, n=2*10**6)", 100 * MB)[0] == "ok"


@pytest.mark.skipif(sys.version_info < (3, 13), reason="3.13's one-point quantiles")
def test_one_point_quantiles_repeat_one_object():
    # `data * (n - 1)`: 8 bytes a slot, one object.
    assert same_under_limit("MODULE.quantiles([2.5], n=10**8)", 1200 * MB)[0] == "ok"
    assert same_under_limit("MODULE.quantiles([2.5], n=10**9)", 1200 * MB)[0] == "MemoryError"


# A list of 1,000,000 floats made before the limit: reading it (rstats copies 8 MB) and sorting
# it (`sorted()` copies 8 MB) both need room.
BIG_LIST = "data = [float((i * 7919) % 1000003) / 7.0 for i in range(1_000_000)]"


@pytest.mark.parametrize("headroom, outcome", [(4 * MB, "MemoryError"), (200 * MB, "ok")])
def test_compute_stats_of_a_big_list(headroom, outcome):
    want = same_under_limit("MODULE(data)", headroom, BIG_LIST, reference="stats_py",
                            subject="rstats.compute_stats")
    assert want[0] == outcome


@pytest.mark.parametrize("headroom, outcome", [(4 * MB, "MemoryError"), (200 * MB, "ok")])
def test_order_statistics_of_a_big_list(headroom, outcome):
    # `sorted()` copies the list: without room for that, statistics' MemoryError.
    for name in ("median", "quantiles"):
        assert same_under_limit(f"MODULE.{name}(data)", headroom, BIG_LIST)[0] == outcome


@pytest.mark.parametrize("headroom", [4 * MB, 200 * MB])
def test_sums_of_a_big_list(headroom):
    # `statistics` sums a list without copying it: where rstats has no room for its copy, it
    # hands the list to `statistics`, which answers.
    for name in ("mean", "variance"):
        assert same_under_limit(f"MODULE.{name}(data)", headroom, BIG_LIST)[0] == "ok"
