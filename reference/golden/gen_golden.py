#!/usr/bin/env python3
"""Generate the golden vectors: CPython `statistics` / `stats_py` outcomes on fixed inputs.

Builds a deterministic list of inputs (random.Random(SEED)), writes inputs.json, then runs
_worker.py under every installed CPython 3.8-3.13 (found through pyenv, plus the interpreter
running this script), each writing cpython-3.X.json, and under the CPython 3.13, 3.14 and 3.15 of
Debian forky that ci/reference-pythons makes, each writing cpython-3.X.Y.json (the release: 3.13.15
and 3.13.0 differ).  See README.md for the encoding.

Run with the default python3 (3.11); the inputs are built by this interpreter only, the workers
just read them.
"""
import argparse
import filecmp
import glob
import json
import math
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import random

HERE = os.path.dirname(os.path.abspath(__file__))
WORKER = os.path.join(HERE, "_worker.py")
SEED = 20261126
MINORS = [8, 9, 10, 11, 12, 13]
FORKY_MINORS = [13, 14, 15]
FORKY_CACHE = os.environ.get("RSTATS_PYTHONS_CACHE", "/var/cache/rstats/forky")
INPUTS_NAME = "inputs.json"


def out_name(label):
    """cpython-3.X.json for pyenv's 3.X, cpython-3.X.Y.json for forky's release 3.X.Y."""
    return "cpython-%s.json" % label


# =============================================================================================
# Encoding (must match _worker.py and README.md)


def enc_num(x):
    if type(x) is bool:
        return {"b": x}
    if type(x) is int:
        return {"i": str(x)}
    if type(x) is float:
        if math.isnan(x):
            return {"f": "nan", "bits": struct.pack(">d", x).hex()}
        return {"f": x.hex()}
    raise TypeError("cannot encode %r" % (x,))


def dumps(obj):
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True,
                      allow_nan=False)


# =============================================================================================
# Inputs

INF = float("inf")
NAN = float("nan")
NEG_NAN = -float("nan")  # same payload, sign bit set
TALK = [1, 3, 5, 7, 9, 10, 13, 84, 528]
TWO53 = 2 ** 53
TWO63 = 2 ** 63
MIN_NORMAL = 2.2250738585072014e-308
MIN_SUB = 5e-324


def bits_to_float(b):
    return struct.unpack(">d", struct.pack(">Q", b))[0]


def float_to_bits(x):
    return struct.unpack(">Q", struct.pack(">d", x))[0]


def step_float(x, k):
    """x moved by k ulps (positive finite x only)."""
    return bits_to_float(float_to_bits(x) + k)


def random_size(rng):
    """Mostly 1-30, some 31-120, a handful up to 500."""
    r = rng.random()
    if r < 0.80:
        return rng.randint(1, 30)
    if r < 0.97:
        return rng.randint(31, 120)
    return rng.randint(121, 500)


# Scales every generator's number of random-size lists.  Each case costs ~9-10 kB per version
# file whatever the input size (the n=100 quantiles alone are 198 floats of ~30 bytes), so this is
# what keeps a version file under ~6 MB: 0.7 gives 600 inputs and a 5.9 MB cpython-3.13.json;
# 4.2 would give ~1500 inputs at ~15 MB per file.
EXTRA_SCALE = 0.7


def sizes(rng, extra, lo=1, hi=10, cap=None):
    """Every size lo..hi once (quantile clamping lives at small sizes), then random ones."""
    extra = [random_size(rng) for _ in range(round(extra * EXTRA_SCALE))]
    if cap is not None:
        extra = [min(n, cap) for n in extra]
    return list(range(lo, hi + 1)) + extra


def gen_small_int(rng):
    for n in sizes(rng, 20):
        yield [rng.randint(-20, 20) for _ in range(n)]
    for n in sizes(rng, 8, 1, 5):
        yield [rng.randint(0, 10) for _ in range(n)]


def gen_int_2_53(rng):
    specials = [TWO53 + d for d in range(-3, 4)] + [-TWO53 + d for d in range(-3, 4)]
    specials += [TWO53 + 1, -(TWO53 + 1), 2 ** 62, -(2 ** 62), 2 ** 62 - 1]
    yield [TWO53, TWO53 + 1]
    yield [TWO53 + 1, TWO53 + 3]
    yield [-(TWO53 + 1), TWO53 + 1]
    yield [TWO53 + 1, TWO53 + 1, TWO53 + 2]
    for n in sizes(rng, 10):
        yield [rng.choice(specials) for _ in range(n)]
    for n in sizes(rng, 8, 2, 6):
        yield [rng.randint(-(2 ** 62), 2 ** 62) for _ in range(n)]
    for n in sizes(rng, 4, 2, 5):
        yield [TWO53 + rng.randint(-100, 100) for _ in range(n)]


def gen_int_2_63(rng):
    specials = [TWO63 + d for d in range(-2, 3)] + [-TWO63 + d for d in range(-2, 3)]
    specials += [2 ** 64 - 1, 2 ** 64, -(2 ** 64), 2 ** 70, -(2 ** 70)]
    yield [TWO63 - 1, TWO63]
    yield [-TWO63, TWO63 - 1]
    yield [2 ** 64, 2 ** 64 + 1]
    for n in sizes(rng, 8):
        yield [rng.choice(specials) for _ in range(n)]
    for n in sizes(rng, 8, 2, 6):
        yield [rng.randint(-(2 ** 70), 2 ** 70) for _ in range(n)]
    for n in sizes(rng, 0, 1, 4):
        yield [rng.randint(-(2 ** 200), 2 ** 200) for _ in range(n)]


def gen_bool_mix(rng):
    yield [True]
    yield [False]
    yield [True, False]
    yield [False, True, True]
    yield [True, True]
    yield [True, 2]
    yield [False, 0.5]
    for n in sizes(rng, 4, 1, 8):
        yield [rng.random() < 0.5 for _ in range(n)]
    for n in sizes(rng, 8, 2, 10):
        yield [rng.choice([True, False, rng.randint(-5, 5)]) for _ in range(n)]


def gen_float_uniform(rng):
    for n in sizes(rng, 20):
        yield [rng.uniform(-1e3, 1e3) for _ in range(n)]
    for n in sizes(rng, 10, 1, 6):
        yield [rng.random() for _ in range(n)]


def magnitude(rng, lo=-300, hi=300):
    return rng.choice([1.0, -1.0]) * 10.0 ** rng.uniform(lo, hi)


def gen_float_magnitude(rng):
    for n in sizes(rng, 15):
        yield [magnitude(rng) for _ in range(n)]
    # Same-list mixtures of tiny and huge.
    for n in sizes(rng, 10, 2, 8):
        yield [magnitude(rng, -300, -250) if rng.random() < 0.5 else magnitude(rng, 250, 300)
               for _ in range(n)]
    yield [1e-300, 1e300]
    yield [1e300, 1.0, -1e300]
    yield [1e-300, -1e-300, 1e300]


def gen_subnormal(rng):
    yield [MIN_SUB]
    yield [MIN_SUB, 2 * MIN_SUB]
    yield [MIN_SUB, MIN_SUB, MIN_SUB]
    yield [-MIN_SUB, MIN_SUB]
    yield [MIN_NORMAL, step_float(MIN_NORMAL, -1)]
    for n in sizes(rng, 6):
        yield [rng.choice([1, -1]) * rng.randint(0, 1000) * MIN_SUB for _ in range(n)]
    for n in sizes(rng, 6, 2, 6):
        yield [rng.choice([1.0, -1.0]) * step_float(MIN_NORMAL, rng.randint(-50, 50))
               for _ in range(n)]
    for n in sizes(rng, 3, 2, 5):
        yield [rng.choice([MIN_SUB * rng.randint(1, 9), MIN_NORMAL, rng.uniform(-1, 1)])
               for _ in range(n)]


def gen_zeros(rng):
    fixed = [
        [0.0], [-0.0], [0], [0.0, -0.0], [-0.0, 0.0], [0.0, 0.0], [-0.0, -0.0],
        [-0.0, 0.0, 1.0], [0.0, -0.0, 1.0], [1.0, -0.0, 0.0], [-1.0, -0.0, 0.0], [-0.0, -0.0, -0.0],
        [0, -0.0], [-0.0, 0], [-0.0, 0, 0.0], [0.0, 0, -0.0], [-0.0, -0.0, 0.0, 0.0],
        [0.0, 0.0, -0.0, -0.0], [-0.0, 0.0, -0.0, 0.0], [-0.0, 1.0], [-1.0, -0.0],
        [-0.0, False], [False, -0.0],
    ]
    for d in fixed:
        yield d
    pool = [0.0, -0.0, 0.0, -0.0, 0, 1.0, -1.0, 2]
    for n in sizes(rng, 8, 2, 10):
        yield [rng.choice(pool) for _ in range(n)]
    for n in sizes(rng, 0, 2, 6):
        yield [rng.choice([0.0, -0.0]) for _ in range(n)]


def gen_mixed(rng):
    fixed = [
        [1, 1.0], [1.0, 1], [1, 1.0, 2], [2, 1.0, 1], [0, 0.5, 1], [1, 2.5], [2.5, 1],
        [TWO53 + 1, 1.0], [1.0, TWO53 + 1], [2 ** 70, 0.5], [0.5, 2 ** 70, 1],
        [TWO53 + 1, float(TWO53)], [2 ** 64, 1e19, 3], [-(2 ** 63), 0.25, 2 ** 63],
    ]
    for d in fixed:
        yield d
    for n in sizes(rng, 15):
        yield [rng.randint(-100, 100) if rng.random() < 0.5 else rng.uniform(-100, 100)
               for _ in range(n)]
    for n in sizes(rng, 8, 2, 8):
        yield [rng.choice([rng.randint(-(2 ** 64), 2 ** 64), rng.uniform(-1e19, 1e19),
                           rng.randint(-3, 3), float(rng.randint(-3, 3))])
               for _ in range(n)]
    for n in sizes(rng, 4, 2, 6):
        k = rng.randint(-5, 5)
        yield [rng.choice([k, float(k), k + 1, k + 0.5]) for _ in range(n)]


def gen_duplicates(rng):
    for n in sizes(rng, 8, 2, 10):
        vals = [rng.randint(-10, 10) for _ in range(rng.randint(1, 3))]
        yield [rng.choice(vals) for _ in range(n)]
    for n in sizes(rng, 8, 2, 10):
        vals = [rng.uniform(-10, 10) for _ in range(rng.randint(1, 3))]
        yield [rng.choice(vals) for _ in range(n)]
    for n in sizes(rng, 2, 2, 5):
        v = rng.choice([0.1, 1 / 3, 1e300, TWO53 + 1, 7])
        yield [v] * n


def any_values(rng, n):
    kind = rng.randrange(4)
    if kind == 0:
        return [rng.randint(-1000, 1000) for _ in range(n)]
    if kind == 1:
        return [rng.uniform(-1e3, 1e3) for _ in range(n)]
    if kind == 2:
        return [magnitude(rng, -20, 20) for _ in range(n)]
    return [rng.choice([rng.randint(-50, 50), rng.uniform(-50, 50)]) for _ in range(n)]


def gen_sorted(rng):
    for n in sizes(rng, 8):
        yield sorted(any_values(rng, n))


def gen_reversed(rng):
    for n in sizes(rng, 8):
        yield sorted(any_values(rng, n), reverse=True)


def gen_offset(rng):
    for n in sizes(rng, 5, 2, 10):
        yield [1e9 + rng.randint(-1000, 1000) * 1e-7 for _ in range(n)]
    for n in sizes(rng, 4, 2, 8):
        yield [1e15 + rng.randint(-50, 50) for _ in range(n)]
    for n in sizes(rng, 4, 2, 8):
        yield [2 ** 60 + rng.randint(-50, 50) for _ in range(n)]
    for n in sizes(rng, 0, 2, 5):
        yield [1e16 + 2 * rng.randint(-5, 5) for _ in range(n)]
    yield [1e9 + 1e-7, 1e9, 1e9 - 1e-7]
    yield [1e15, 1e15 + 1, 1e15 + 2]


def gen_talk(rng):
    yield list(TALK)
    yield [float(x) for x in TALK]


def gen_huge(rng):
    big = 1.7e308
    fmax = sys.float_info.max
    fixed = [
        [big, big], [big, -big], [fmax, fmax], [fmax, -fmax], [-fmax, -fmax],
        [big, big, big], [fmax, 1.0], [1e308, 1e308, 1e308], [1.5e308, 1.6e308, 1.7e308],
        [1e200, 1e200], [1e155, 1e155, 2e155], [1e154, 3e154],
    ]
    for d in fixed:
        yield d
    for n in sizes(rng, 4):
        yield [rng.choice([1.0, -1.0]) * rng.uniform(1.0e308, fmax) for _ in range(n)]
    for n in sizes(rng, 2, 2, 5):
        yield [rng.uniform(1.0e308, fmax) for _ in range(n)]
    # 400-digit ints: the mean of a non-divisible sum cannot be a float.
    lo, hi = 10 ** 399, 10 ** 400 - 1
    yield [10 ** 399, 10 ** 399 + 1]
    yield [10 ** 399, 10 ** 399]
    yield [-(10 ** 399), 10 ** 399]
    yield [10 ** 399, 10 ** 399 + 2, 10 ** 399 + 4]
    for n in sizes(rng, 3, 2, 8, cap=30):  # size 1 is in one_point
        yield [rng.choice([1, -1]) * rng.randint(lo, hi) for _ in range(n)]
    for n in sizes(rng, 0, 2, 4):
        yield [rng.randint(lo, hi), rng.uniform(-1, 1)] + [rng.randint(lo, hi) for _ in range(n)]


def gen_empty(rng):
    yield []


def gen_one_point(rng):
    for d in [[5], [2.5], [-0.0], [2 ** 70], [0], [0.0], [-7], [True], [False],
              [TWO53 + 1], [1e308], [MIN_SUB], [10 ** 400], [-2.5], [0.1]]:
        yield d


def with_specials(rng, n, specials):
    base = [rng.choice([rng.randint(-10, 10), rng.uniform(-10, 10)]) for _ in range(n)]
    k = rng.randint(1, max(1, n))
    for _ in range(k):
        base[rng.randrange(n)] = rng.choice(specials)
    return base


def gen_inf(rng):
    fixed = [
        [1.0, INF], [INF, 1.0], [INF, -INF], [-INF, INF], [INF, INF, 2], [INF, INF],
        [-INF, -INF], [INF], [-INF], [1, INF], [-INF, 1], [INF, 0.0, -INF], [1, 2, 3, INF],
        [-INF, 1, 2, 3], [INF, 2 ** 70], [-INF, 1, INF], [1e308, INF], [INF, INF, INF, INF],
    ]
    for d in fixed:
        yield d
    for n in sizes(rng, 6):
        yield with_specials(rng, n, [INF, -INF])
    for n in sizes(rng, 2, 2, 6):
        yield with_specials(rng, n, [INF])


def gen_nan(rng):
    fixed = [
        [1.0, NAN], [NAN, 1.0], [NAN, 2, 3], [2, NAN, 3], [2, 3, NAN], [NAN], [NEG_NAN],
        [NAN, NAN], [NEG_NAN, NEG_NAN], [NAN, NEG_NAN], [NEG_NAN, NAN], [1.0, NEG_NAN],
        [NEG_NAN, 2, 3], [NAN, INF], [INF, NAN], [-INF, NEG_NAN], [NAN, INF, -INF],
        [NAN, 1, 2, 3, 4], [1, 2, NAN, 3, 4], [5, 4, 3, 2, NAN], [NAN, 2 ** 70],
    ]
    for d in fixed:
        yield d
    for n in sizes(rng, 6):
        yield with_specials(rng, n, [NAN])
    for n in sizes(rng, 4, 2, 8):
        yield with_specials(rng, n, [NAN, NEG_NAN, INF, -INF])


GENERATORS = [
    ("small_int", gen_small_int),
    ("int_2_53", gen_int_2_53),
    ("int_2_63", gen_int_2_63),
    ("bool_mix", gen_bool_mix),
    ("float_uniform", gen_float_uniform),
    ("float_magnitude", gen_float_magnitude),
    ("subnormal", gen_subnormal),
    ("zeros", gen_zeros),
    ("mixed", gen_mixed),
    ("duplicates", gen_duplicates),
    ("sorted", gen_sorted),
    ("reversed", gen_reversed),
    ("offset", gen_offset),
    ("talk", gen_talk),
    ("huge", gen_huge),
    ("empty", gen_empty),
    ("one_point", gen_one_point),
    ("inf", gen_inf),
    ("nan", gen_nan),
]


def build_inputs():
    rng = random.Random(SEED)
    inputs = []
    for tag, gen in GENERATORS:
        for data in gen(rng):
            inputs.append({"id": len(inputs), "tag": tag, "data": [enc_num(x) for x in data]})
    return inputs


def inputs_text(inputs):
    return '{"seed":%d,"inputs":[\n%s\n]}\n' % (SEED, ",\n".join(dumps(i) for i in inputs))


# =============================================================================================
# Interpreters


def interpreter_version(python):
    out = subprocess.run(
        [python, "-c", "import sys; print('%d %d %d' % sys.version_info[:3])"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, check=True,
    ).stdout.split()
    return tuple(int(x) for x in out)


def pyenv_root():
    try:
        out = subprocess.run(["pyenv", "root"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             universal_newlines=True)
        if out.returncode == 0 and out.stdout.strip():
            return out.stdout.strip()
        print("  note: `pyenv root` failed (exit %d): %s" % (out.returncode, out.stderr.strip()))
    except OSError as e:
        print("  note: pyenv not runnable (%s)" % e)
    return None


def discover(wanted_minors):
    """Return {minor: (python_path, (3, minor, patch))}: newest patch per minor."""
    found = {}  # minor -> (patch, is_running, path)

    def offer(minor, patch, path, running):
        if minor not in wanted_minors:
            return
        cur = found.get(minor)
        key = (patch, running)
        if cur is None or key > (cur[0], cur[1]):
            found[minor] = (patch, running, path)

    root = pyenv_root()
    if root:
        print("pyenv root: %s" % root)
        for d in sorted(glob.glob(os.path.join(root, "versions", "3.*"))):
            name = os.path.basename(d)
            m = re.match(r"^3\.(\d+)\.(\d+)$", name)
            exe = os.path.join(d, "bin", "python3")
            if not m:
                continue  # e.g. 3.13.0t, 3.12-dev, miniconda...: not a plain CPython release
            if not os.access(exe, os.X_OK):
                print("  note: %s has no bin/python3, ignored" % d)
                continue
            offer(int(m.group(1)), int(m.group(2)), exe, False)
    v = sys.version_info
    if v[0] == 3:
        offer(v[1], v[2], sys.executable, True)

    result = {}
    for minor in sorted(found):
        patch, _, path = found[minor]
        actual = interpreter_version(path)
        if actual[:2] != (3, minor):
            print("  note: %s reports %s, expected 3.%d; skipped" % (path, actual, minor))
            continue
        result["3.%d" % minor] = (path, actual)
    return result


def discover_forky(wanted_minors):
    """Return {"3.X.Y": (wrapper, (3, X, Y))} for the forky interpreters that exist."""
    result = {}
    for minor in FORKY_MINORS:
        if minor not in wanted_minors:
            continue
        wrapper = os.path.join(FORKY_CACHE, "bin", "python3.%d" % minor)
        if not os.access(wrapper, os.X_OK):
            print("  MISSING forky 3.%d -> %s not made (run `sudo ci/reference-pythons`), skipped"
                  % (minor, wrapper))
            continue
        actual = interpreter_version(wrapper)
        result["%d.%d.%d" % actual] = (wrapper, actual)
    return result


def run_workers(interps, inputs_path, out_dir):
    """Run the workers concurrently; return {minor: (ok, seconds)}."""
    procs = {}
    start = time.time()
    for minor, (python, _) in sorted(interps.items()):
        out = os.path.join(out_dir, out_name(minor))
        # minor is the label: "3.X" or "3.X.Y"
        procs[minor] = subprocess.Popen(
            [python, WORKER, inputs_path, out],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True,
            env=dict(os.environ, PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1"),
        )
    results = {}
    for minor, p in sorted(procs.items()):
        output, _ = p.communicate()
        results[minor] = (p.returncode == 0, time.time() - start)
        if p.returncode != 0:
            print("  %s worker FAILED (exit %d):\n%s" % (minor, p.returncode, output))
        elif output.strip():
            print("  %s worker output:\n%s" % (minor, output))
    return results


# =============================================================================================


def parse_versions(text):
    minors = []
    for part in text.split(","):
        part = part.strip()
        m = re.match(r"^3\.(\d+)$", part)
        if not m or int(m.group(1)) not in MINORS + FORKY_MINORS:
            raise argparse.ArgumentTypeError(
                "%r: expected a comma-separated list of 3.8 ... 3.15" % part)
        minors.append(int(m.group(1)))
    return sorted(set(minors))


def main():
    ap = argparse.ArgumentParser(
        description=(
            "Regenerate the golden vectors in %s: build the deterministic inputs "
            "(random.Random(%d)) into %s, then run _worker.py under every installed "
            "CPython 3.8-3.13 (pyenv's newest patch per minor, plus this interpreter), each "
            "writing cpython-3.X.json, and the forky 3.13-3.15 of ci/reference-pythons, each "
            "writing cpython-3.X.Y.json. Missing versions are reported and skipped."
            % (os.path.relpath(HERE), SEED, INPUTS_NAME)),
        epilog="The encoding is described in README.md in the same directory.",
    )
    ap.add_argument("--versions", type=parse_versions,
                    default=sorted(set(MINORS + FORKY_MINORS)), metavar="3.X,3.Y",
                    help="only these minor versions, e.g. --versions 3.8,3.12 (default: all of "
                         "3.8-3.15 that are installed)")
    ap.add_argument("--check", action="store_true",
                    help="regenerate into a temporary directory and compare byte for byte with "
                         "the committed files; exit 1 if anything differs or is missing (the "
                         "committed files are not touched)")
    args = ap.parse_args()

    t0 = time.time()
    print("python running this script: %s (%s)" % (sys.executable, sys.version.split()[0]))
    interps = discover(set(args.versions))
    print("versions wanted: %s" % ", ".join("3.%d" % m for m in args.versions))
    for minor in args.versions:
        if minor not in MINORS:
            continue
        if "3.%d" % minor in interps:
            path, v = interps["3.%d" % minor]
            print("  found   3.%d -> %d.%d.%d  %s" % (minor, v[0], v[1], v[2], path))
        else:
            print("  MISSING 3.%d -> not installed, skipped" % minor)
    forky = discover_forky(set(args.versions))
    for label, (path, _) in sorted(forky.items()):
        print("  found   forky %s  %s" % (label, path))
    interps.update(forky)
    if not interps:
        print("no interpreter found; nothing to do")
        return 1 if args.check else 0

    inputs = build_inputs()
    text = inputs_text(inputs)
    counts = {}
    for i in inputs:
        counts[i["tag"]] = counts.get(i["tag"], 0) + 1
    print("inputs: %d  (%s)" % (len(inputs), ", ".join("%s %d" % kv for kv in counts.items())))

    tmp = tempfile.mkdtemp(prefix="golden-") if args.check else None
    try:
        out_dir = tmp or HERE
        inputs_path = os.path.join(out_dir, INPUTS_NAME)
        with open(inputs_path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        results = run_workers(interps, inputs_path, out_dir)
        failed = [m for m, (ok, _) in results.items() if not ok]

        names = [INPUTS_NAME] + [out_name(m) for m in sorted(results) if results[m][0]]
        differ = []
        for name in names:
            path = os.path.join(out_dir, name)
            size = os.path.getsize(path)
            line = "  %-18s %9d bytes (%.2f MB)" % (name, size, size / 1e6)
            if args.check:
                committed = os.path.join(HERE, name)
                if not os.path.exists(committed):
                    line += "  MISSING in %s" % os.path.relpath(HERE)
                    differ.append(name)
                elif filecmp.cmp(path, committed, shallow=False):
                    line += "  identical"
                else:
                    line += "  DIFFERS"
                    differ.append(name)
            print(line)
        print("done in %.1f s" % (time.time() - t0))
        if failed:
            print("FAILED workers: %s" % ", ".join(failed))
            return 1
        if args.check:
            if differ:
                print("check FAILED: %s differ from the committed files" % ", ".join(differ))
                return 1
            print("check OK: regenerated files are byte-identical to the committed ones")
        return 0
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
