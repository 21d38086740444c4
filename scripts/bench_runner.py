"""Times command pairs alternately (A B A B ...) and reports medians, ratios, peak RSS and lines/s.

Each run is one child process; wall time from a monotonic clock. Peak RSS from one more, untimed
run under GNU time (see GNU_TIME), or else from os.wait4's rusage. Called by scripts/bench.sh,
which documents the options.

Before any timing, the results are checked (this is all `--quick` can fail on, besides a crash):
the JSON report parses, every source file was checked, and `--jobs 1` and every core print the
same bytes.
"""
import argparse, json, os, resource, shutil, statistics, subprocess, sys, tempfile, time

# The targets of issue 7 (medians, same machine, same run); printed, never enforced here: a
# shared, loaded machine makes wall times too noisy to fail a build on.
TARGETS = {"python": 0.5, "swift": 0.1}
RSS_LIMIT_MB = 64.0
SINGLE_FILE_LIMIT_S = 0.020


def source_files(root, suffixes):
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.endswith(suffixes):
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


# GNU time reports a command's own peak RSS. `ru_maxrss` from os.wait4 cannot go below the
# forking Python's (about 18 MB): Linux keeps the high-water mark of the process image that
# exec replaced. So the RSS column comes from one more, untimed run under time(1) when it is
# installed, and from the timed runs' ru_maxrss otherwise.
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def own_peak_rss_mb(argv):
    """The command's peak RSS in MB from one untimed run under GNU time, or None."""
    if GNU_TIME is None:
        return None
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as out:
        subprocess.run([GNU_TIME, "-f", "%M", "-o", out.name] + argv, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        text = open(out.name).read().split()
    try:
        return int(text[-1]) / 1024.0
    except (IndexError, ValueError):
        return None


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def bench_pair(name, a, b, runs, lines, baseline=None, per_file=None):
    """a and b are (label, argv, accepted exit codes); b may be None (a alone). `baseline`, when
    given, is a third command timed in the same rotation (A B C A B C ...): another build of
    asynclint, so a change is measured against its parent within one run, not across the
    machine's slower and faster hours. `per_file`, when given, is asynclint with the rules of the
    project index left out (AL110, AL202): the same kind of work as ruff's per-file rules,
    reported beside the target's ratio, not instead of it. A dict back."""
    commands = [c for c in (a, b, baseline, per_file) if c is not None]
    times = {c[0]: [] for c in commands}
    rss = {c[0]: 0.0 for c in commands}
    for i in range(runs + 1):          # the first round is the warm-up
        for label, argv, codes in commands:
            wall, peak, code = run_once(argv)
            if code not in codes:
                fail(f"{label} exited with {code}: {' '.join(argv[:6])} ...")
            if i > 0:
                times[label].append(wall)
                rss[label] = max(rss[label], peak)
    # The timed runs' ru_maxrss is the command's own where it is above this process's peak (a
    # big command's, over every run); below that it says nothing, and the run under time(1)
    # tells.
    floor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    for label, argv, _ in commands:
        own = own_peak_rss_mb(argv)
        if own is not None:
            rss[label] = max(own, rss[label]) if rss[label] > floor * 1.05 else own
    result = {"name": name, "lines": lines, "runs": runs, "commands": {}}
    for label, _, _ in commands:
        med = statistics.median(times[label])
        result["commands"][label] = {
            "median_s": round(med, 4), "min_s": round(min(times[label]), 4),
            "max_s": round(max(times[label]), 4), "peak_rss_mb": round(rss[label], 1),
            "lines_per_s": int(lines / med) if med > 0 else None,
        }
    def ratio(x, y):
        mx = result["commands"][x[0]]["median_s"]; my = result["commands"][y[0]]["median_s"]
        return round(mx / my, 3) if my > 0 else None
    result["ratio"] = ratio(a, b) if b is not None else None
    if baseline is not None:
        result["baseline_ratio"] = ratio(a, baseline)
    if per_file is not None and b is not None:
        result["per_file_ratio"] = ratio(per_file, b)
    return result


def print_table(results):
    print(f"{'benchmark':<12} {'command':<14} {'median s':>9} {'min s':>7} {'max s':>7} {'RSS MB':>8} {'lines/s':>12}")
    for r in results:
        for label, c in r["commands"].items():
            print(f"{r['name']:<12} {label:<14} {c['median_s']:>9.3f} {c['min_s']:>7.3f} {c['max_s']:>7.3f} "
                  f"{c['peak_rss_mb']:>8.1f} {c['lines_per_s'] or 0:>12,}")
        labels = list(r["commands"])
        if r["ratio"] is not None:
            target = TARGETS.get(r["name"])
            verdict = "" if target is None else f"   (target <= {target}: {'met' if r['ratio'] <= target else 'NOT met'})"
            print(f"{r['name']:<12} ratio {labels[0]} / {labels[1]} = {r['ratio']}{verdict}")
        if r.get("baseline_ratio") is not None:
            print(f"{r['name']:<12} ratio {labels[0]} / baseline = {r['baseline_ratio']}")
        if r.get("per_file_ratio") is not None:
            print(f"{r['name']:<12} ratio per-file / {labels[1]} = {r['per_file_ratio']}"
                  "   (informative: asynclint --ignore AL110,AL202, without the project index)")


def check_results(binary, tree, expected_files, tmp):
    """The report parses, lists every file and does not depend on the number of threads."""
    one = os.path.join(tmp, "one.json"); every = os.path.join(tmp, "every.json")
    _, _, code_one = run_once([binary, "check", "--format", "json", "--jobs", "1", tree], one)
    _, _, code_every = run_once([binary, "check", "--format", "json", tree], every)
    for code, label in ((code_one, "--jobs 1"), (code_every, "every core")):
        if code not in (0, 1):
            fail(f"asynclint check {label} {tree} exited with {code}")
    with open(every, "rb") as f:
        text = f.read()
    with open(one, "rb") as f:
        if f.read() != text:
            fail(f"asynclint's report on {tree} differs between --jobs 1 and every core")
    doc = json.loads(text)
    if doc.get("version") != 1 or "findings" not in doc:
        fail(f"asynclint produced an unexpected report for {tree}")
    files = doc["summary"].get("files")
    if files != expected_files:
        fail(f"asynclint checked {files} files of {tree}, expected {expected_files}")
    return doc


def single_file(py_files, tmp):
    """A copy of a corpus file of about 300 lines (the pre-commit case: one file, one process)."""
    best = None
    for p in py_files:
        with open(p, "rb") as f:
            n = f.read().count(b"\n")
        if best is None or abs(n - 300) < abs(best[1] - 300):
            best = (p, n)
        if n == 300:
            break
    path = os.path.join(tmp, "single", "one_file.py")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    shutil.copyfile(best[0], path)
    return path, best[1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin"); ap.add_argument("--ruff", default=""); ap.add_argument("--python"); ap.add_argument("--swift")
    ap.add_argument("--runs", type=int, default=7); ap.add_argument("--quick", type=int, default=0)
    ap.add_argument("--out"); ap.add_argument("--baseline", default="")
    args = ap.parse_args()

    py_files = source_files(args.python, (".py", ".pyi"))
    sw_files = source_files(args.swift, (".swift",))
    py_lines = count_lines(py_files); sw_lines = count_lines(sw_files)
    tmp = tempfile.mkdtemp(prefix="asynclint-bench-")
    try:
        # The compiler reads its file list from a response file; paths with spaces are quoted.
        filelist = os.path.join(tmp, "swift-files.txt")
        with open(filelist, "w") as f:
            for p in sw_files:
                f.write('"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"\n')
        cat_py = os.path.join(tmp, "cat-py.sh"); cat_sw = os.path.join(tmp, "cat-swift.sh")
        for path, files in ((cat_py, py_files), (cat_sw, sw_files)):
            with open(path + ".list", "wb") as f:
                f.write(b"\0".join(os.fsencode(p) for p in files))
            with open(path, "w") as f:
                f.write(f"xargs -0 cat < '{path}.list' > /dev/null\n")

        nproc = os.cpu_count()
        print(f"machine: nproc={nproc}; python corpus {len(py_files)} files, {py_lines:,} lines; "
              f"swift corpus {len(sw_files)} files, {sw_lines:,} lines; {args.runs} counted runs after a warm-up",
              flush=True)

        # A wrong result is a failure even in --quick.
        doc_py = check_results(args.bin, args.python, len(py_files), tmp)
        doc_sw = check_results(args.bin, args.swift, len(sw_files), tmp)
        print(f"checked: python {doc_py['summary']['files']} files, {len(doc_py['findings'])} findings; "
              f"swift {doc_sw['summary']['files']} files, {len(doc_sw['findings'])} findings; "
              "identical with --jobs 1", flush=True)
        if args.baseline:
            # Informative only: a change under measurement may change the findings on purpose.
            for tree, doc in ((args.python, doc_py), (args.swift, doc_sw)):
                path = os.path.join(tmp, "baseline.json")
                _, _, code = run_once([args.baseline, "check", "--format", "json", tree], path)
                if code not in (0, 1):
                    fail(f"the baseline {args.baseline} exited with {code} on {tree}")
                with open(path, "rb") as f:
                    same = json.loads(f.read()) == doc
                print(f"baseline {args.baseline} on {tree}: report {'identical' if same else 'DIFFERS'}", flush=True)

        lint = (0, 1)
        results = []
        ruff_cmd = lambda tree: ("ruff", [args.ruff, "check", "--no-cache", "--isolated", "--select",
                                          "ASYNC,RUF006", "--exit-zero", tree], (0,))
        baseline = lambda tree: ("baseline", [args.baseline, "check", "--format", "json", tree], lint) \
            if args.baseline else None
        per_file = lambda tree: ("per-file", [args.bin, "check", "--format", "json", "--ignore", "AL110,AL202", tree], lint)
        results.append(bench_pair("python",
            ("asynclint", [args.bin, "check", "--format", "json", args.python], lint),
            ruff_cmd(args.python) if args.ruff else None, args.runs, py_lines, baseline(args.python),
            per_file(args.python)))
        swiftc = shutil.which("swiftc")
        results.append(bench_pair("swift",
            ("asynclint", [args.bin, "check", "--format", "json", args.swift], lint),
            ("swiftc-parse", [swiftc, "-frontend", "-parse", "-enable-bare-slash-regex", "@" + filelist], (0, 1))
            if swiftc else None, args.runs, sw_lines, baseline(args.swift), per_file(args.swift)))
        results.append(bench_pair("io-floor",
            ("cat-python", ["sh", cat_py], (0,)), ("cat-swift", ["sh", cat_sw], (0,)),
            args.runs, py_lines + sw_lines))
        one, one_lines = single_file(py_files, tmp)
        single = bench_pair("single-file",
            ("asynclint", [args.bin, "check", "--format", "json", one], lint),
            ruff_cmd(one) if args.ruff else None, max(args.runs, 5 if not args.quick else 1), one_lines)
        results.append(single)
        print_table(results)
        for r in results:
            if r["name"] in ("python", "swift"):
                peak = r["commands"]["asynclint"]["peak_rss_mb"]
                print(f"{r['name']:<12} asynclint peak RSS {peak} MB (target <= {RSS_LIMIT_MB:.0f}: "
                      f"{'met' if peak <= RSS_LIMIT_MB else 'NOT met'})")
        t = single["commands"]["asynclint"]["median_s"]
        print(f"single-file  asynclint on one {one_lines}-line file: {t * 1000:.1f} ms "
              f"(target < {SINGLE_FILE_LIMIT_S * 1000:.0f} ms: {'met' if t < SINGLE_FILE_LIMIT_S else 'NOT met'})")
        with open(args.out, "w") as f:
            json.dump({"nproc": nproc, "quick": bool(args.quick), "baseline": args.baseline or None, "results": results}, f, indent=2, sort_keys=True)
            f.write("\n")
        print(f"wrote {args.out}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
