// Bundles the start-up fast path (lib/src/fast-path.js and the engine modules it reaches) into
// lib/fast/, which bin/run.js loads first. `sei status` is the CI gate: loading ≈ 90 separate ES
// modules costs ≈ 10–15 ms of its start-up; one bundle with a few lazily loaded chunks does not (bench/
// startup.js measures both). Packages from node_modules stay external, so the bundle shares @sei/sdk,
// yaml and oclif with the rest of sei. Run by `npm run build` after tsc.
import {rmSync} from 'node:fs'
import {join} from 'node:path'
import {build} from 'esbuild'

const root = join(import.meta.dirname, '..')
const outdir = join(root, 'lib', 'fast')
rmSync(outdir, {recursive: true, force: true}) // chunk names carry hashes: no stale chunk may stay
await build({
  entryPoints: [join(root, 'lib', 'src', 'fast-path.js')],
  outdir,
  bundle: true,
  splitting: true, // dynamic imports (verify, status, the validator) stay separate chunks, loaded when needed
  format: 'esm',
  platform: 'node',
  target: 'node22',
  packages: 'external',
  logLevel: 'warning',
})
