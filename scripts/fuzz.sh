#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ and runs one (or all) for a given time.
#
#   scripts/fuzz.sh TARGET SECONDS        TARGET: python | swift | pipeline | all (side by side)
#
# The sanitizer build is the toolchain's own (`-sanitize=fuzzer,address`), in Fuzz/.build-fuzz.
# Seeds are copied at run time from Fixtures/ and, when present, a sample of the benchmark
# corpora (.corpus/python, .corpus/swift) into .bench/fuzz/seeds/TARGET; what libFuzzer learns
# accumulates in .bench/fuzz/corpus/TARGET; logs go to .bench/fuzz/TARGET-TIME.log and crashing
# inputs to .bench/fuzz/artifacts/ (all ignored by git). Exit status: 0 when every run ended
# without a crash, a timeout or a broken invariant.
#
# FUZZ_PACKAGE_ROOT=DIR builds and fuzzes another checkout of this repository (e.g. a snapshot
# of HEAD, when others are editing the working tree); logs and corpora stay in this one.
# FUZZ_MAX_LEN (default 16384) bounds the input size; FUZZ_SEEDS_PER_CORPUS (default 300).
# FUZZ_SKIP_BUILD=1 reuses the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
here="$PWD"
package_root="${FUZZ_PACKAGE_ROOT:-$here}"

usage() { echo "usage: scripts/fuzz.sh python|swift|pipeline|all SECONDS" >&2; exit 2; }
[[ $# -eq 2 ]] || usage
target="$1"
seconds="$2"
[[ "$seconds" =~ ^[0-9]+$ && "$seconds" -gt 0 ]] || usage
case "$target" in
  python|swift|pipeline) targets=("$target") ;;
  all) targets=(python swift pipeline) ;;
  *) usage ;;
esac

scratch="$package_root/Fuzz/.build-fuzz"
build() {
  # Others may be editing sources in a shared checkout: a build that lost such a race is retried.
  local attempt
  for attempt in 1 2 3; do
    if swift build -c release -Xswiftc -sanitize=fuzzer,address \
        --package-path "$package_root/Fuzz" --scratch-path "$scratch" 2>&1 | tail -n 25; then
      return 0  # pipefail: the status is swift build's
    fi
    echo "fuzz.sh: build attempt $attempt failed; retrying in 30 s" >&2
    sleep 30
  done
  echo "fuzz.sh: the fuzz targets do not build" >&2
  exit 1
}

# Copies source files into a flat seed directory: all of Fixtures/, and every k-th small file of
# a corpus (sorted, so the sample is the same on every run) up to a cap.
copy_seeds() {
  local dest="$1" pattern="$2" dir
  find "$here/Fixtures" -type f -name "$pattern" -print0 | while IFS= read -r -d '' f; do
    cp "$f" "$dest/fixture-$(basename "$f")"
  done
  for dir in "$here/.corpus/python" "$here/.corpus/swift"; do
    [[ -d "$dir" ]] || continue
    local list total step
    list="$(find "$dir" -type f -name "$pattern" -size -16k | LC_ALL=C sort)"
    [[ -n "$list" ]] || continue
    total="$(printf '%s\n' "$list" | wc -l)"
    step=$(( total / ${FUZZ_SEEDS_PER_CORPUS:-300} + 1 ))
    printf '%s\n' "$list" | awk -v s="$step" 'NR % s == 0' | while IFS= read -r f; do
      cp "$f" "$dest/corpus-$(printf '%s' "$f" | cksum | cut -d' ' -f1)-$(basename "$f")"
    done
  done
}

run_target() {
  local name="$1"
  local seeds="$here/.bench/fuzz/seeds/$name" corpus="$here/.bench/fuzz/corpus/$name"
  local artifacts="$here/.bench/fuzz/artifacts"
  rm -rf "$seeds"
  mkdir -p "$seeds" "$corpus" "$artifacts"
  case "$name" in
    python) copy_seeds "$seeds" '*.py' ;;
    swift) copy_seeds "$seeds" '*.swift' ;;
    pipeline) copy_seeds "$seeds" '*.py'; copy_seeds "$seeds" '*.swift' ;;
  esac
  local log="$here/.bench/fuzz/$name-$(date -u +%Y%m%dT%H%M%SZ).log"
  echo "fuzz.sh: $name for $seconds s ($(ls "$seeds" | wc -l) seeds, log $log)"
  local status=0
  # Swift's own crash backtracer trips AddressSanitizer while it reads the crashed stack; the
  # sanitizer's report is the one wanted.
  export SWIFT_BACKTRACE=enable=no
  export ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
  # -timeout: one input taking 10 s is a hang worth a report. No leak checking: LeakSanitizer
  # takes the rule catalogue, decoded once into a static, for a leak (Swift keeps flags in the
  # spare bits of pointers it stores in enums, where LeakSanitizer does not see them).
  "$scratch/release/fuzz-$name" -max_total_time="$seconds" -max_len="${FUZZ_MAX_LEN:-16384}" \
    -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 -print_final_stats=1 -artifact_prefix="$artifacts/$name-" \
    "$corpus" "$seeds" >"$log" 2>&1 || status=$?
  grep -E '^#[0-9]+' "$log" | tail -n 1 || true
  grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb)' "$log" || true
  if [[ $status -ne 0 ]]; then
    echo "FAIL: fuzz-$name exited with $status; see $log" >&2
    grep -E 'ERROR|fuzz invariant|Fatal error|SUMMARY|Test unit written' "$log" | head -n 20 >&2 || true
  fi
  return $status
}

[[ "${FUZZ_SKIP_BUILD:-0}" == 1 ]] || build
# The targets run side by side, each for SECONDS of wall time (libFuzzer's -max_total_time), so
# `all 60` takes one minute, not three; each prints its summary when all are done, in order.
failed=0
summaries="$(mktemp -d)"
pids=()
for name in "${targets[@]}"; do
  run_target "$name" >"$summaries/$name" 2>&1 &
  pids+=("$!")
done
for i in "${!targets[@]}"; do
  wait "${pids[$i]}" || failed=1
  cat "$summaries/${targets[$i]}"
done
rm -rf "$summaries"
exit $failed
