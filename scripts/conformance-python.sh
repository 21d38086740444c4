#!/usr/bin/env bash
# Measures the Python front end against CPython's `ast` on the Python corpus (../shared/corpus).
# Prints the agreement per category (functions, closures, calls, awaits), the files CPython
# rejects and the files asynclint crashed on; exits non-zero below the targets (100 % of
# functions and awaits, 99.9 % of call sites, no crash).
#   scripts/conformance-python.sh [--skip-build]
# PYTHON_CONFORMANCE_EXTRA="DIR…" adds the .py files under more directories, e.g. a newer
# CPython's standard library for PEP 695/701 syntax (/root/.pyenv/versions/3.13.0/lib/python3.13).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
corpus=.corpus/python
work=.corpus/python-conformance
mkdir -p "$work"

elapsed() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }'; }

bash ../shared/corpus/python.sh "$corpus" >"$work/corpus.log" 2>&1 || { cat "$work/corpus.log"; echo "corpus build failed"; exit 2; }

if [ "${1:-}" != "--skip-build" ]; then
  bash scripts/release-build.sh >/dev/null || exit 2
fi
bin="$root/.build/release/asynclint"

# CPython 3.13 parses every file of the corpus; fall back to the newest 3.1x there is.
oracle_python=()
if PYENV_VERSION=3.13.0 python3.13 -c 'pass' 2>/dev/null; then
  oracle_python=(env PYENV_VERSION=3.13.0 python3.13)
else
  for v in 3.19 3.18 3.17 3.16 3.15 3.14 3.13 3.12 3.11 3.10; do
    if command -v "python$v" >/dev/null 2>&1 && "python$v" -c 'pass' 2>/dev/null; then oracle_python=("python$v"); break; fi
  done
  [ ${#oracle_python[@]} -gt 0 ] || oracle_python=(python3)
fi
version=$("${oracle_python[@]}" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')

# shellcheck disable=SC2086
find "$corpus" ${PYTHON_CONFORMANCE_EXTRA:-} -name '*.py' -type f | LC_ALL=C sort >"$work/files.txt"
count=$(wc -l <"$work/files.txt")
echo "corpus: $count files, $(cat "$work/files.txt" | tr '\n' '\0' | xargs -0 cat | wc -l) lines; oracle: CPython $version"

# The oracle's output only changes with the corpus or the oracle: keep it between runs.
oracle="$work/cpython-$version.jsonl"
stamp=$( (cat "$work/files.txt"; cat scripts/python_ast_summary.py; echo "$version") | cksum | cut -d' ' -f1)
if [ ! -f "$oracle" ] || [ "$(cat "$oracle.stamp" 2>/dev/null)" != "$stamp" ]; then
  start=$(date +%s.%N)
  "${oracle_python[@]}" scripts/python_ast_summary.py --jobs "$(nproc)" <"$work/files.txt" >"$oracle"
  echo "$stamp" >"$oracle.stamp"
  echo "oracle: $(elapsed "$start") s"
else
  echo "oracle: cached in $oracle"
fi

# One asynclint process for every file. If it dies (a crash), its buffered output may be cut
# short: keep the complete lines, find the culprit by running the next files one at a time,
# record it, and go on with one process for the rest.
ours="$work/asynclint.jsonl"
: >"$ours"
: >"$work/crashes.txt"
cp "$work/files.txt" "$work/remaining.txt"
crashes=0
start=$(date +%s.%N)
while [ -s "$work/remaining.txt" ]; do
  status=0
  timeout 900 "$bin" dump-summary --stdin <"$work/remaining.txt" >"$work/batch.jsonl" 2>"$work/stderr.txt" || status=$?
  python3 -c 'import sys; d=open(sys.argv[1],"rb").read(); open(sys.argv[1],"wb").write(d[:d.rfind(b"\n")+1])' "$work/batch.jsonl"
  cat "$work/batch.jsonl" >>"$ours"
  [ "$status" -eq 0 ] && break
  done_count=$(wc -l <"$work/batch.jsonl")
  tail -n "+$((done_count + 1))" "$work/remaining.txt" >"$work/rest.txt"
  : >"$work/remaining.txt"
  index=0
  while IFS= read -r file; do
    index=$((index + 1))
    one=0
    printf '%s\n' "$file" | timeout 60 "$bin" dump-summary --stdin >"$work/one.jsonl" 2>/dev/null || one=$?
    if [ "$one" -eq 0 ]; then cat "$work/one.jsonl" >>"$ours"; continue; fi
    crashes=$((crashes + 1))
    echo "crash: $file (status $one)" | tee -a "$work/crashes.txt"
    python3 -c 'import json,sys; print(json.dumps({"path": sys.argv[1], "error": "crash"}))' "$file" >>"$ours"
    tail -n "+$((index + 1))" "$work/rest.txt" >"$work/remaining.txt"
    break
  done <"$work/rest.txt"
done
echo "asynclint dump-summary: $(elapsed "$start") s for $count files (one process)"

python3 scripts/compare_python_summaries.py "$oracle" "$ours" --crashed "$crashes"
