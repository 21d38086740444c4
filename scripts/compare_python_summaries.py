#!/usr/bin/env python3
"""Compares asynclint's Python summaries with CPython's (`python_ast_summary.py`).

Usage: compare_python_summaries.py ORACLE.jsonl OURS.jsonl [--crashed N] [--examples K]

Prints, per category, how many of CPython's items we report (matched / total) and how many we
report that CPython does not (extras), the files CPython rejects, and the files we crashed on.
Files CPython rejects are left out of the percentages. Exits 1 below the targets: 100 % of
functions and awaits, 99.9 % of call sites, no crash.
"""
import json
import sys
from collections import Counter

TARGETS = {"functions": 100.0, "awaits": 100.0, "calls": 99.9}
CATEGORIES = ["functions", "closures", "calls", "awaits"]


def load(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            out[record["path"]] = record
    return out


def main():
    args = sys.argv[1:]
    crashed = 0
    examples = 8
    if "--crashed" in args:
        i = args.index("--crashed")
        crashed = int(args[i + 1])
        del args[i:i + 2]
    if "--examples" in args:
        i = args.index("--examples")
        examples = int(args[i + 1])
        del args[i:i + 2]
    oracle, ours = load(args[0]), load(args[1])
    rejected = [p for p, r in oracle.items() if "error" in r]
    missing = [p for p, r in oracle.items() if "error" not in r and (p not in ours or "error" in ours[p])]
    totals = {c: [0, 0, 0] for c in CATEGORIES}  # matched, total, extras
    samples = {c: [] for c in CATEGORIES}
    worst = Counter()
    for path, theirs in oracle.items():
        if "error" in theirs:
            continue
        mine = ours.get(path, {})
        for category in CATEGORIES:
            a = Counter(tuple(x) for x in theirs.get(category, []))
            b = Counter(tuple(x) for x in mine.get(category, []))
            matched = sum((a & b).values())
            totals[category][0] += matched
            totals[category][1] += sum(a.values())
            totals[category][2] += sum((b - a).values())
            if matched < sum(a.values()) or b - a:
                worst[path] += sum((a - b).values()) + sum((b - a).values())
                if len(samples[category]) < examples:
                    samples[category].append((path, sorted(a - b)[:3], sorted(b - a)[:3]))
    checked = len(oracle) - len(rejected)
    print(f"files: {len(oracle)} ({checked} parsed by CPython, {len(rejected)} rejected by CPython)")
    ok = True
    for category in CATEGORIES:
        matched, total, extras = totals[category]
        percent = 100.0 * matched / total if total else 100.0
        target = TARGETS.get(category)
        verdict = ""
        if target is not None:
            passed = percent >= target and (target < 100.0 or extras == 0)
            verdict = "ok" if passed else f"BELOW TARGET {target} %"
            ok = ok and passed
        print(f"{category:10s} {matched:>8d} / {total:<8d} {percent:8.3f} %   extras {extras:<6d} {verdict}")
    print(f"crashes: {crashed}; files without a summary from asynclint: {len(missing)}")
    if crashed or missing:
        ok = False
    for category in CATEGORIES:
        for path, lost, extra in samples[category]:
            print(f"  {category}: {path}\n      missing {lost}\n      extra   {extra}")
    if worst:
        print("files with the most disagreements:")
        for path, count in worst.most_common(examples):
            print(f"  {count:5d}  {path}")
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
