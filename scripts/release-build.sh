#!/usr/bin/env bash
# Builds the release asynclint for the scripts that measure it (bench, scaling, both conformance
# scripts) and prints the binary's path. They share one scratch path, `.build` unless told
# otherwise, which the README's first command in .ci/run uses too: CI compiles the release
# configuration once, not once per script (each build takes 4-5 minutes on 2 cores).
# The Swift runtime and Foundation are linked statically (`--static-swift-stdlib`, as the
# README's first command builds it; `swift run` has no such option): a one-file check then takes
# about 13 ms instead of 21, and the process maps no shared Swift libraries, about 7 MB less peak
# memory (the binary is larger: 85 MB). Every release build in the scripts and CI must pass the
# same flag, since SwiftPM rebuilds every module when it changes.
# In a checkout others are editing, a build can lose a race with an edit: it is retried.
#   scripts/release-build.sh [SCRATCH_PATH]
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${1:-.build}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
for attempt in 1 2 3 4 5; do
  if swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product asynclint >"$log" 2>&1; then
    echo "$(swift build -c release --scratch-path "$scratch" --show-bin-path)/asynclint"
    exit 0
  fi
  if [ "$attempt" -eq 5 ] || ! grep -q "modified during the build" "$log"; then
    tail -30 "$log" >&2
    echo "FAIL: release build" >&2
    exit 2
  fi
  sleep 20
done
