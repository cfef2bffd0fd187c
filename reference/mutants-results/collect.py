#!/usr/bin/env python3
"""Record a cargo-mutants run (one or more output directories) as text in this directory.

    python3 reference/mutants-results/collect.py [--union] NAME DIR [DIR ...]

writes NAME.txt: one line per mutant, "OUTCOME  mutant", sorted by mutant, and prints the counts
(caught / missed / timeout / unviable) and the run time of the outcomes. DIR is what `ci/mutants -o
DIR` (or `cargo mutants -o DIR`) wrote: DIR/mutants.out/outcomes.json. When several DIRs name the
same mutant, the last one wins; the first DIR (a shard) sets which mutants are recorded, the
others (re-runs of some of them: after new tests, or of a spurious timeout) only update them.
With --union every DIR adds its mutants (the full run: the accumulated record, then the
`--iterate` runs of the rest). A DIR without outcomes.json (the accumulated record) is read from
its caught.txt, missed.txt, timeout.txt and unviable.txt; a NAME.txt of this directory (an earlier
record, "OUTCOME  mutant" lines) is read as it was written. Missed mutants named in equivalent.txt
(argued in reference/MUTANTS.md) are counted apart, for the rate over the non-equivalent ones.
"""
import json
import sys
from pathlib import Path

EQUIVALENT = Path(__file__).parent / "equivalent.txt"
KINDS = {"CaughtMutant": "caught", "MissedMutant": "missed", "Timeout": "timeout", "Unviable": "unviable"}


def listed_outcomes(out):
    for kind in KINDS.values():
        listing = out / f"{kind}.txt"
        if listing.exists():
            for line in listing.read_text().splitlines():
                if line.strip():
                    yield line.strip(), kind, 0.0


def recorded_outcomes(record):
    for line in record.read_text().splitlines():
        if line.strip():
            kind, mutant = line.split(maxsplit=1)
            yield mutant, kind, 0.0


def outcomes(directory):
    if str(directory).endswith(".txt"):
        yield from recorded_outcomes(Path(directory))
        return
    path = Path(directory) / "mutants.out" / "outcomes.json"
    if not path.exists():
        yield from listed_outcomes(path.parent)
        return
    doc = json.loads(path.read_text())
    seconds = 0.0
    for o in doc["outcomes"]:
        seconds += sum(p["duration"] for p in o.get("phase_results", []))
        scenario = o["scenario"]
        if not isinstance(scenario, dict) or "Mutant" not in scenario:
            continue  # the unmutated baseline
        yield scenario["Mutant"]["name"], KINDS.get(o["summary"], o["summary"]), seconds
    print(f"{directory}: {seconds / 60:.1f} min of build and test", file=sys.stderr)


def main():
    args = sys.argv[1:]
    union = bool(args) and args[0] == "--union"
    if union:
        args = args[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    name, dirs = args[0], args[1:]
    result = {mutant: kind for mutant, kind, _ in outcomes(dirs[0])}
    for d in dirs[1:]:
        for mutant, kind, _ in outcomes(d):
            if union or mutant in result:
                result[mutant] = kind
    out = Path(__file__).parent / f"{name}.txt"
    out.write_text("".join(f"{kind:9} {m}\n" for m, kind in sorted(result.items())))
    counts = {k: sum(1 for v in result.values() if v == k) for k in KINDS.values()}
    viable = counts["caught"] + counts["missed"] + counts["timeout"]
    print(f"{name}: {len(result)} mutants; " + ", ".join(f"{k} {v}" for k, v in counts.items())
          + f"; caught / viable {counts['caught']}/{viable} = {100 * counts['caught'] / max(viable, 1):.1f} %")
    # The missed mutants reference/MUTANTS.md argues equivalent, one name a line.
    listed = set(EQUIVALENT.read_text().splitlines()) if EQUIVALENT.exists() else set()
    equivalent = sum(1 for m, v in result.items() if v == "missed" and m in listed)
    if equivalent:
        rest = viable - equivalent
        print(f"  equivalent (missed, in {EQUIVALENT.name}) {equivalent}; not equivalent and missed "
              f"{counts['missed'] - equivalent}; caught / non-equivalent viable "
              f"{counts['caught']}/{rest} = {100 * counts['caught'] / max(rest, 1):.1f} %, with the "
              f"timeouts {100 * (counts['caught'] + counts['timeout']) / max(rest, 1):.1f} %")


if __name__ == "__main__":
    main()
