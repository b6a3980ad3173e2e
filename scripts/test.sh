#!/usr/bin/env bash
# The whole test suite: installs what is missing (scripts/setup.sh), packages
# the buildpack and builds the golang-migrate test double once for every test
# process, then runs every test of the workspace. Its last lines are the test
# runner's own summary.
#
# With cargo-nextest installed (it is on this project's machines), tests of all
# test binaries run side by side (most wait on PostgreSQL, not the CPU);
# otherwise plain `cargo test`. Extra arguments go to the test runner.
#   TEST_THREADS=N   how many tests run at once under nextest (default 4)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh

# Package once (musl, as the lifecycle tests need) in a target dir of its own:
# the test processes must not repackage while others read the package.
echo "test.sh: packaging the buildpack (cargo libcnb package; several minutes on a fresh clone)" >&2
package_log=$(mktemp)
if ! CARGO_TARGET_DIR=target/lifecycle cargo libcnb package --target x86_64-unknown-linux-musl \
  --package-dir target/lifecycle/packaged >"$package_log" 2>&1; then
  cat "$package_log" >&2
  exit 1
fi
rm -f "$package_log"
export TESTKIT_PACKAGED_BUILDPACK="$PWD/target/lifecycle/packaged/x86_64-unknown-linux-musl/debug/safemigrate_migrations"

# The static runner from that package serves the classic-buildpack tests too.
export CLASSIC_TEST_RUNNER_BIN="$TESTKIT_PACKAGED_BUILDPACK/.libcnb-cargo/additional-bin/migrations"
# The golang-migrate test double is a bin of the workspace: the test build below
# puts it in target/debug before any test starts. A `migrate` you built from
# golang-migrate's source can stand in for it (TESTKIT_MIGRATE_DOUBLE=/path/to/migrate).
export TESTKIT_MIGRATE_DOUBLE="${TESTKIT_MIGRATE_DOUBLE:-$PWD/target/debug/migrate}"
export TESTKIT_DBMATE="$PWD/target/tools/node_modules/@dbmate/linux-x64/bin/dbmate"

if cargo nextest --version >/dev/null 2>&1; then
  cargo test --workspace --locked --doc
  exec cargo nextest run --workspace --locked --no-fail-fast --test-threads "${TEST_THREADS:-4}" "$@"
else
  exec cargo test --workspace --locked --no-fail-fast "$@"
fi
