#!/usr/bin/env bash
# The driver parses only the files that may have a finding (SourceScan) and, for the project
# index, only those the index asks for (ProjectIndex.filesToLoad). This checks that neither
# shortcut loses or adds anything on real code: the JSON report must be byte-identical to the
# one made with ASYNCLINT_PARSE_EVERY_FILE=1, where every file is parsed, checked and summarized.
# The index is built only for the rules selected (ProjectRules): with AL110, AL202 or both left
# out, the findings must be those of the full run without them.
#
#   scripts/index-equivalence.sh [--skip-build] [DIR ...]   # default: both corpora and Fixtures
set -euo pipefail
cd "$(dirname "$0")/.."
build=1
dirs=()
for arg in "$@"; do
  case "$arg" in
    --skip-build) build=0 ;;
    *) dirs+=("$arg") ;;
  esac
done
if [ ${#dirs[@]} -eq 0 ]; then
  shared="${ASYNCLINT_SHARED:-../shared}"
  dirs=("$(bash "$shared/corpus/python.sh" .corpus/python | tail -1)"
        "$(bash "$shared/corpus/swift.sh" .corpus/swift | tail -1)" Fixtures)
fi
if [ "$build" -eq 1 ]; then bash scripts/release-build.sh .build >/dev/null; fi
bin="$(swift build -c release --show-bin-path)/asynclint"
[ -x "$bin" ] || { echo "FAIL: no binary at $bin" >&2; exit 1; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for dir in "${dirs[@]}"; do
  status=0
  "$bin" check --format json "$dir" >"$tmp/driver.json" 2>/dev/null || status=$?
  [ $status -le 1 ] || { echo "FAIL: asynclint check $dir exited with $status" >&2; exit 1; }
  status=0
  ASYNCLINT_PARSE_EVERY_FILE=1 "$bin" check --format json "$dir" >"$tmp/every.json" 2>/dev/null || status=$?
  [ $status -le 1 ] || { echo "FAIL: ASYNCLINT_PARSE_EVERY_FILE=1 asynclint check $dir exited with $status" >&2; exit 1; }
  if ! cmp -s "$tmp/driver.json" "$tmp/every.json"; then
    echo "FAIL: $dir: the report differs from the one made by parsing every file:" >&2
    diff <(python3 -m json.tool "$tmp/driver.json") <(python3 -m json.tool "$tmp/every.json") | head -40 >&2 || true
    exit 1
  fi
  for ignored in AL110 AL202 AL110,AL202; do
    status=0
    "$bin" check --format json --ignore "$ignored" "$dir" >"$tmp/ignored.json" 2>/dev/null || status=$?
    [ $status -le 1 ] || { echo "FAIL: asynclint check --ignore $ignored $dir exited with $status" >&2; exit 1; }
    python3 - "$tmp/driver.json" "$tmp/ignored.json" "$ignored" "$dir" <<'PY'
import json, sys
full, part, ignored, where = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3].split(","), sys.argv[4]
expected = [f for f in full["findings"] if f["code"] not in ignored]
if part["findings"] != expected:
    print(f"FAIL: {where}: --ignore {sys.argv[3]} reports {len(part['findings'])} findings, "
          f"the full run without them {len(expected)}", file=sys.stderr)
    sys.exit(1)
PY
  done
  python3 - "$tmp/driver.json" "$dir" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
by = d["summary"].get("byCode", {})
print(f"{sys.argv[2]}: identical to parsing every file: {d['summary']['files']} files, "
      f"{d['summary']['findings']} findings (AL110 {by.get('AL110', 0)}, AL202 {by.get('AL202', 0)}); "
      f"the same without AL110, AL202 or both when they are left out")
PY
done
