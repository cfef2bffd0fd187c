#!/usr/bin/env python3
"""Seeds the fuzz corpora from the golden vectors' inputs (reference/golden/inputs.json).

Writes every input, in the byte format that fuzz/src/input.rs decodes, to fuzz/corpus/<target>/
for each target, a few times with different headers (profile, method, n), as files named
`seed-<id>-<variant>`. Idempotent: re-running rewrites the same files (the corpus directories are
gitignored, so ci/fuzz runs this every time). Files libFuzzer added are left alone.

    python3 fuzz/seed_corpus.py                      # both targets
    python3 fuzz/seed_corpus.py --out DIR            # only DIR/<target>/ (used by the tests)

The encoding uses the simplest item kinds: small ints (kind 7), i64 (kind 9), big ints (kind 11),
bools (kind 10) and raw float bits (kind 0), so every golden value, NaN payloads included, is
reproduced exactly. tests/fuzz_regressions.rs decodes these files with the Rust decoder and
checks them against inputs.json.
"""
import argparse
import json
import os
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGETS = ("core", "differential")

# Header choices per variant: (profile index into Profile::ALL, method selector, n byte).
# Profile::ALL = [py38, py310, py311, py313]; method selectors: 0 exclusive, 1 inclusive,
# 4.. numpy's names, 13 statrs; n byte b < 0xF0 means n = b - 16.
PY38, PY310, PY311, PY313 = range(4)
EXCLUSIVE, INCLUSIVE, STATRS = 0, 1, 13


def n_byte(n):
    assert -16 <= n <= 223
    return n + 16


def header(profile, method, n):
    return bytes([profile, method, n_byte(n)])


def variants(case_id):
    """Three headers per input: the default call under 3.11, inclusive under a rotating profile
    and n, and a third method (numpy's, statrs, or a junk name) under another profile."""
    profiles = [PY38, PY310, PY311, PY313]
    ns = [4, 1, 2, 3, 10, 100, 0, -1, 5, 7]
    yield header(PY311, EXCLUSIVE, 4)
    yield header(profiles[case_id % 4], INCLUSIVE, ns[case_id % len(ns)])
    other = 4 + case_id % 10  # numpy's nine names and statrs (selectors 4..13)
    if case_id % 7 == 0:
        junk = "bogus" if case_id % 2 else "Exclusive\u00e9'\""
        raw = junk.encode("utf-8")
        yield bytes([profiles[(case_id + 1) % 4], 14, len(raw)]) + raw + bytes([n_byte(4)])
    else:
        yield header(profiles[(case_id + 2) % 4], other, ns[(case_id + 3) % len(ns)])


def encode_number(x):
    if "b" in x:
        return bytes([10 | (0x10 if x["b"] else 0)])
    if "i" in x:
        i = int(x["i"])
        if -128 <= i <= 127:
            return bytes([7, i & 0xFF])
        if -(2**63) <= i < 2**63:
            return bytes([9]) + struct.pack("<q", i)
        magnitude = abs(i).to_bytes((abs(i).bit_length() + 7) // 8, "little")
        if len(magnitude) > 255:
            raise ValueError("int too large for the seed encoding")
        return bytes([11 | (0x10 if i < 0 else 0), len(magnitude)]) + magnitude
    if "bits" in x:
        return bytes([0]) + struct.pack("<Q", int(x["bits"], 16))
    return bytes([0]) + struct.pack("<d", float.fromhex(x["f"]))


def encode_data(data):
    return b"".join(encode_number(x) for x in data)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", default=os.path.join(ROOT, "reference", "golden", "inputs.json"))
    parser.add_argument("--out", default=os.path.join(ROOT, "fuzz", "corpus"))
    args = parser.parse_args()
    with open(args.inputs) as f:
        inputs = json.load(f)["inputs"]
    written = 0
    for target in TARGETS:
        directory = os.path.join(args.out, target)
        os.makedirs(directory, exist_ok=True)
        for case in inputs:
            body = encode_data(case["data"])
            for v, head in enumerate(variants(case["id"])):
                path = os.path.join(directory, "seed-%03d-%d" % (case["id"], v))
                content = head + body
                try:
                    with open(path, "rb") as f:
                        if f.read() == content:
                            continue
                except FileNotFoundError:
                    pass
                with open(path, "wb") as f:
                    f.write(content)
                written += 1
    print("seed_corpus: %d inputs x %d variants x %d targets (%d files written) in %s"
          % (len(inputs), 3, len(TARGETS), written, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
