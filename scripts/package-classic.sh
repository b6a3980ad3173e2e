#!/usr/bin/env bash
# Packages the classic (Heroku Cedar) form of the buildpack:
#
#   target/classic/migrations-buildpack-classic-<version>.tgz   (+ .sha256 beside it)
#
# holding, at the root of the archive (where Heroku looks for bin/):
#
#   bin/detect bin/compile bin/release   POSIX sh shims (classic/bin)
#   lib/classic                          static binary: the classic Buildpack API
#   lib/migrations                       static binary: the release runner
#   README.md LICENSE                    when present at the repository root
#
# Both binaries are built in release mode for x86_64-unknown-linux-musl, so they
# run on any Heroku stack (heroku-22, heroku-24) without shared libraries. There
# is no aarch64 tarball: Heroku Cedar runs x86_64 only (the CNB packages for
# both architectures come from scripts/package.sh, which also runs this script).
# Publishing (a GitHub release asset) and `heroku buildpacks:add`: docs/cedar.md.
#
# Needs the rustup target x86_64-unknown-linux-musl and musl-tools
# (bash scripts/setup.sh installs both).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly TARGET=x86_64-unknown-linux-musl
readonly OUT_DIR=target/classic

say() { printf 'package-classic: %s\n' "$*" >&2; }
die() {
  say "ERROR: $*"
  exit 1
}

# The buildpack's version: [buildpack] version in buildpack.toml (the CNB's too).
version=$(sed -n '/^\[buildpack\]/,/^\[/{s/^version *= *"\([^"]*\)".*/\1/p}' buildpack.toml | head -n 1)
[[ -n "$version" ]] || die "no [buildpack] version in buildpack.toml"
readonly name="migrations-buildpack-classic-$version"

say "cargo build --release --target $TARGET (classic, migrations)"
cargo build --release --locked --target "$TARGET" \
  -p classic-buildpack -p migrations-buildpack --bin classic --bin migrations

# Where cargo put them: CARGO_TARGET_DIR when set (the archive still goes to target/classic).
bin_dir="${CARGO_TARGET_DIR:-target}/$TARGET/release"
for exe in classic migrations; do
  [[ -x "$bin_dir/$exe" ]] || die "$bin_dir/$exe was not built"
  # A dynamically linked binary would depend on the stack's libc: refuse it.
  if command -v ldd >/dev/null 2>&1 && ldd "$bin_dir/$exe" 2>&1 | grep -q '=>'; then
    die "$bin_dir/$exe is dynamically linked: $(ldd "$bin_dir/$exe" 2>&1 | tr '\n' ' ')"
  fi
done

stage="$OUT_DIR/stage/$name"
rm -rf "$stage"
mkdir -p "$stage/bin" "$stage/lib"
for script in detect compile release; do
  install -m 0755 "classic/bin/$script" "$stage/bin/$script"
done
install -m 0755 "$bin_dir/classic" "$stage/lib/classic"
install -m 0755 "$bin_dir/migrations" "$stage/lib/migrations"
for doc in README.md LICENSE; do
  if [[ -f "$doc" ]]; then
    install -m 0644 "$doc" "$stage/$doc"
  fi
done

# Smoke test of the staged buildpack: the shims find the binaries.
release_yaml=$("$stage/bin/release" "$stage")
[[ "$release_yaml" == $'---\ndefault_process_types:\n  release: migrations release' ]] ||
  die "bin/release printed something unexpected: $release_yaml"
"$stage/lib/migrations" --version >/dev/null || die "lib/migrations does not run"

# Reproducible archive: sorted names, fixed owner and time, no gzip timestamp.
tarball="$OUT_DIR/$name.tgz"
mtime=$(git log -1 --format=%cI 2>/dev/null || echo "1970-01-01T00:00:00Z")
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="$mtime" \
  -C "$stage" -cf - . | gzip -n -9 >"$tarball"
(cd "$OUT_DIR" && sha256sum "$name.tgz" >"$name.tgz.sha256")

say "contents:"
tar -tzvf "$tarball" >&2
say "wrote $tarball ($(du -h "$tarball" | cut -f1), $(stat -c %s "$tarball") bytes)"
say "sha256: $(cut -d' ' -f1 "$OUT_DIR/$name.tgz.sha256")"
echo "$tarball"
