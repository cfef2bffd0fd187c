"""Golden-vector worker: evaluate `statistics` and `stats_py` on every input, write the outcomes.

Usage:  python3 _worker.py INPUTS_JSON OUTPUT_JSON

Run by gen_golden.py once per interpreter.  It must run unchanged on CPython 3.8 through 3.13,
so: no `match`, no PEP 585/604 annotations, no 3.9+ str/dict methods.

The encoding is described in README.md next to this file; it is the contract with the Rust test
loader, so change it only together with that loader.
"""
import importlib.util
import json
import math
import os
import statistics
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
STATS_PY_PATH = os.path.join(HERE, os.pardir, "stats.py")

QUANTILE_NS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100]
METHODS = ["exclusive", "inclusive"]


def load_stats_py():
    spec = importlib.util.spec_from_file_location("reference_stats", STATS_PY_PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.stats_py


# ---------------------------------------------------------------------------------------------
# Encoding


class EncodeError(Exception):
    pass


def float_bits(x):
    return struct.pack(">d", x).hex()


def enc_num(x):
    # bool first: bool is a subclass of int.
    if type(x) is bool:
        return {"b": x}
    if type(x) is int:
        return {"i": str(x)}
    if type(x) is float:
        if math.isnan(x):
            return {"f": "nan", "bits": float_bits(x)}
        return {"f": x.hex()}
    raise EncodeError("unexpected result type %s: %r" % (type(x).__name__, x))


def dec_num(obj):
    if "b" in obj:
        return bool(obj["b"])
    if "i" in obj:
        return int(obj["i"])
    if "f" in obj:
        if "bits" in obj:
            return struct.unpack(">d", bytes.fromhex(obj["bits"]))[0]
        return float.fromhex(obj["f"])
    raise ValueError("bad number encoding: %r" % (obj,))


def enc_value(v):
    if isinstance(v, list):
        return [enc_num(x) for x in v]
    if isinstance(v, dict):
        # stats_py result
        return {
            "range": enc_num(v["range"]),
            "quartiles": [enc_num(x) for x in v["quartiles"]],
            "mean": enc_num(v["mean"]),
            "stddev": enc_num(v["stddev"]),
        }
    return enc_num(v)


def outcome(fn, *args, **kwargs):
    try:
        result = fn(*args, **kwargs)
    except Exception as e:
        return {"err": {"type": type(e).__name__, "msg": str(e)}}
    # An encoding failure is a bug in this harness, not an outcome: let it propagate.
    return {"ok": enc_value(result)}


# ---------------------------------------------------------------------------------------------


def evaluate(inp, stats_py):
    data = [dec_num(x) for x in inp["data"]]
    enc_data = [enc_num(x) for x in data]
    if enc_data != inp["data"]:
        raise ValueError("input %d does not round-trip through the encoding" % inp["id"])

    # Every call gets its own copy, so no function can see another's side effects.
    case = {"id": inp["id"], "tag": inp["tag"], "data": enc_data}
    for name in ["mean", "median", "variance", "stdev", "pvariance", "pstdev"]:
        case[name] = outcome(getattr(statistics, name), list(data))

    quantiles = {}
    for method in METHODS:
        quantiles[method] = dict(
            (str(n), outcome(statistics.quantiles, list(data), n=n, method=method))
            for n in QUANTILE_NS
        )
    quantiles["bogus"] = {"4": outcome(statistics.quantiles, list(data), n=4, method="bogus")}
    case["quantiles"] = quantiles
    case["quantiles_n0"] = outcome(statistics.quantiles, list(data), n=0)
    case["quantiles_neg"] = outcome(statistics.quantiles, list(data), n=-1)

    case["stats_py"] = dict(
        (method, outcome(stats_py, list(data), method=method))
        for method in ["exclusive", "inclusive", "bogus"]
    )
    return case


def dumps(obj):
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True,
                      allow_nan=False)


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: %s INPUTS_JSON OUTPUT_JSON\n" % argv[0])
        return 2
    in_path, out_path = argv[1], argv[2]
    with open(in_path, "r", encoding="utf-8") as f:
        inputs = json.load(f)["inputs"]

    stats_py = load_stats_py()
    cases = [dumps(evaluate(inp, stats_py)) for inp in inputs]

    v = sys.version_info
    text = "{%s,%s,%s[\n%s\n]}\n" % (
        '"python":' + dumps(sys.version),
        '"version":' + dumps([v[0], v[1], v[2]]),
        '"cases":',
        ",\n".join(cases),
    )
    tmp = out_path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, out_path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
