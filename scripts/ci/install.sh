#!/usr/bin/env bash
# Installs sei's standalone tarball (Node bundled) for the GitHub Action (action.yml) and for anyone's CI:
#   SEI_TARBALL         a path or an https URL of sei-v<version>-<sha>-linux-x64.tar.gz; empty: build it
#                       from this checkout (npm ci, npm run build, scripts/pack-tarball.sh)
#   SEI_TARBALL_SHA256  optional: refuse a tarball with another SHA-256
#   SEI_INSTALL_DIR     where to unpack it (default: $RUNNER_TEMP/sei, else a new temporary directory)
# Prints the directory of the `sei` program last, and adds it to $GITHUB_PATH when that is set.
# The only standalone build is linux-x64 (scripts/pack-tarball.sh); other runners are refused (exit 3).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

os="${RUNNER_OS:-$(uname -s)}"
arch="${RUNNER_ARCH:-$(uname -m)}"
case "$os/$arch" in
  Linux/X64 | Linux/x86_64) ;;
  *)
    echo "sei install: no standalone tarball for $os/$arch (only Linux x64 is built); install sei with npm" >&2
    exit 3
    ;;
esac

tarball="${SEI_TARBALL:-}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -z "$tarball" ]; then
  echo "sei install: no tarball given, building one from $root" >&2
  (cd "$root" && npm ci --no-audit --no-fund >&2 && npm run build >&2)
  tarball="$(bash "$root/scripts/pack-tarball.sh" | tail -n 1)"
elif [[ "$tarball" == https://* ]]; then
  curl --fail --silent --show-error --location --retry 3 --output "$work/sei.tar.gz" "$tarball"
  tarball="$work/sei.tar.gz"
fi
[ -f "$tarball" ] || { echo "sei install: $tarball is not a file" >&2; exit 3; }

if [ -n "${SEI_TARBALL_SHA256:-}" ]; then
  actual="$(sha256sum "$tarball" | cut -d' ' -f1)"
  if [ "$actual" != "$SEI_TARBALL_SHA256" ]; then
    echo "sei install: $tarball has SHA-256 $actual, not the expected $SEI_TARBALL_SHA256" >&2
    exit 3
  fi
fi

dest="${SEI_INSTALL_DIR:-}"
[ -n "$dest" ] || dest="${RUNNER_TEMP:+$RUNNER_TEMP/sei}"
[ -n "$dest" ] || dest="$(mktemp -d)"
mkdir -p "$dest"
tar -xzf "$tarball" -C "$dest"
bin="$dest/sei/bin"
# The tarball's own launcher runs its bundled Node: this proves the unpacked CLI starts.
"$bin/sei" --version >&2
[ -z "${GITHUB_PATH:-}" ] || echo "$bin" >>"$GITHUB_PATH"
echo "$bin"
