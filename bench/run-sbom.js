// `sei run` with nothing stale: what the SBOM costs. The run signs a CycloneDX SBOM of the pipeline's
// Python environment every time; cyclonedx-py takes seconds, so sei keeps it in its cache keyed by the
// environment's metadata files. Measured on examples/medical (Dagster), interleaved: the run with the
// SBOM cache warm, the run with it emptied (cyclonedx-py runs), and cyclonedx-py alone (the baseline).
import {execFileSync} from 'node:child_process'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {materialise, toolEnv, venvBin} from '../scripts/example-repo.js'
import {fmt, report, seiBin, summarise, timeOnce} from './lib.js'

const cache = mkdtempSync(join(tmpdir(), 'sei-bench-cache-'))
const env = toolEnv({
  SEI_SIGNING_KEY: join(mkdtempSync(join(tmpdir(), 'sei-bench-key-')), 'k.hex'),
  SEI_CACHE_DIR: cache,
  NO_COLOR: '1',
})
const dir = materialise('medical', {env})
const git = (args) => execFileSync('git', args, {cwd: dir, env, encoding: 'utf8'})
const run = [process.execPath, seiBin, 'run']
timeOnce([process.execPath, seiBin, 'compile'], {cwd: dir, env})
git(['add', '-A'])
git(['commit', '-q', '-m', 'compile'])
timeOnce(run, {cwd: dir, env, okCodes: [0, 1]}) // reproduces the pipeline once
git(['add', '-A'])
git(['commit', '-q', '-m', 'run'])
const cdx = [
  join(venvBin, 'cyclonedx-py'),
  'environment',
  join(venvBin, 'python'),
  '--of',
  'JSON',
  '--sv',
  '1.6',
  '--output-reproducible',
  '--no-validate',
  '-o',
  '-',
]

const warm = []
const cold = []
const tool = []
for (let i = 0; i < 7; i++) {
  warm.push(timeOnce(run, {cwd: dir, env, okCodes: [0, 1]}))
  rmSync(join(cache, 'sbom'), {recursive: true, force: true})
  cold.push(timeOnce(run, {cwd: dir, env, okCodes: [0, 1]}))
  tool.push(timeOnce(cdx, {env}))
}
const [w, c, t] = [warm, cold, tool].map(summarise)
report(
  'run-sbom',
  '`sei run` with nothing stale: the SBOM',
  ['measure', 'time', 'ratio'],
  [
    ['`sei run`, SBOM cache warm', fmt(w), `${(w.median / c.median).toFixed(2)}× the run without the cache`],
    ['`sei run`, SBOM cache emptied (cyclonedx-py runs)', fmt(c), '1.00×'],
    [
      '`cyclonedx-py environment` alone (baseline)',
      fmt(t),
      `${(t.median / c.median).toFixed(2)}× the run without the cache`,
    ],
  ],
  [
    'examples/medical (Dagster), the project .venv (~190 distributions); 7 interleaved rounds, median (min–max).',
    'cyclonedx-py runs with `--no-validate`: its own schema validation took ~40 s here (the tests validate ' +
      'against the official schema instead).',
  ],
)
