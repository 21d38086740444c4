"""Times command pairs alternately (A B A B ...) and reports medians, ratios, peak RSS and lines/s.

Each run is one child process; wall time from a monotonic clock, peak RSS from os.wait4's rusage
(the child's own maximum resident set). Called by scripts/bench.sh.
"""
import argparse, json, os, statistics, subprocess, sys, tempfile, time


def source_files(root, suffix):
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.endswith(suffix):
                found.append(os.path.join(dirpath, name))
    return found


def count_lines(paths):
    total = 0
    for p in paths:
        with open(p, "rb") as f:
            total += f.read().count(b"\n")
    return total


def run_once(argv, stdout_path=None):
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    if stdout_path:
        out.close()
    code = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024.0, code   # ru_maxrss is in KiB on Linux


def bench_pair(name, a, b, runs, quick, lines, ok_codes):
    """a and b are (label, argv, accepted exit codes). Returns a result dict."""
    times = {a[0]: [], b[0]: []}
    rss = {a[0]: 0.0, b[0]: 0.0}
    for i in range(runs + 1):          # the first round is the warm-up
        for label, argv, codes in (a, b):
            wall, peak, code = run_once(argv)
            if code not in codes:
                print(f"FAIL: {label} exited with {code}: {' '.join(argv[:4])} ...", file=sys.stderr)
                sys.exit(1)
            if i > 0:
                times[label].append(wall)
                rss[label] = max(rss[label], peak)
    result = {"name": name, "lines": lines, "runs": runs, "commands": {}}
    for label, _, _ in (a, b):
        med = statistics.median(times[label])
        result["commands"][label] = {
            "median_s": round(med, 4), "min_s": round(min(times[label]), 4),
            "max_s": round(max(times[label]), 4), "peak_rss_mb": round(rss[label], 1),
            "lines_per_s": int(lines / med) if med > 0 else None,
        }
    ma = result["commands"][a[0]]["median_s"]; mb = result["commands"][b[0]]["median_s"]
    result["ratio"] = round(ma / mb, 3) if mb > 0 else None
    return result


def print_table(results):
    print(f"{'benchmark':<10} {'command':<22} {'median s':>9} {'min s':>7} {'max s':>7} {'RSS MB':>8} {'lines/s':>12}")
    for r in results:
        for label, c in r["commands"].items():
            print(f"{r['name']:<10} {label:<22} {c['median_s']:>9.3f} {c['min_s']:>7.3f} {c['max_s']:>7.3f} "
                  f"{c['peak_rss_mb']:>8.1f} {c['lines_per_s'] or 0:>12,}")
        labels = list(r["commands"])
        print(f"{r['name']:<10} ratio {labels[0]} / {labels[1]} = {r['ratio']}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin"); ap.add_argument("--ruff"); ap.add_argument("--python"); ap.add_argument("--swift")
    ap.add_argument("--runs", type=int, default=7); ap.add_argument("--quick", type=int, default=0)
    ap.add_argument("--out")
    args = ap.parse_args()

    py_files = source_files(args.python, ".py")
    sw_files = source_files(args.swift, ".swift")
    py_lines = count_lines(py_files); sw_lines = count_lines(sw_files)
    tmp = tempfile.mkdtemp(prefix="asynclint-bench-")
    # The compiler reads its file list from a response file; paths with spaces are quoted.
    filelist = os.path.join(tmp, "swift-files.txt")
    with open(filelist, "w") as f:
        for p in sw_files:
            f.write('"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"\n')
    cat_py = os.path.join(tmp, "cat-py.sh"); cat_sw = os.path.join(tmp, "cat-swift.sh")
    for path, files in ((cat_py, py_files), (cat_sw, sw_files)):
        with open(os.path.join(tmp, os.path.basename(path) + ".list"), "wb") as f:
            f.write(b"\0".join(os.fsencode(p) for p in files))
        with open(path, "w") as f:
            f.write(f"xargs -0 cat < '{path}.list' > /dev/null\n")

    nproc = os.cpu_count()
    print(f"machine: nproc={nproc}; python corpus {len(py_files)} files, {py_lines:,} lines; "
          f"swift corpus {len(sw_files)} files, {sw_lines:,} lines; {args.runs} counted runs after a warm-up")

    # A wrong result is a failure even in --quick: the JSON must parse and list findings.
    for tree in (args.python, args.swift):
        out = os.path.join(tmp, "check.json")
        _, _, code = run_once([args.bin, "check", "--format", "json", tree], out)
        if code not in (0, 1):
            print(f"FAIL: asynclint check {tree} exited with {code}", file=sys.stderr); sys.exit(1)
        with open(out) as f:
            doc = json.load(f)
        if doc.get("version") != 1 or "findings" not in doc or doc["summary"]["files"] == 0:
            print(f"FAIL: asynclint produced an unexpected report for {tree}", file=sys.stderr); sys.exit(1)

    results = []
    lint = (0, 1)
    results.append(bench_pair("python",
        ("asynclint", [args.bin, "check", "--format", "json", args.python], lint),
        ("ruff", [args.ruff, "check", "--no-cache", "--isolated", "--select", "ASYNC,RUF006", "--exit-zero", args.python], (0,)),
        args.runs, args.quick, py_lines, lint))
    swiftc = "swiftc"
    results.append(bench_pair("swift",
        ("asynclint", [args.bin, "check", "--format", "json", args.swift], lint),
        ("swiftc-parse", [swiftc, "-frontend", "-parse", "-enable-bare-slash-regex", "@" + filelist], (0, 1)),
        args.runs, args.quick, sw_lines, lint))
    results.append(bench_pair("io-floor",
        ("cat-python", ["sh", cat_py], (0,)), ("cat-swift", ["sh", cat_sw], (0,)),
        args.runs, args.quick, py_lines + sw_lines, (0,)))
    print_table(results)
    with open(args.out, "w") as f:
        json.dump({"nproc": nproc, "results": results}, f, indent=2, sort_keys=True)
        f.write("\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
