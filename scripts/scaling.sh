#!/usr/bin/env bash
# Scaling check: doubling the input must cost at most 2.2x the time (no quadratic corner).
# Three inputs, each at size N and 2N, every core:
#   corpus  the Python corpus, then the corpus twice (hard-linked copies under two names)
#   big     one Python file of 25 MB, then one of 50 MB
#   tiny    a directory of 25,000 tiny files, then one of 50,000
# Each size is run several times; the ratio compares the fastest CPU times (user + system, from
# the child's rusage: less sensitive to a loaded machine than wall time). The findings must double
# exactly too (same files under two names, the same text twice over): a cheap correctness check.
#
#   scripts/scaling.sh                    # full sizes, bound 2.2, 3 runs per size
#   scripts/scaling.sh --quick            # CI: small sizes, generous bound 3.0 (cannot flake)
#   scripts/scaling.sh --scratch-path DIR --skip-build --python DIR --runs N --bound X
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0; scratch="${ASYNCLINT_BENCH_SCRATCH:-.build}"; build=1; py_dir=""; runs=""; bound=""
usage() { echo "usage: scripts/scaling.sh [--quick] [--scratch-path DIR] [--skip-build] [--python DIR] [--runs N] [--bound X]" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --scratch-path) [ $# -ge 2 ] || usage; scratch="$2"; shift ;;
    --skip-build) build=0 ;;
    --python) [ $# -ge 2 ] || usage; py_dir="$2"; shift ;;
    --runs) [ $# -ge 2 ] || usage; runs="$2"; shift ;;
    --bound) [ $# -ge 2 ] || usage; bound="$2"; shift ;;
    *) usage ;;
  esac
  shift
done
if [ -z "$py_dir" ]; then
  py_dir=$(bash "${ASYNCLINT_SHARED:-../shared}/corpus/python.sh" .corpus/python | tail -1)
fi
if [ "$build" -eq 1 ]; then
  bash scripts/release-build.sh "$scratch" >/dev/null || exit 1
fi
bin="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/asynclint"
work=.bench/scaling
rm -rf "$work"; mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

python3 - "$bin" "$py_dir" "$work" "$quick" "${runs:-}" "${bound:-}" <<'PY'
import json, os, subprocess, sys, time

binary, corpus, work, quick = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
runs = int(sys.argv[5]) if sys.argv[5] else 3
bound = float(sys.argv[6]) if sys.argv[6] else (3.0 if quick else 2.2)

def run(paths):
    """Fastest user+sys CPU time and wall time of `runs` runs, and the parsed report."""
    best_cpu = best_wall = None
    doc = None
    for _ in range(runs):
        out = os.path.join(work, "out.json")
        with open(out, "wb") as f:
            start = time.monotonic()
            proc = subprocess.Popen([binary, "check", "--format", "json", *paths], stdout=f,
                                    stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, cwd=work)
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.monotonic() - start
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            sys.exit(f"FAIL: asynclint exited with {code} on {paths}")
        cpu = usage.ru_utime + usage.ru_stime
        best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
        best_wall = wall if best_wall is None else min(best_wall, wall)
        with open(out) as f:
            doc = json.load(f)
    return best_cpu, best_wall, doc

def python_files(root):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if name.endswith((".py", ".pyi")):
                yield os.path.join(dirpath, name)

def link_tree(src, dest):
    """Hard links of the tree's Python files (no copying of 76 MB), or copies across devices."""
    for path in python_files(src):
        target = os.path.join(dest, os.path.relpath(path, src))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        try:
            os.link(path, target)
        except OSError:
            with open(path, "rb") as a, open(target, "wb") as b:
                b.write(a.read())

failures = []
def compare(name, one, two, what):
    cpu1, wall1, doc1 = run(one)
    cpu2, wall2, doc2 = run(two)
    f1, f2 = len(doc1["findings"]), len(doc2["findings"])
    ratio = cpu2 / cpu1 if cpu1 > 0 else 0.0
    ok = ratio <= bound
    print(f"{name:<7} {what:<34} 1x: {cpu1:7.3f} s cpu {wall1:7.3f} s wall, {f1:6} findings | "
          f"2x: {cpu2:7.3f} s cpu {wall2:7.3f} s wall, {f2:6} findings | ratio {ratio:.2f} "
          f"(bound {bound}: {'ok' if ok else 'FAIL'})", flush=True)
    if not ok:
        failures.append(f"{name}: doubling cost {ratio:.2f}x (bound {bound})")
    if f2 != 2 * f1:
        failures.append(f"{name}: findings did not double ({f1} -> {f2})")

# 1. The corpus, then the corpus twice (quick: one package-sized part of it).
src = corpus
if quick:
    for candidate in ("stdlib/asyncio", "stdlib/email", "packages"):
        if os.path.isdir(os.path.join(corpus, candidate)):
            src = os.path.join(corpus, candidate); break
link_tree(src, os.path.join(work, "corpus", "a"))
link_tree(src, os.path.join(work, "corpus", "b"))
compare("corpus", ["corpus/a"], ["corpus/a", "corpus/b"], "corpus -> corpus twice")

# 2. One big file: real async code repeated (25 MB -> 50 MB; quick: 4 -> 8 MB).
seed_path = None
for path in python_files(corpus):
    if path.endswith("base_events.py") or seed_path is None:
        seed_path = path
        if path.endswith("base_events.py"):
            break
with open(seed_path, "rb") as f:
    seed = f.read()
if not seed.endswith(b"\n"):
    seed += b"\n"
size = (4 if quick else 25) * 1024 * 1024
copies = max(1, size // len(seed))
os.makedirs(os.path.join(work, "big"), exist_ok=True)
with open(os.path.join(work, "big", "one.py"), "wb") as f:
    f.write(seed * copies)
with open(os.path.join(work, "big", "two.py"), "wb") as f:
    f.write(seed * (2 * copies))
compare("big", ["big/one.py"], ["big/two.py"],
        f"one file {len(seed) * copies / 1e6:.0f} MB -> {2 * len(seed) * copies / 1e6:.0f} MB")

# 3. Many tiny files in one directory (25,000 -> 50,000; quick: 5,000 -> 10,000).
count = 5000 if quick else 25000
tiny = b"import time\n\nasync def handler():\n    time.sleep(1)\n"
for name, n in (("tiny1", count), ("tiny2", 2 * count)):
    d = os.path.join(work, name)
    os.makedirs(d)
    for i in range(n):
        with open(os.path.join(d, f"m{i:06}.py"), "wb") as f:
            f.write(tiny)
compare("tiny", ["tiny1"], ["tiny2"], f"{count:,} tiny files -> {2 * count:,}")

if failures:
    for failure in failures:
        print("FAIL: " + failure, file=sys.stderr)
    sys.exit(1)
print("scaling: ok")
PY
