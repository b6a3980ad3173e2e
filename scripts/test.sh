#!/usr/bin/env bash
# The whole test suite: installs what is missing (scripts/setup.sh), then
# `cargo test --workspace --locked`. Its last lines are cargo test's own summary.
# Extra arguments go to cargo test (e.g. `bash scripts/test.sh -- --nocapture`).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh

# The lifecycle tests package the buildpack (`cargo libcnb package`, musl) into
# target/lifecycle on first use; on a fresh clone that compiles the buildpack a
# second time, for musl. Say so, so a quiet minute does not look like a hang.
if ! compgen -G 'target/lifecycle/snapshots/*/buildpack.toml' >/dev/null; then
  echo "test.sh: first run: the lifecycle tests will also package the buildpack for musl (several minutes on 2 cores)" >&2
fi

exec cargo test --workspace --locked "$@"
