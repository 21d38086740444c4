#!/usr/bin/env bash
# Validates `asynclint check --format sarif` on the fixtures against the official SARIF 2.1.0
# schema (shared/sarif-schema-2.1.0.json, next to the clone) with the `jsonschema` validator
# from PyPI, installed into a venv here; also checks that the JUnit report is well-formed XML.
# Usage: scripts/validate-sarif.sh [ASYNCLINT_BINARY]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
binary="${1:-$(cd "$repo" && swift build -c release --show-bin-path)/asynclint}"
binary="$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"
schema="${SARIF_SCHEMA:-$repo/../shared/sarif-schema-2.1.0.json}"
[[ -f "$schema" ]] || { echo "FAIL: no SARIF schema at $schema" >&2; exit 1; }
venv="${SARIF_VENV:-$repo/.bench/sarif-venv}"
if [[ ! -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c 'import jsonschema' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet jsonschema
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$repo"
for format in sarif junit; do
  status=0
  "$binary" check Fixtures --format "$format" --output "$work/report.$format" || status=$?
  [[ $status -eq 1 ]] || { echo "FAIL: --format $format exited with $status, expected 1" >&2; exit 1; }
done
# The invocation's notifications too: a file that cannot be read and an unused suppression.
mkdir "$work/tree"
printf 'async def f():\n    return 1  # noqa: AL101\n' > "$work/tree/ok.py"
status=0
(cd "$work/tree" && "$binary" check . missing.py --format sarif --report-unused-suppressions --output ../notes.sarif) || status=$?
[[ $status -eq 2 ]] || { echo "FAIL: the SARIF run with a missing file exited with $status, expected 2" >&2; exit 1; }
"$venv/bin/python" - "$schema" "$work/report.sarif" "$work/report.junit" "$work/notes.sarif" <<'PY'
import json, sys, xml.etree.ElementTree as ET
import jsonschema
schema = json.load(open(sys.argv[1]))
report = json.load(open(sys.argv[2]))
validator = jsonschema.validators.validator_for(schema)(schema)
errors = sorted(validator.iter_errors(report), key=lambda e: list(e.absolute_path))
for error in errors[:20]:
    print("SARIF schema violation at", "/".join(map(str, error.absolute_path)), ":", error.message, file=sys.stderr)
if errors:
    sys.exit(1)
run = report["runs"][0]
results = run["results"]
assert results, "no results for the fixtures"
rule_ids = {rule["id"] for rule in run["tool"]["driver"]["rules"]}
for result in results:
    assert result["ruleId"] in rule_ids, result["ruleId"]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uriBaseId"] in run["originalUriBaseIds"]
    assert not location["artifactLocation"]["uri"].startswith("/")
    assert result["partialFingerprints"]
fingerprints = [tuple(r["partialFingerprints"].items()) for r in results]
assert len(set(fingerprints)) == len(fingerprints), "two results share a fingerprint"
suites = ET.parse(sys.argv[3]).getroot()
failures = sum(1 for _ in suites.iter("failure"))
assert failures == len(results), (failures, len(results))
notes = json.load(open(sys.argv[4]))
errors = list(validator.iter_errors(notes))
for error in errors[:20]:
    print("SARIF schema violation (notifications) at", "/".join(map(str, error.absolute_path)), ":", error.message, file=sys.stderr)
if errors:
    sys.exit(1)
levels = [n["level"] for n in notes["runs"][0]["invocations"][0]["toolExecutionNotifications"]]
assert levels == ["error", "warning"], levels
print(f"SARIF valid against the 2.1.0 schema: {len(results)} results, {len(rule_ids)} rules, and a run with "
      f"{len(levels)} notifications; JUnit: {failures} failures")
PY
