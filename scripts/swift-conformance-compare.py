#!/usr/bin/env python3
"""Compares `asynclint dump-summary` output with the swift-syntax oracle's, file by file.

Usage: swift-conformance-compare.py ORACLE.jsonl OURS.jsonl [--show CATEGORY] [--limit N]

Each category (functions, closures, calls, awaits) is compared as a multiset per file: an item
of the oracle is matched when ours has an identical one. Prints matched/total and our extras,
then exits non-zero below the targets: 100 % of functions and awaits, 99.9 % of calls and
closures, and no file missing from our output (a crash or a hang).
"""
import json
import sys
from collections import Counter

TARGETS = {"functions": 100.0, "awaits": 100.0, "calls": 99.9, "closures": 99.9}


def load(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line.startswith("{"):
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                continue
            out[obj["path"]] = obj
    return out


def main():
    args = sys.argv[1:]
    show, limit = None, 20
    if "--show" in args:
        k = args.index("--show"); show = args[k + 1]; del args[k:k + 2]
    if "--limit" in args:
        k = args.index("--limit"); limit = int(args[k + 1]); del args[k:k + 2]
    oracle, ours = load(args[0]), load(args[1])
    totals = {c: [0, 0, 0] for c in TARGETS}  # matched, total, extras
    missing = [p for p in oracle if p not in ours or "error" in ours[p]]
    shown = 0
    for path, o in sorted(oracle.items()):
        u = ours.get(path)
        if u is None or "error" in u:
            for c in TARGETS:
                totals[c][1] += len(o.get(c, []))
            continue
        for c in TARGETS:
            a = Counter(tuple(x) for x in o.get(c, []))
            b = Counter(tuple(x) for x in u.get(c, []))
            m = sum((a & b).values())
            totals[c][0] += m
            totals[c][1] += sum(a.values())
            totals[c][2] += sum((b - a).values())
            if show == c and (a - b or b - a) and shown < limit:
                shown += 1
                print(f"--- {path}")
                for x in sorted((a - b).elements()):
                    print("   missing", list(x))
                for x in sorted((b - a).elements()):
                    print("   extra  ", list(x))
    ok = True
    print(f"files: {len(oracle)} (ours: {len(ours)}), crashed or missing: {len(missing)}")
    for p in missing[:20]:
        print("   missing output:", p)
    if missing:
        ok = False
    for c, (m, t, x) in totals.items():
        pct = 100.0 * m / t if t else 100.0
        flag = "ok" if pct >= TARGETS[c] else "BELOW TARGET"
        if pct < TARGETS[c]:
            ok = False
        print(f"{c:10s} {m:7d}/{t:<7d} {pct:8.3f} %  extras {x:6d}  (target {TARGETS[c]} %) {flag}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
