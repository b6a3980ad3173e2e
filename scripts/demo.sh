#!/usr/bin/env bash
# The README's first command: the buildpack end to end on this machine, no Docker.
# Installs what is missing (scripts/setup.sh), then runs the demo
# (tests/support/testkit/src/bin/demo.rs): package the buildpack, throwaway
# PostgreSQL, detect, build twice (cold, warm), release, a failing release
# rolled back, summary figures.
#
#   bash scripts/demo.sh                               # dbmate served from 127.0.0.1 (offline)
#   DEMO_TOOL=golang-migrate bash scripts/demo.sh      # official golang-migrate release (needs internet)
#   DEMO_PROFILE=release bash scripts/demo.sh          # package with --release (what ships)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

case "${DEMO_TOOL:-dbmate}" in
  dbmate | golang-migrate) ;;
  *)
    echo "demo.sh: DEMO_TOOL=${DEMO_TOOL} is not supported: use dbmate (default) or golang-migrate" >&2
    exit 2
    ;;
esac

bash scripts/setup.sh

if [[ ! -d target/debug ]]; then
  echo "demo.sh: first run in this checkout: compiling the demo, then the buildpack for musl (several minutes on 2 cores)" >&2
fi
exec cargo run --locked -p testkit --bin demo
