#!/usr/bin/env bash
# The aarch64 package under emulation: cross-builds the CNB for
# aarch64-unknown-linux-musl, then runs tests/aarch64_emulated.rs, which runs
# the aarch64 bin/detect, bin/build and runner under qemu-aarch64-static and
# compares them with the x86_64 package (static ELF for AArch64, detect on the
# same apps, a build with a verified download, `migrations --version`,
# `migrations check` on every fixture, a release against PostgreSQL). Its last
# lines are the test runner's summary. CI runs it (.ci/run).
#
# By default the aarch64 package is built in the debug profile, which is what CI
# can afford (the release profile's fat-LTO build takes several times longer;
# see README, "Packaging for both architectures"); the code is the same, only
# the optimisation differs. Environment:
#   AARCH64_PACKAGE=<dir>   test this aarch64 package instead of building one
#                           (e.g. packaged/aarch64-unknown-linux-musl/release/
#                           safemigrate_migrations from scripts/package.sh)
#   TESTKIT_PACKAGED_BUILDPACK=<dir>   the x86_64 package to compare with
#                           (default: the one scripts/test.sh builds, built here
#                           if missing)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh

say() { printf 'test-aarch64: %s\n' "$*" >&2; }

# The same target dir as scripts/test.sh: build scripts and proc macros (host
# code) are shared between the two triples.
package() {
  local triple="$1" log
  log=$(mktemp)
  say "cargo libcnb package --target $triple (debug profile)"
  local started=$SECONDS
  if ! CARGO_TARGET_DIR=target/lifecycle cargo libcnb package --target "$triple" \
    --package-dir target/lifecycle/packaged >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    exit 1
  fi
  rm -f "$log"
  say "packaged $triple in $((SECONDS - started)) s"
}

if [[ -z "${AARCH64_PACKAGE:-}" ]]; then
  package aarch64-unknown-linux-musl
  AARCH64_PACKAGE="$PWD/target/lifecycle/packaged/aarch64-unknown-linux-musl/debug/safemigrate_migrations"
fi
export TESTKIT_AARCH64_PACKAGE
TESTKIT_AARCH64_PACKAGE="$(cd "$AARCH64_PACKAGE" && pwd)"

if [[ -z "${TESTKIT_PACKAGED_BUILDPACK:-}" ]]; then
  TESTKIT_PACKAGED_BUILDPACK="$PWD/target/lifecycle/packaged/x86_64-unknown-linux-musl/debug/safemigrate_migrations"
  if [[ ! -x "$TESTKIT_PACKAGED_BUILDPACK/bin/build" ]]; then
    package x86_64-unknown-linux-musl
  fi
fi
export TESTKIT_PACKAGED_BUILDPACK
export TESTKIT_DBMATE="$PWD/target/tools/node_modules/@dbmate/linux-x64/bin/dbmate"

say "aarch64 package: $TESTKIT_AARCH64_PACKAGE"
say "x86_64 package:  $TESTKIT_PACKAGED_BUILDPACK"
exec cargo test --locked --test aarch64_emulated -- --ignored --test-threads 2
