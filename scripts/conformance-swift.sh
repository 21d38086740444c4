#!/usr/bin/env bash
# Measures the Swift front end against swift-syntax (the reference parser) on the Swift corpus.
# Builds the corpus, the oracle (Tools/SwiftSyntaxOracle, a separate package so the product
# never depends on swift-syntax) and asynclint, summarises every file with both, and prints the
# agreement per category. Exits non-zero below the targets or when asynclint crashes on a file.
# Usage: scripts/conformance-swift.sh [--show functions|closures|calls|awaits] [--limit N]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
shared="${SHARED:-../shared}"
corpus=".corpus/swift"
out=".corpus/swift-conformance"
"$shared/corpus/swift.sh" "$corpus" >/dev/null
mkdir -p "$out"

echo "building the swift-syntax oracle…" >&2
swift build --package-path Tools/SwiftSyntaxOracle --scratch-path Tools/SwiftSyntaxOracle/.build \
  >"$out/oracle-build.log" 2>&1 || { cat "$out/oracle-build.log" >&2; exit 2; }
oracle="Tools/SwiftSyntaxOracle/.build/debug/SwiftSyntaxOracle"
echo "building asynclint (release)…" >&2
asynclint="$(bash scripts/release-build.sh)" || exit 2

# The list is rewritten only when it changes, so that the oracle's output stays reusable.
find "$corpus" -name '*.swift' -type f | LC_ALL=C sort >"$out/files.new"
if cmp -s "$out/files.new" "$out/files.txt"; then rm "$out/files.new"; else mv "$out/files.new" "$out/files.txt"; fi
echo "$(wc -l <"$out/files.txt") files, $(tr '\n' '\0' <"$out/files.txt" | xargs -0 cat | wc -l) lines" >&2

if [ ! -s "$out/oracle.jsonl" ] || [ "$out/oracle.jsonl" -ot "$oracle" ] || [ "$out/oracle.jsonl" -ot "$out/files.txt" ]; then
  "$oracle" --stdin <"$out/files.txt" >"$out/oracle.jsonl"
fi

start=$(date +%s%N)
status=0
"$asynclint" dump-summary --stdin <"$out/files.txt" >"$out/ours.jsonl" 2>"$out/ours.err" || status=$?
end=$(date +%s%N)
echo "asynclint dump-summary: $(( (end - start) / 1000000 )) ms for the corpus (exit $status)" >&2
if [ "$status" -ne 0 ]; then
  # A crash stops the batch: summarise file by file to find every crashing file.
  : >"$out/ours.jsonl"
  while IFS= read -r f; do
    timeout 20 "$asynclint" dump-summary "$f" >>"$out/ours.jsonl" 2>/dev/null || echo "CRASH $f" >&2
  done <"$out/files.txt"
fi
echo "== corpus ($corpus)"
result=0
python3 scripts/swift-conformance-compare.py "$out/oracle.jsonl" "$out/ours.jsonl" "$@" || result=1

# Hand-written files with constructs the corpus rarely uses (operators, macros, packs, …).
echo "== construct files (Tools/SwiftSyntaxOracle/Corpus)"
find Tools/SwiftSyntaxOracle/Corpus -name '*.swift' -type f | LC_ALL=C sort >"$out/extra-files.txt"
"$oracle" --stdin <"$out/extra-files.txt" >"$out/extra-oracle.jsonl"
"$asynclint" dump-summary --stdin <"$out/extra-files.txt" >"$out/extra-ours.jsonl" || true
python3 scripts/swift-conformance-compare.py "$out/extra-oracle.jsonl" "$out/extra-ours.jsonl" "$@" || result=1
exit $result
