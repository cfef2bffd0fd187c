"""Reference worker of `rstats-parity --python PATH`: evaluates `statistics` calls and `stats_py`
in the interpreter that runs it, and answers with exact outcomes, one JSON line per request.

It must run unchanged on CPython 3.8 through 3.13: no `match`, no PEP 585/604 annotations, no
3.9+ str/dict methods, nothing outside the standard library.

Started as (the Rust side embeds this file and `stats.py`, so nothing has to be on disk):

    python3 -I -c "<this file>" --stats-source "<stats.py source>"
    python3 reference/parity_worker.py                 # stats.py is read from next to this file
    python3 reference/parity_worker.py --stats-path reference/stats.py

Protocol (UTF-8 JSON, one object per line; numbers encoded as in reference/golden/README.md:
{"i": "<decimal>"}, {"b": true}, {"f": "<float.hex()>"}, NaN as {"f": "nan", "bits": "<16 hex>"}):

    worker -> {"hello": {"version": sys.version, "version_info": [3, 11, 7],
                         "executable": sys.executable, "protocol": 1}}
    rust   -> {"id": 7, "data": [num, ...], "calls": [{"fn": "mean"},
               {"fn": "quantiles", "n": 4, "method": "exclusive"},
               {"fn": "stats_py", "method": "inclusive"}, ...]}
    worker -> {"id": 7, "outcomes": [outcome, ...]}       one outcome per call, in order
           or {"id": 7, "error": "<why the request could not be evaluated>"}

An outcome is {"ok": value} or {"err": {"type": type(e).__name__, "msg": str(e)}}; a value is a
number, a list of numbers (quantiles) or {"range": num, "quartiles": [...], "mean": num,
"stddev": num} (stats_py). Every call gets its own copy of the data list. The worker exits at the
end of its input.
"""
import json
import math
import os
import statistics
import struct
import sys

PROTOCOL = 1


# ---------------------------------------------------------------------------------------------
# Encoding (the same as reference/golden/_worker.py)


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
    # An encoding failure is a bug in the harness, not an outcome: the caller reports it.
    return {"ok": enc_value(result)}


# ---------------------------------------------------------------------------------------------


def load_stats_py(source, filename):
    namespace = {"__name__": "reference_stats"}
    exec(compile(source, filename, "exec"), namespace)
    return namespace["stats_py"]


SIMPLE = {
    "mean": statistics.mean,
    "median": statistics.median,
    "variance": statistics.variance,
    "stdev": statistics.stdev,
    "pvariance": statistics.pvariance,
    "pstdev": statistics.pstdev,
}


def evaluate_call(call, data, stats_py):
    name = call["fn"]
    if name in SIMPLE:
        return outcome(SIMPLE[name], list(data))
    if name == "quantiles":
        return outcome(statistics.quantiles, list(data), n=call["n"], method=call["method"])
    if name == "stats_py":
        return outcome(stats_py, list(data), method=call["method"])
    raise ValueError("unknown function %r" % (name,))


def answer(request, stats_py):
    data = [dec_num(x) for x in request["data"]]
    return {"id": request["id"],
            "outcomes": [evaluate_call(c, data, stats_py) for c in request["calls"]]}


def dumps(obj):
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True,
                      allow_nan=False)


def parse_args(argv):
    source, path = None, None
    i = 1
    while i < len(argv):
        if argv[i] == "--stats-source" and i + 1 < len(argv):
            source = argv[i + 1]
            i += 2
        elif argv[i] == "--stats-path" and i + 1 < len(argv):
            path = argv[i + 1]
            i += 2
        else:
            raise SystemExit("usage: parity_worker.py [--stats-source SRC | --stats-path PATH]")
    if source is None:
        if path is None:
            path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "stats.py")
        with open(path, "r", encoding="utf-8") as f:
            source = f.read()
    return source


def main(argv):
    # Python ints of any size travel as decimal strings (3.10.7+/3.11 limit them by default).
    if hasattr(sys, "set_int_max_str_digits"):
        sys.set_int_max_str_digits(0)
    stats_py = load_stats_py(parse_args(argv), "reference/stats.py")
    out = sys.stdout
    v = sys.version_info
    out.write(dumps({"hello": {"version": sys.version, "version_info": [v[0], v[1], v[2]],
                               "implementation": sys.implementation.name,
                               "executable": sys.executable, "protocol": PROTOCOL}}) + "\n")
    out.flush()
    for line in sys.stdin:
        if not line.strip():
            continue
        request_id = None
        try:
            request = json.loads(line)
            request_id = request.get("id")
            response = answer(request, stats_py)
        except Exception as e:  # a bad request or an unencodable result: report, keep serving
            response = {"id": request_id, "error": "%s: %s" % (type(e).__name__, e)}
        out.write(dumps(response) + "\n")
        out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
