#!/usr/bin/env bash
# Benchmarks asynclint against ruff (Python) and the Swift compiler's parser (Swift), with `cat`
# of the same files as the I/O floor. Alternates the commands of each pair (A B A B …) after a
# warm-up and reports medians, ratios, peak RSS and lines per second; writes .bench/results.json.
#
#   scripts/bench.sh                 # both corpora, 7 counted runs per command
#   scripts/bench.sh --quick         # smoke test: 1 counted run; fails only on a crash or a wrong result
#   scripts/bench.sh --runs 11       # more runs
#   scripts/bench.sh --python DIR    # any Python tree instead of the corpus
#   scripts/bench.sh --swift DIR     # any Swift tree instead of the corpus
set -euo pipefail
cd "$(dirname "$0")/.."
runs=7; quick=0; py_dir=""; swift_dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1; runs=1 ;;
    --runs) runs="$2"; shift ;;
    --python) py_dir="$2"; shift ;;
    --swift) swift_dir="$2"; shift ;;
    *) echo "usage: scripts/bench.sh [--quick] [--runs N] [--python DIR] [--swift DIR]" >&2; exit 2 ;;
  esac
  shift
done
shared="${ASYNCLINT_SHARED:-../shared}"
[ -n "$py_dir" ] || py_dir=$("$shared/corpus/python.sh" .corpus/python | tail -1)
[ -n "$swift_dir" ] || swift_dir=$("$shared/corpus/swift.sh" .corpus/swift | tail -1)

echo "== building asynclint (release)" >&2
swift build -c release --product asynclint >&2
bin="$(swift build -c release --show-bin-path)/asynclint"

mkdir -p .bench
if [ ! -x .bench/venv/bin/ruff ] || ! .bench/venv/bin/ruff --version | grep -q '0.17.5'; then
  echo "== installing ruff 0.17.5 into .bench/venv" >&2
  python3 -m venv .bench/venv
  .bench/venv/bin/pip install -q ruff==0.17.5
fi

python3 scripts/bench_runner.py --bin "$bin" --ruff .bench/venv/bin/ruff --python "$py_dir" \
  --swift "$swift_dir" --runs "$runs" --quick "$quick" --out .bench/results.json
