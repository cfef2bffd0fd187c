#!/usr/bin/env python3
"""Generate numpy_quantiles.json: numpy's Hyndman & Fan cut points, the golden
data of tests/quantile_methods.rs.

For every input (sorted ascending) and every one of numpy's nine H&F methods,
and every n in GROUPS, the n - 1 cut points are
    numpy.quantile(data, numpy.array([i / n for i in range(1, n)]), method=m)
which is exactly how rstats::quantile::hyndman_fan::cut_points defines them.
Floats are written with float.hex() (exact, round-trippable; "inf", "-inf"
and "nan" can appear in the "overflow" case, where numpy's b - a overflows).

Size: every input has n = 1..=10; n = 100 (99 cut points x 9 methods, about
21 kB of hex per input) is kept for the hand-made inputs, the size-200 inputs
and every WITH_100_EVERY-th generated input, to keep the file under 4 MB.

Deterministic: a fixed seed, numpy's PCG64 generator. Rerun with
    python3 -m venv /tmp/npvenv && /tmp/npvenv/bin/pip install numpy
    /tmp/npvenv/bin/python reference/numpy_quantiles/gen_numpy_quantiles.py
"""

import json
import os
import sys

import numpy as np

METHODS = [
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
GROUPS = list(range(1, 11)) + [100]
SEED = 20240611
WITH_100_EVERY = 12
N_GENERATED = 282
TALK = [1.0, 3.0, 5.0, 7.0, 9.0, 10.0, 13.0, 84.0, 528.0]


def make_inputs():
    rng = np.random.default_rng(SEED)
    inputs = [("talk", TALK)]
    # Small hand-made edge cases.
    inputs.append(("single", [42.5]))
    inputs.append(("pair", [-1.0, 1.0]))
    inputs.append(("constant", [7.0] * 5))
    inputs.append(("tiny", [5e-324, 1e-300, 1e-200]))
    inputs.append(("huge", [-1e300, 1e300]))
    inputs.append(("mixed_sign", [-3.5, -1.25, 0.0, 2.0, 1e16]))
    # b - a overflows to inf inside numpy's _lerp: inf and nan cut points.
    inputs.append(("overflow", [-1.5e308, 1.5e308, 1.6e308]))
    kinds = ["uniform", "integers", "duplicates", "scaled"]
    sizes = list(range(1, 51))
    inputs = [(name, data, True) for name, data in inputs]
    for k in range(N_GENERATED):
        size = sizes[k % len(sizes)]
        kind = kinds[(k // len(sizes)) % len(kinds)]
        with_100 = k % WITH_100_EVERY == 0
        inputs.append((f"{kind}_{size}_{k}", draw(rng, kind, size), with_100))
    for kind in kinds:
        inputs.append((f"{kind}_200", draw(rng, kind, 200), True))
    return inputs


def draw(rng, kind, size):
    if kind == "uniform":
        x = rng.uniform(-100.0, 100.0, size)
    elif kind == "integers":
        x = rng.integers(-1000, 1000, size).astype(np.float64)
    elif kind == "duplicates":
        pool = rng.uniform(0.0, 10.0, max(1, size // 4))
        x = rng.choice(pool, size)
    else:  # "scaled": wide dynamic range, log-uniform magnitudes
        x = rng.choice([-1.0, 1.0], size) * 10.0 ** rng.uniform(-8, 8, size)
    # Never a signed zero: numpy partitions, which may swap -0.0 and 0.0.
    x = np.where(x == 0.0, 0.0, x)
    return [float(v) for v in np.sort(x)]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out_path = os.path.join(here, "numpy_quantiles.json")
    cases = []
    for name, data, with_100 in make_inputs():
        arr = np.array(data, dtype=np.float64)
        results = {}
        for method in METHODS:
            per_n = {}
            for n in GROUPS:
                if n == 100 and not with_100:
                    continue
                if n == 1:
                    per_n[str(n)] = []
                    continue
                q = np.array([i / n for i in range(1, n)])
                with np.errstate(over="ignore", invalid="ignore"):
                    cuts = np.quantile(arr, q, method=method)
                per_n[str(n)] = [float(c).hex() for c in cuts]
            results[method] = per_n
        cases.append({"name": name, "data": [v.hex() for v in data], "cut_points": results})
    doc = {
        "generator": "reference/numpy_quantiles/gen_numpy_quantiles.py",
        "numpy_version": np.__version__,
        "python_version": sys.version.split()[0],
        "seed": SEED,
        "groups": GROUPS,
        "methods": METHODS,
        "cases": cases,
    }
    with open(out_path, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {out_path}: {len(cases)} inputs, {os.path.getsize(out_path)} bytes")


if __name__ == "__main__":
    main()
