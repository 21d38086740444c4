#!/usr/bin/env bash
# The pre-commit hooks for real: install pre-commit from PyPI into a venv, make a throwaway git
# repository with a blocking call whose config names this working tree, and `pre-commit run` it:
# the hook must fail with the finding, then pass once the call is fixed, then fail on a staged
# file alone whose blocking helper lives in a file the commit does not touch. pre-commit builds
# this package in release mode in its own clone (the slow part), once: the runs share one hook
# store.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

venv="${PRECOMMIT_VENV:-$repo/.bench/precommit-venv}"
if [[ ! -x "$venv/bin/pre-commit" ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet pre-commit
fi
export PRE_COMMIT_HOME="$work/pre-commit-home"   # a fresh hook store for this round trip

# The hooks as they are in this working tree, committed or not (what `try-repo` would test):
# a commit of the working tree in a throwaway clone, which the project's config names at its
# hash. `try-repo` makes a new store on every call, so two calls were two release builds of
# this package; one config and one PRE_COMMIT_HOME build it once and reuse it.
shadow="$work/hooks-repo"
git clone --quiet --no-checkout "$repo" "$shadow"
git --git-dir="$shadow/.git" --work-tree="$repo" add --all
git --git-dir="$shadow/.git" -c user.name=ci -c user.email=ci@localhost \
  commit --quiet --allow-empty -m "working tree of $repo"
rev="$(git --git-dir="$shadow/.git" rev-parse HEAD)"

project="$work/project"
mkdir -p "$project"
cd "$project"
git init --quiet
git -c user.name=ci -c user.email=ci@localhost commit --quiet --allow-empty -m "empty"
printf 'import time\n\n\nasync def handler():\n    time.sleep(1)\n' > app.py
printf 'import Dispatch\n\nfunc warm(_ semaphore: DispatchSemaphore) async {\n    semaphore.wait()\n}\n' > Cache.swift
cat > .pre-commit-config.yaml <<CONFIG
repos:
  - repo: $shadow
    rev: $rev
    hooks:
      - id: asynclint-python
      - id: asynclint-swift
CONFIG
git add app.py Cache.swift .pre-commit-config.yaml

status=0
"$venv/bin/pre-commit" run --all-files >"$work/out.txt" 2>&1 || status=$?
cat "$work/out.txt"
[[ $status -ne 0 ]] || { echo "FAIL: the hooks passed on blocking calls" >&2; exit 1; }
for finding in "app.py:5:5: AL101" "Cache.swift:4:5: AL105"; do
  grep -q "$finding" "$work/out.txt" || { echo "FAIL: the hooks did not report $finding" >&2; exit 1; }
done
echo "ok: asynclint-python and asynclint-swift fail with the findings"

printf 'import asyncio\n\n\nasync def handler():\n    await asyncio.sleep(1)\n' > app.py
printf 'func warm() async throws {\n    try await Task.sleep(for: .seconds(1))\n}\n' > Cache.swift
git add app.py Cache.swift
"$venv/bin/pre-commit" run --all-files >"$work/out.txt" 2>&1 \
  || { cat "$work/out.txt"; echo "FAIL: the hooks failed after the fix" >&2; exit 1; }
cat "$work/out.txt"
grep -q "asynclint (Python).*Passed" "$work/out.txt" && grep -q "asynclint (Swift).*Passed" "$work/out.txt" \
  || { echo "FAIL: a hook did not run after the fix" >&2; exit 1; }
echo "ok: both hooks pass after the fix"

# pre-commit names only the files a commit touches: a handler that calls a blocking helper kept in
# an untouched, committed file must still be stopped (the file named is checked within its project).
printf 'def read_config():\n    with open("cfg") as f:\n        return f.read()\n' > helpers.py
git add helpers.py app.py Cache.swift
git -c user.name=ci -c user.email=ci@localhost commit --quiet -m "helpers"
printf 'from helpers import read_config\n\n\nasync def handler():\n    return read_config()\n' > app.py
git add app.py
status=0
"$venv/bin/pre-commit" run >"$work/out.txt" 2>&1 || status=$?
cat "$work/out.txt"
[[ $status -ne 0 ]] && grep -q "app.py:5:12: AL110" "$work/out.txt" \
  || { echo "FAIL: the hook on the staged app.py alone missed the blocking helper in helpers.py (AL110)" >&2; exit 1; }
echo "ok: the hook on the staged file alone follows the helper in the untouched file"
