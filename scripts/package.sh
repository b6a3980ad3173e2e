#!/usr/bin/env bash
# Packages the buildpack for shipping, for both architectures it declares
# (buildpack.toml [[targets]] linux/amd64 and linux/arm64):
#
#   packaged/x86_64-unknown-linux-musl/release/<buildpack dir>/
#   packaged/aarch64-unknown-linux-musl/release/<buildpack dir>/
#   target/classic/migrations-buildpack-classic-<version>.tgz (+ .sha256)
#
# The CNB packages come from `cargo libcnb package --release --target <triple>`
# (static musl binaries, the release profile). The aarch64 one is cross-built
# with Debian's gcc-aarch64-linux-gnu as linker and C compiler (for ring), which
# `cargo libcnb package` picks by itself when aarch64-linux-gnu-gcc is on PATH.
# Each package is checked before it is printed: bin/build and the runner are
# static ELF executables for the package's architecture, and the runner runs
# (the aarch64 one under qemu-aarch64-static when installed).
# The classic (Heroku Cedar) tarball is x86_64 only, as Cedar is: see
# scripts/package-classic.sh.
#
# stdout: one path per line (the CNB package directories, then the tarball);
# progress and sizes go to stderr. Runs `bash scripts/setup.sh` first, which
# installs what is missing.
#
# Options:
#   --target <triple>   package only this triple (repeatable; default: both)
#   --no-classic        skip the classic tarball
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly ALL_TARGETS=(x86_64-unknown-linux-musl aarch64-unknown-linux-musl)
readonly PACKAGE_DIR=packaged

say() { printf 'package: %s\n' "$*" >&2; }
die() {
  say "ERROR: $*"
  exit 1
}

targets=()
classic=1
while (($#)); do
  case "$1" in
    --target)
      [[ $# -ge 2 ]] || die "--target needs a triple: ${ALL_TARGETS[*]}"
      case "$2" in
        x86_64-unknown-linux-musl | aarch64-unknown-linux-musl) targets+=("$2") ;;
        *) die "unsupported target '$2': use one of ${ALL_TARGETS[*]}" ;;
      esac
      shift 2
      ;;
    --no-classic)
      classic=0
      shift
      ;;
    -h | --help)
      sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"
      exit 0
      ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done
((${#targets[@]})) || targets=("${ALL_TARGETS[@]}")

# Installs what is missing (cross compiler, rustup targets, cargo-libcnb, qemu).
bash scripts/setup.sh </dev/null

command -v cargo >/dev/null 2>&1 || die "cargo not found: run bash scripts/setup.sh"
command -v readelf >/dev/null 2>&1 || die "readelf not found (Debian package binutils): run bash scripts/setup.sh"
cargo libcnb --version >/dev/null 2>&1 || die "cargo-libcnb not found: run bash scripts/setup.sh"

# <id with / replaced by _>, as cargo libcnb package names the directory.
id=$(sed -n '/^\[buildpack\]/,/^\[/{s/^id *= *"\([^"]*\)".*/\1/p}' buildpack.toml | head -n 1)
[[ -n "$id" ]] || die "no [buildpack] id in buildpack.toml"
readonly bp_dir_name="${id//\//_}"

# readelf's name for each triple's machine.
elf_machine() {
  case "$1" in
    x86_64-*) echo "Advanced Micro Devices X86-64" ;;
    aarch64-*) echo "AArch64" ;;
  esac
}

# Fails unless $2 is a statically linked ELF executable for the machine of triple $1.
check_static_elf() {
  local triple="$1" file="$2" machine
  [[ -f "$file" ]] || die "$file is missing"
  machine=$(readelf -hW "$file" 2>/dev/null | sed -n 's/^ *Machine: *//p') ||
    die "$file is not an ELF file"
  [[ "$machine" == "$(elf_machine "$triple")" ]] ||
    die "$file is built for '$machine', expected '$(elf_machine "$triple")' ($triple)"
  if readelf -lW "$file" | grep -q 'Requesting program interpreter'; then
    die "$file is dynamically linked (it names a program interpreter): it would need the run image's libc"
  fi
  if readelf -dW "$file" | grep -q '(NEEDED)'; then
    die "$file needs shared libraries: $(readelf -dW "$file" | grep '(NEEDED)' | tr -s ' ' | tr '\n' ';')"
  fi
}

# Runs the runner of the package for triple $1 with --version.
runner_version() {
  local triple="$1" runner="$2"
  case "$triple" in
    x86_64-*) "$runner" --version ;;
    aarch64-*)
      if command -v qemu-aarch64-static >/dev/null 2>&1; then
        qemu-aarch64-static "$runner" --version
      else
        say "qemu-aarch64-static not found: not running the aarch64 runner (bash scripts/setup.sh installs it)"
        return 0
      fi
      ;;
  esac
}

version=$(sed -n '/^\[buildpack\]/,/^\[/{s/^version *= *"\([^"]*\)".*/\1/p}' buildpack.toml | head -n 1)
[[ -n "$version" ]] || die "no [buildpack] version in buildpack.toml"

outputs=()
for triple in "${targets[@]}"; do
  say "cargo libcnb package --release --target $triple (a fat-LTO build per triple: minutes)"
  started=$SECONDS
  log=$(mktemp)
  if ! cargo libcnb package --release --target "$triple" --package-dir "$PACKAGE_DIR" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    die "cargo libcnb package --release --target $triple failed (above)"
  fi
  rm -f "$log"
  dir="$PACKAGE_DIR/$triple/release/$bp_dir_name"
  [[ -f "$dir/buildpack.toml" ]] || die "cargo libcnb package succeeded but $dir/buildpack.toml is missing"
  [[ "$(readlink "$dir/bin/detect")" == build ]] || die "$dir/bin/detect is not the link to build"
  runner="$dir/.libcnb-cargo/additional-bin/migrations"
  for exe in "$dir/bin/build" "$runner"; do
    check_static_elf "$triple" "$exe"
  done
  # The runner layer's SBOM is made from the crate list build.rs compiles into bin/build
  # (src/sbom): it must be the list for this package's own target.
  grep -aq "\"target\": \"$triple\"" "$dir/bin/build" ||
    die "$dir/bin/build does not carry the runner's crate list for $triple (build.rs, src/sbom)"
  printed=$(runner_version "$triple" "$runner") || die "$runner --version failed"
  if [[ -n "$printed" && "$printed" != "migrations $version" ]]; then
    die "$runner --version printed '$printed', expected 'migrations $version'"
  fi
  say "$triple: $dir ($(du -sk --apparent-size "$dir" | cut -f1) KiB: bin/build $(stat -c %s "$dir/bin/build") bytes, migrations $(stat -c %s "$runner") bytes; static $(elf_machine "$triple"); $((SECONDS - started)) s)"
  outputs+=("$dir")
done

if [[ "$classic" == 1 ]]; then
  say "classic (Heroku Cedar) tarball: x86_64 only, as Cedar is"
  outputs+=("$(bash scripts/package-classic.sh)")
fi

printf '%s\n' "${outputs[@]}"
