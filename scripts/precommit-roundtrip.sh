#!/usr/bin/env bash
# The pre-commit hooks for real: install pre-commit from PyPI into a venv, make a throwaway git
# repository with a blocking call, and run `pre-commit try-repo <this repo>` on it: the hook
# must fail with the finding, then pass once the call is fixed. pre-commit builds this package
# in release mode in its own clone (the slow part: one build, shared by both hooks).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

venv="${PRECOMMIT_VENV:-$repo/.bench/precommit-venv}"
if [[ ! -x "$venv/bin/pre-commit" ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet pre-commit
fi
export PRE_COMMIT_HOME="$work/pre-commit-home"   # a fresh hook environment every time
project="$work/project"
mkdir -p "$project"
cd "$project"
git init --quiet
git -c user.name=ci -c user.email=ci@localhost commit --quiet --allow-empty -m "empty"
printf 'import time\n\n\nasync def handler():\n    time.sleep(1)\n' > app.py
printf 'import Dispatch\n\nfunc warm(_ semaphore: DispatchSemaphore) async {\n    semaphore.wait()\n}\n' > Cache.swift
git add app.py Cache.swift

expect_failure() {
  local hook="$1" finding="$2"
  if "$venv/bin/pre-commit" try-repo "$repo" "$hook" --all-files >"$work/out.txt" 2>&1; then
    cat "$work/out.txt"; echo "FAIL: $hook passed on a blocking call" >&2; exit 1
  fi
  grep -q "$finding" "$work/out.txt" || { cat "$work/out.txt"; echo "FAIL: $hook did not print $finding" >&2; exit 1; }
  echo "ok: $hook fails with $finding"
}
expect_success() {
  local hook="$1"
  "$venv/bin/pre-commit" try-repo "$repo" "$hook" --all-files >"$work/out.txt" 2>&1 \
    || { cat "$work/out.txt"; echo "FAIL: $hook failed after the fix" >&2; exit 1; }
  echo "ok: $hook passes after the fix"
}

expect_failure asynclint-python "app.py:5:5: AL101"
expect_failure asynclint-swift "Cache.swift:4:5: AL105"
printf 'import asyncio\n\n\nasync def handler():\n    await asyncio.sleep(1)\n' > app.py
printf 'func warm() async throws {\n    try await Task.sleep(for: .seconds(1))\n}\n' > Cache.swift
git add app.py Cache.swift
expect_success asynclint-python
expect_success asynclint-swift
