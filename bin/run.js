#!/usr/bin/env node
// sei needs Node ≥ 22 (oclif 5). When started by an older system node, hand over to the Node the
// project pins (node_modules/node), so `./bin/run.js` works on a fresh clone after `npm install`.
import {existsSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const major = Number(process.versions.node.split('.')[0])
if (major < 22) {
  const here = dirname(fileURLToPath(import.meta.url))
  const pinned = [
    join(here, '..', 'node_modules', 'node', 'bin', 'node'),
    join(here, '..', '..', 'node', 'bin', 'node'),
  ].find((p) => existsSync(p))
  if (!pinned) {
    process.stderr.write(
      `sei needs Node.js ≥ 22 (found ${process.version}). ` +
        'Run `npm install` in the sei checkout, or install Node 24 LTS.\n',
    )
    process.exit(3)
  }
  // imported here only: node:child_process costs ≈ 3 ms of every start-up
  const {spawnSync} = await import('node:child_process')
  const r = spawnSync(pinned, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {stdio: 'inherit'})
  process.exit(r.status ?? 1)
}

// A reader that went away (`sei help | head -1`) is no error: stop writing to that stream, quietly,
// and finish with the command's own exit code. Writes become no-ops and a pending flush is released
// (oclif's flush waits for a 'drain' a closed pipe never emits: Node's exit 13, "unsettled top-level await").
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error
    stream.write = (_chunk, encoding, callback) => {
      ;(typeof encoding === 'function' ? encoding : callback)?.()
      return true
    }
    stream.emit('drain')
  })
}

// Start-up is a feature of a CI gate: reuse V8's compiled code of oclif and sei across runs (kept in
// the OS temp dir, never in the repository).
const {enableCompileCache} = await import('node:module')
enableCompileCache?.()

// `sei --version`, `sei verify` and `sei status` without loading oclif (src/fast-path.ts says when, and
// why), from its one-file bundle (scripts/bundle-fast-path.js).
const {loadFastPath} = await import('./load-fast-path.js')
const argv = process.argv.slice(2)
let fast
try {
  fast = loadFastPath(fileURLToPath(new URL('../lib/fast/fast-path.cjs', import.meta.url)), argv[0])
} catch {
  fast = undefined // a bundle that does not load leaves every command to oclif
}
if (!(await fast?.fastPath(argv))) {
  // oclif checks its own "engines" (Node ≥ 22) at import with semver, ≈ 20 ms of start-up; the check above
  // already guarantees it. Set only around the import, so no child process (git, pipeline tools) inherits it.
  const engineWarning = process.env.OCLIF_DISABLE_ENGINE_WARNING
  process.env.OCLIF_DISABLE_ENGINE_WARNING = '1'
  const {execute} = await import('@oclif/core')
  if (engineWarning === undefined) delete process.env.OCLIF_DISABLE_ENGINE_WARNING
  else process.env.OCLIF_DISABLE_ENGINE_WARNING = engineWarning
  await execute({dir: import.meta.url})
}
