// Runs the compiled node:test suites. `npm test` = build + every suite; pass file or folder names
// (under test/) to run fewer: `npm test -- engine/risk`. SEI_TEST_FAST=1 skips *.e2e.test.js.
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, readdirSync, statSync} from 'node:fs'
import {join, relative} from 'node:path'
import {tmpdir} from 'node:os'

const root = join(import.meta.dirname, '..')
const testRoot = join(root, 'lib', 'test')
const filters = process.argv.slice(2)
const files = []
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) walk(p)
    else if (name.endsWith('.test.js')) files.push(p)
  }
}
walk(testRoot)
const selected = files.filter((f) => {
  const rel = relative(testRoot, f)
  if (process.env.SEI_TEST_FAST && rel.endsWith('.e2e.test.js')) return false
  return filters.length === 0 || filters.some((x) => rel.startsWith(x) || rel.includes(x))
})
if (selected.length === 0) {
  console.error(`no test files matched ${filters.join(' ')}`)
  process.exit(1)
}
const concurrency = process.env.SEI_TEST_CONCURRENCY ?? '2'
// Spec output for people; the TAP summary (`# pass N`) is what CI reads, printed last.
const tap = join(tmpdir(), `sei-test-results-${process.pid}.tap`)
// The CLI cache dir (validated manifests, digests) of anything a test runs without its own isolatedEnv():
// a fresh one per run, never the developer's ~/.cache/sei.
const env = {...process.env, SEI_CACHE_DIR: process.env.SEI_CACHE_DIR || mkdtempSync(join(tmpdir(), 'sei-test-cache-'))}
const r = spawnSync(
  process.execPath,
  [
    '--test',
    `--test-concurrency=${concurrency}`,
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...selected,
  ],
  {stdio: 'inherit', cwd: root, env},
)
const summary = readFileSync(tap, 'utf8')
  .split('\n')
  .filter((l) => /^# (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) /.test(l))
console.log(summary.join('\n'))
process.exit(r.status ?? 1)
