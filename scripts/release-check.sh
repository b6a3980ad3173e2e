#!/usr/bin/env bash
# Checks that a release tag can be released, as .github/workflows/release.yml
# does before packaging anything:
#
#   bash scripts/release-check.sh v0.2.0           # checks only
#   bash scripts/release-check.sh v0.2.0 --notes   # checks, then prints the
#                                                  # CHANGELOG.md section (release notes)
#
# Fails, naming the file and what to write, unless the tag is v<semver>, the
# [buildpack] version in buildpack.toml and the [package] version in Cargo.toml
# are that version, and CHANGELOG.md has a `## [<version>]` entry with content.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

die() {
  printf 'release-check: ERROR: %s\n' "$*" >&2
  exit 1
}

[[ $# -ge 1 ]] || die "usage: bash scripts/release-check.sh v<version> [--notes]"
tag="$1"
notes=0
[[ "${2:-}" == --notes ]] && notes=1

[[ "$tag" =~ ^v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$ ]] ||
  die "tag '$tag' is not v<major>.<minor>.<patch> (for example v0.2.0)"
version="${tag#v}"

# The first `version = "..."` inside a [section] of a TOML file.
toml_version() {
  sed -n "/^\[$2\]/,/^\[/{s/^version *= *\"\([^\"]*\)\".*/\1/p}" "$1" | head -n 1
}
bp_version=$(toml_version buildpack.toml buildpack)
[[ "$bp_version" == "$version" ]] ||
  die "buildpack.toml [buildpack] version is '$bp_version', the tag is $tag: set version = \"$version\" there (and in Cargo.toml), commit, and tag again"
cargo_version=$(toml_version Cargo.toml package)
[[ "$cargo_version" == "$version" ]] ||
  die "Cargo.toml [package] version is '$cargo_version', the tag is $tag: set version = \"$version\" there, commit, and tag again"

# The section of CHANGELOG.md under `## [<version>]`, up to the next `## `.
section=$(awk -v v="$version" '
  index($0, "## [" v "]") == 1 { found = 1; next }
  found && /^## / { exit }
  found { print }
' CHANGELOG.md)
grep -q "^## \[$version\]" CHANGELOG.md ||
  die "CHANGELOG.md has no entry for $version: rename '## [Unreleased]' to '## [$version] - $(date -u +%Y-%m-%d)', add a new empty '## [Unreleased]' above it, commit, and tag again"
[[ -n "$(tr -d '[:space:]' <<<"$section")" ]] ||
  die "CHANGELOG.md's entry for $version is empty: list the changes under '## [$version]'"

if [[ "$notes" == 1 ]]; then
  printf '%s\n' "$section" | sed -e '/./,$!d'
else
  echo "release-check: $tag matches buildpack.toml, Cargo.toml and CHANGELOG.md" >&2
fi
