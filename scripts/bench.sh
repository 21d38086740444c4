#!/usr/bin/env bash
# Benchmarks asynclint against ruff (Python) and the Swift compiler's parser (Swift), with `cat`
# of the same files as the I/O floor. Alternates the commands of each pair (A B A B …) after a
# warm-up and reports medians, ratios, peak RSS and lines per second; writes .bench/results.json.
#
#   scripts/bench.sh                      # both corpora, 7 counted runs per command
#   scripts/bench.sh --quick              # smoke test: 1 counted run; fails only on a crash or a
#                                         # wrong result (never on timing)
#   scripts/bench.sh --runs 11            # more runs
#   scripts/bench.sh --python DIR         # any Python tree instead of the corpus
#   scripts/bench.sh --swift DIR          # any Swift tree instead of the corpus
#   scripts/bench.sh --scratch-path DIR   # SwiftPM scratch path of the release build (default .build)
#   scripts/bench.sh --skip-build         # use the binary already in the scratch path
#   scripts/bench.sh --baseline BINARY    # also time another asynclint build (say, the parent
#                                         # commit's) in the same rotation: prints its ratio
#
# Before timing anything it checks the results: the JSON report parses, every source file was
# checked, and the output is byte-identical with --jobs 1 and with every core.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=7; quick=0; py_dir=""; swift_dir=""; scratch="${ASYNCLINT_BENCH_SCRATCH:-.build}"; build=1; baseline=""
usage() { echo "usage: scripts/bench.sh [--quick] [--runs N] [--python DIR] [--swift DIR] [--scratch-path DIR] [--skip-build] [--baseline BINARY]" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1; runs=1 ;;
    --runs) [ $# -ge 2 ] || usage; runs="$2"; shift ;;
    --python) [ $# -ge 2 ] || usage; py_dir="$2"; shift ;;
    --swift) [ $# -ge 2 ] || usage; swift_dir="$2"; shift ;;
    --scratch-path) [ $# -ge 2 ] || usage; scratch="$2"; shift ;;
    --skip-build) build=0 ;;
    --baseline) [ $# -ge 2 ] || usage; baseline="$2"; shift ;;
    *) usage ;;
  esac
  shift
done
case "$runs" in ''|*[!0-9]*) usage ;; esac
[ "$runs" -ge 1 ] || usage
if [ -n "$baseline" ]; then
  [ -x "$baseline" ] || { echo "FAIL: no executable baseline at $baseline" >&2; exit 2; }
  baseline="$(cd "$(dirname "$baseline")" && pwd)/$(basename "$baseline")"
fi

shared="${ASYNCLINT_SHARED:-../shared}"
if [ -z "$py_dir" ]; then
  echo "== Python corpus" >&2
  py_dir=$(bash "$shared/corpus/python.sh" .corpus/python | tail -1)
fi
if [ -z "$swift_dir" ]; then
  echo "== Swift corpus" >&2
  swift_dir=$(bash "$shared/corpus/swift.sh" .corpus/swift | tail -1)
fi
[ -d "$py_dir" ] || { echo "FAIL: no Python tree at $py_dir" >&2; exit 2; }
[ -d "$swift_dir" ] || { echo "FAIL: no Swift tree at $swift_dir" >&2; exit 2; }

if [ "$build" -eq 1 ]; then
  echo "== building asynclint (release, $scratch)" >&2
  bash scripts/release-build.sh "$scratch" >/dev/null || exit 1
fi
bin="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/asynclint"
[ -x "$bin" ] || { echo "FAIL: no binary at $bin" >&2; exit 1; }

mkdir -p .bench
ruff=.bench/venv/bin/ruff
if [ ! -x "$ruff" ] || ! "$ruff" --version | grep -q '0\.17\.5'; then
  echo "== installing ruff 0.17.5 into .bench/venv" >&2
  if ! { python3 -m venv .bench/venv && .bench/venv/bin/pip install -q ruff==0.17.5; }; then
    # The smoke test checks asynclint; a machine without the registry just skips the comparison.
    if [ "$quick" -eq 1 ]; then echo "note: ruff not installable, skipping it" >&2; ruff=""; else
      echo "FAIL: cannot install ruff 0.17.5" >&2; exit 1; fi
  fi
fi

python3 scripts/bench_runner.py --bin "$bin" --ruff "$ruff" --python "$py_dir" \
  --swift "$swift_dir" --runs "$runs" --quick "$quick" --out .bench/results.json \
  --baseline "$baseline"
