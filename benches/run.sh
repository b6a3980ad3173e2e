#!/usr/bin/env bash
# Runs every benchmark of BENCHMARKS.md and prints the results table.
#
#   bash benches/run.sh                 # build once (release), then all benchmarks
#   BENCH_ONLY=3,6 bash benches/run.sh  # only some of them
#
# Builds, in their own target dir (target/bench, so a `cargo test` running at
# the same time does not wait on our lock): the packaged buildpack with the
# shipped release profile (`cargo libcnb package --release`, musl), the
# golang-migrate TEST DOUBLE (release) and the driver (bench profile, which
# inherits the release profile). Then runs the driver; the table also goes to
# target/bench/results.md. Never fails on timing, only on a broken setup.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh </dev/null

export CARGO_TARGET_DIR="${BENCH_TARGET_DIR:-$PWD/target/bench}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
readonly MUSL_TARGET=x86_64-unknown-linux-musl

started=$SECONDS
echo "bench: building (release; the first time takes several minutes on 2 cores)" >&2
cargo libcnb package --release --target "$MUSL_TARGET" --package-dir "$CARGO_TARGET_DIR/packaged" >&2
package="$CARGO_TARGET_DIR/packaged/$MUSL_TARGET/release/safemigrate_migrations"
runner="$(find "$package" -type f -name migrations -perm -u+x | head -n 1)"
[[ -x "$package/bin/build" && -n "$runner" ]] || {
  echo "bench: no packaged buildpack with a runner in $package" >&2
  exit 1
}
cargo build --release -p golang-migrate-double --bin migrate >&2
# Run the driver binary itself afterwards: a second `cargo bench` would rebuild it
# whenever someone touched a source file in between.
driver="$(cargo bench --bench all --no-run --message-format json-render-diagnostics |
  sed -n 's/.*"executable":"\([^"]*\)".*"fresh".*/\1/p' | grep '/all-' | tail -n 1)"
[[ -x "$driver" ]] || {
  echo "bench: could not find the built driver" >&2
  exit 1
}
built=$((SECONDS - started))
echo "bench: build step took ${built} s" >&2

export TESTKIT_PACKAGED_BUILDPACK="$package"
export TESTKIT_MIGRATE_DOUBLE="$CARGO_TARGET_DIR/release/migrate"
export BENCH_RUNNER="$runner"
export BENCH_OUT="$CARGO_TARGET_DIR/results.md"
"$driver" --bench
echo "bench: total $((SECONDS - started)) s (build ${built} s); table also in $BENCH_OUT" >&2
