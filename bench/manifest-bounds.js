// Hostile manifests (issue 16 item 8): a sei.yaml nesting 1,000 or 10,000 deep, or larger than the 4 MB
// bound, must be refused cheaply. Each row is `sei status --json` on it (exit 2, located), timed and
// with its peak memory (GNU time's max RSS), against the same command on the tests' real screening
// manifest in the same invocation (the baseline row). Targets: under 1 s and under 100 MB each.
// Run: node bench/manifest-bounds.js   (after `npm run build`)
import {spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fmt, measureInterleaved, projectRoot, report, seiBin} from './lib.js'

const RUNS = Number(process.env.SEI_BENCH_RUNS ?? 7)
const base = mkdtempSync(join(tmpdir(), 'sei-bench-bounds-'))
const env = {
  ...process.env,
  SEI_DATA_DIR: join(base, 'data'),
  SEI_CACHE_DIR: join(base, 'cache'),
  SEI_CONFIG_DIR: join(base, 'config'),
  NO_COLOR: '1',
}
const real = readFileSync(join(projectRoot, 'test', 'pipelines', 'common', 'sei.yaml'), 'utf8')
const cases = [
  ['real screening manifest (baseline)', real],
  ['block mappings 1,000 deep', `${Array.from({length: 1000}, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} x\n`],
  [
    'flow sequences 10,000 deep',
    `apiVersion: seigarrena.dev/v1alpha1\nsystem: ${'['.repeat(10000)}${']'.repeat(10000)}\n`,
  ],
  ['block sequences 1,000 deep', `${Array.from({length: 1000}, (_, i) => `${' '.repeat(i * 2)}- `).join('\n')}x\n`],
  ['5 MB of keys', `${real}\n${Array.from({length: 200000}, (_, i) => `x${i}: ${'v'.repeat(16)}`).join('\n')}\n`],
]
const repos = cases.map(([, text]) => {
  const dir = mkdtempSync(join(base, 'repo-'))
  spawnSync('git', ['init', '-q', dir])
  writeFileSync(join(dir, 'sei.yaml'), text)
  return dir
})
const argv = (dir) => [process.execPath, seiBin, 'status', '--json', '--repo', dir]
const times = measureInterleaved(
  repos.map((dir) => ({argv: argv(dir), env, okCodes: [1, 2]})),
  {runs: RUNS, warmup: 1},
)
const gnuTime = existsSync('/usr/bin/time')
const peak = (dir) => {
  if (!gnuTime) return 'n/a'
  const r = spawnSync('/usr/bin/time', ['-f', '%M', ...argv(dir)], {env, encoding: 'utf8'})
  return `${(Number(r.stderr.trim().split('\n').at(-1)) / 1024).toFixed(0)} MB`
}
const code = (dir) => {
  const r = spawnSync(argv(dir)[0], argv(dir).slice(1), {env, encoding: 'utf8'})
  const out = JSON.parse(r.stdout)
  return `${r.status} ${out.error?.code ?? ''} ${out.error?.where ?? ''}`.trim()
}
const baseline = times[0].median
report(
  'manifest-bounds',
  'Hostile manifests refused cheaply (sei status --json)',
  ['manifest', 'time', 'ratio to baseline', 'peak RSS', 'exit, code, where'],
  cases.map(([name], i) => [
    name,
    fmt(times[i]),
    `${(times[i].median / baseline).toFixed(2)} ×`,
    peak(repos[i]),
    code(repos[i]),
  ]),
  [
    `${RUNS} runs each after 1 warm-up, median (min–max), the rows taken in turn run by run; each a new process`,
    'the baseline is a valid manifest in a repository without its data: status refuses it too (INPUT_MISSING or ' +
      'similar), after the full validation',
    'depth is estimated from the text before YAML parses it (src/engine/manifest/depth.ts); size is checked ' +
      'with stat before the file is read',
  ],
)
