#!/usr/bin/env bash
# Big hostile inputs through the release CLI: time linear in size and peak memory a small
# multiple of the file's size (issue 6). What the debug test suite (HostileInputTests) cannot
# afford: 50 MB files. Also, when the benchmark corpora are present, the whole corpus checked
# with --jobs 1 and with every core must print the same bytes.
#
#   scripts/hostile-scale.sh [--skip-build] [--full]
#
# --full adds the 50 MB worst case for memory: one line of `f(a), ` (four nodes per six bytes).
set -euo pipefail
cd "$(dirname "$0")/.."
skip_build=0 full=0
for arg in "$@"; do
  case "$arg" in
    --skip-build) skip_build=1 ;;
    --full) full=1 ;;
    *) echo "usage: scripts/hostile-scale.sh [--skip-build] [--full]" >&2; exit 2 ;;
  esac
done
# ASYNCLINT_BINARY=PATH measures another build (e.g. one made from a snapshot of HEAD).
if [[ -n "${ASYNCLINT_BINARY:-}" ]]; then
  binary="$ASYNCLINT_BINARY"
else
  [[ $skip_build == 1 ]] || bash scripts/release-build.sh >/dev/null
  binary="$(swift build -c release --show-bin-path)/asynclint"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mb=$((1024 * 1024))

# Runs the CLI on one file; prints "seconds peak-KB". Exit status 0 or 1 (findings) only.
measure() {
  local status=0
  python3 - "$binary" "$1" "$work/out.json" <<'PY' || status=$?
import resource, subprocess, sys, time
binary, path, out = sys.argv[1:4]
start = time.monotonic()
with open(out, "wb") as sink:
    status = subprocess.run([binary, "check", path, "--format", "json", "--jobs", "1"], stdout=sink).returncode
elapsed = time.monotonic() - start
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"{elapsed:.2f} {peak_kb}")
sys.exit(0 if status in (0, 1) else 10 + status)
PY
  [[ $status -eq 0 ]] || { echo "FAIL: asynclint check $1 failed (status $((status - 10)))" >&2; exit 1; }
  python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$work/out.json"
}

# Writes SIZE bytes built from a repeated unit: FILE SIZE PREFIX UNIT SUFFIX
# Each file sits in a directory of its own: a file named alone outside any project is checked
# with its directory's files as context (the README's "named on the command line"), and the
# memory measured here is one file's.
generate() {
  mkdir -p "$(dirname "$1")"
  python3 - "$@" <<'PY'
import sys
path, size, prefix, unit, suffix = sys.argv[1], int(sys.argv[2]), *sys.argv[3:6]
unit = unit.encode().decode("unicode_escape").encode()
with open(path, "wb") as f:
    f.write(prefix.encode().decode("unicode_escape").encode())
    f.write(unit * max(1, (size - len(prefix)) // len(unit)))
    f.write(suffix.encode().decode("unicode_escape").encode())
PY
}

# Code of an ordinary shape up to SIZE: async and sync functions, classes, comprehensions,
# a blocking call in every async function; names differ per block, as in real modules.
# (Not the fixtures repeated: their thousands of rebindings of the same module-level names are
# no ordinary module. They made the Python analysis quadratic at 1ac816f; linear again since.)
realistic() {
  mkdir -p "$(dirname "$1")"
  python3 - "$1" "$2" "$3" <<'PY'
import sys
path, size, language = sys.argv[1], int(sys.argv[2]), sys.argv[3]
if language == "py":
    head = "import time\nimport asyncio\n\n"
    block = """
async def handler_{i}(request, retries=3):
    data = load_{i}(request.path, mode="r")
    time.sleep(0.1)
    items = [item.strip() for item in data if item and not item.startswith("#")]
    await asyncio.gather(*(process_{i}(item) for item in items))
    return {{"count": len(items), "first": items[0] if items else None}}

class Service_{i}:
    def __init__(self, client, *, timeout=10):
        self.client = client
        self.timeout = timeout

    def run(self, a, b=2):
        return helper_{i}(a) + b * self.timeout
"""
else:
    head = "import Foundation\n\n"
    block = """
func handler{i}(_ request: Request, retries: Int = 3) async throws -> [String: Int] {{
    let data = try load{i}(request.path, mode: "r")
    Thread.sleep(forTimeInterval: 0.1)
    let items = data.filter {{ !$0.isEmpty && !$0.hasPrefix("#") }}.map {{ $0.trimmed() }}
    try await withThrowingTaskGroup(of: Void.self) {{ group in
        for item in items {{ group.addTask {{ try await process{i}(item) }} }}
    }}
    return ["count": items.count, "first\\(items.first ?? "")": 1]
}}

final class Service{i} {{
    let client: Client
    var timeout = 10
    init(client: Client) {{ self.client = client }}
    func run(_ a: Int, b: Int = 2) -> Int {{ helper{i}(a) + b * timeout }}
}}
"""
with open(path, "w") as f:
    f.write(head)
    written, i = len(head), 0
    while written < size:
        text = block.format(i=i)
        f.write(text)
        written += len(text)
        i += 1
PY
}

failed=0
# check NAME FILE MAX_MULTIPLE: the peak RSS must stay under MAX_MULTIPLE × size + 100 MB.
# The multiple depends on how many nodes a byte makes: a 36-byte node per identifier, call or
# argument, while parsing the tokens beside it (12 bytes each in Python, 24 with the bracket
# matches in Swift), then the analysis's tables by node (the Python scopes' and the project
# summary's, 4 bytes each) and by binding, put dense code (`y = g(x)` on every line, `f(a), `
# repeated) at 23-43x, the generated ordinary code at 15-21x, real code (the benchmark
# corpora) at about 10x, a long string at 3x. The limits are what was measured plus a margin
# of a tenth to a fifth (issue 6).
check() {
  local name="$1" file="$2" multiple="$3" size result seconds kb
  size=$(stat -c %s "$file")
  result="$(measure "$file")"
  seconds="${result% *}" kb="${result#* }"
  local limit_kb=$(( multiple * size / 1024 + 100 * 1024 ))
  printf '%-34s %6d MB  %7.2f s  peak %6d MB  (%.1f x the file; limit %d x + 100 MB)\n' \
    "$name" $((size / mb)) "$seconds" $((kb / 1024)) "$(echo "$kb $size" | awk '{print $1 * 1024 / $2}')" "$multiple"
  if (( kb > limit_kb )); then echo "FAIL: $name used more memory than allowed" >&2; failed=1; fi
  echo "$seconds" >"$work/$name.seconds"
}

# Each file holds async code: a file without any is scanned, not parsed (README, "What is parsed").
generate "$work/string-line-py/string-line.py" $((50 * mb)) 'async def f(): pass\nx = "' 'a' '"\n'
generate "$work/string-line-swift/string-line.swift" $((50 * mb)) 'func f() async {}\nlet x = "' 'a' '"\n'
generate "$work/million-lines-py/million-lines.py" 12000000 'async def f():\n' '    y = g(x)\n' '    time.sleep(1)\n'
generate "$work/million-lines-swift/million-lines.swift" 14000000 'func f() async {\n' '    let y = g(x)\n' '}\n'
realistic "$work/code-25-py/code-25.py" $((25 * mb)) py
realistic "$work/code-50-py/code-50.py" $((50 * mb)) py
realistic "$work/code-25-swift/code-25.swift" $((25 * mb)) swift
realistic "$work/code-50-swift/code-50.swift" $((50 * mb)) swift
generate "$work/calls-5-py/calls-5.py" $((5 * mb)) 'async def f(): pass\nx = [' 'f(a), ' ']\n'
generate "$work/calls-10-py/calls-10.py" $((10 * mb)) 'async def f(): pass\nx = [' 'f(a), ' ']\n'

check "50 MB string on one line (py)" "$work/string-line-py/string-line.py" 4
check "50 MB string on one line (swift)" "$work/string-line-swift/string-line.swift" 4
check "1,000,000 lines (py)" "$work/million-lines-py/million-lines.py" 44
check "1,000,000 lines (swift)" "$work/million-lines-swift/million-lines.swift" 30
check "ordinary code, 25 MB (py)" "$work/code-25-py/code-25.py" 24
check "ordinary code, 50 MB (py)" "$work/code-50-py/code-50.py" 24
check "ordinary code, 25 MB (swift)" "$work/code-25-swift/code-25.swift" 20
check "ordinary code, 50 MB (swift)" "$work/code-50-swift/code-50.swift" 20
# The densest tree per byte: four nodes for every six bytes of `f(a), `.
check "calls on one line, 5 MB (py)" "$work/calls-5-py/calls-5.py" 52
check "calls on one line, 10 MB (py)" "$work/calls-10-py/calls-10.py" 52
if [[ $full == 1 ]]; then
  generate "$work/calls-50-py/calls-50.py" $((50 * mb)) 'async def f(): pass\nx = [' 'f(a), ' ']\n'
  generate "$work/calls-50-swift/calls-50.swift" $((50 * mb)) 'func f() async {}\nlet x = [' 'f(a), ' ']\n'
  check "calls on one line, 50 MB (py)" "$work/calls-50-py/calls-50.py" 80
  check "calls on one line, 50 MB (swift)" "$work/calls-50-swift/calls-50.swift" 80
fi

# Doubling the size costs at most 3x the time (plus half a second of noise).
linear() {
  local small large
  small="$(cat "$work/$1.seconds")" large="$(cat "$work/$2.seconds")"
  if ! awk -v s="$small" -v l="$large" 'BEGIN { exit !(l <= 3 * s + 0.5) }'; then
    echo "FAIL: $2 took $large s, $1 took $small s: not linear" >&2
    failed=1
  fi
}
linear "ordinary code, 25 MB (py)" "ordinary code, 50 MB (py)"
linear "ordinary code, 25 MB (swift)" "ordinary code, 50 MB (swift)"
linear "calls on one line, 5 MB (py)" "calls on one line, 10 MB (py)"

# Determinism on the benchmark corpora (absent on a clean clone).
for corpus in .corpus/python .corpus/swift; do
  [[ -d "$corpus" ]] || { echo "$corpus: not present, determinism check skipped"; continue; }
  "$binary" check "$corpus" --format json --jobs 1 >"$work/one.json" 2>/dev/null || true
  "$binary" check "$corpus" --format json --jobs "$(nproc)" >"$work/all.json" 2>/dev/null || true
  if cmp -s "$work/one.json" "$work/all.json"; then
    echo "$corpus: --jobs 1 and --jobs $(nproc) print the same $(wc -c <"$work/one.json") bytes"
  else
    echo "FAIL: $corpus: the output depends on the number of jobs" >&2
    failed=1
  fi
done
exit $failed
