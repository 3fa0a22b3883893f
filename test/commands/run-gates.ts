import assert from 'node:assert/strict'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {sei, type CliResult} from '../helpers/cli.js'
import {git} from '../helpers/git-repo.js'
import {pythonToolEnv} from '../helpers/python.js'
import {edit, screeningRepo, type Tool} from '../pipelines/repo.js'

/** The CLI environment of one governed repository: project venv tools, isolated dirs, a key outside the repo. */
export function toolEnv(): Record<string, string | undefined> {
  const keyDir = mkdtempSync(join(tmpdir(), 'sei-key-'))
  return pythonToolEnv({SEI_SIGNING_KEY: join(keyDir, 'signing.key'), SEI_SIGNING_BACKEND: 'local'})
}

export const explain = (r: CliResult) => `exit ${r.status}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`

export function statusJson(
  dir: string,
  env: Record<string, string | undefined>,
): {
  status: number
  result: {
    fresh: boolean
    green: boolean
    drift: {section: string; type: string; inputs?: string[]}[]
    failing: {control_id: string}[]
    evidence: unknown[]
  }
} {
  const r = sei(['status', '--json'], {cwd: dir, env})
  return JSON.parse(r.stdout)
}

/**
 * The RDD loop on one tool, end to end with the real tool: red gate → treatment commit → green gate
 * → `sei status` exit 0; then each kind of drift from a single edit, reverted in between.
 */
export function redToGreen(tool: Tool): void {
  const dir = screeningRepo(tool)
  const env = toolEnv()
  const run = (...args: string[]) => sei(['run', ...args], {cwd: dir, env})
  const status = () => sei(['status'], {cwd: dir, env})

  let r = status()
  assert.equal(r.status, 1, explain(r))
  assert.match(r.stdout, /never run/)

  // V1: untreated model, recall 0.5 (5 of 10 positives at threshold 0.7) fails "> 0.8".
  r = run()
  assert.equal(r.status, 1, explain(r))
  assert.match(r.stdout, /risk gate: RED/)
  assert.match(r.stdout, /screen-recall\s+0\.5\s+> 0\.8\s+FAIL/)
  const v1 = JSON.parse(readFileSync(join(dir, '.sei/bundle.json'), 'utf8'))
  const recall1 = v1.control_results.find((c: {control_id: string}) => c.control_id === 'screen-recall')
  assert.equal(recall1.actual_value, 0.5)
  assert.equal(recall1.passed, false)
  assert.equal(recall1.enforcement_mode, 'block')
  assert.match(readFileSync(join(dir, '.sei/PUBKEY.txt'), 'utf8'), /^04[0-9a-f]{128}\n$/)
  const lock1 = JSON.parse(readFileSync(join(dir, 'sei.lock'), 'utf8'))
  assert.equal(lock1.signed_bundle_digest, readFileSync(join(dir, '.sei/bundle.json.sig'), 'utf8'))

  // Fresh but red: status exits 1 naming the failing control, and committing the evidence keeps it fresh.
  let s = statusJson(dir, env)
  assert.equal(s.result.fresh, true, JSON.stringify(s))
  assert.deepEqual(
    s.result.failing.map((f) => f.control_id),
    ['screen-recall'],
  )
  git(dir, ['add', '-A'])
  git(dir, ['commit', '-q', '-m', 'run: V1 evidence (gate RED)'])
  s = statusJson(dir, env)
  assert.equal(s.result.fresh, true, 'committing the evidence must not make it stale')
  assert.equal(s.status, 1)

  // Treatment: one parameter (threshold 0.7 → 0.3) → Drift B, then a green run with one FAIL→PASS event.
  edit(dir, 'params.yaml', 'threshold: 0.7', 'threshold: 0.3')
  git(dir, ['commit', '-q', '-am', 'treatment: lower the referral threshold to 0.3'])
  const treatmentCommit = git(dir, ['rev-parse', 'HEAD']).trim()
  s = statusJson(dir, env)
  assert.deepEqual(
    s.result.drift.map((d) => `${d.section}:${d.type}`),
    ['measurement-model:B'],
  )
  // DVC declares the key its stage reads; the other tools' manifests name the whole file (pipeline.params).
  assert.deepEqual(s.result.drift[0].inputs, [
    tool === 'dvc' ? 'params.yaml#threshold (params)' : 'params.yaml (params)',
  ])

  r = run()
  assert.equal(r.status, 0, explain(r))
  assert.match(r.stdout, /risk gate: GREEN/)
  assert.match(r.stdout, /screen-recall\s+1\s+> 0\.8\s+PASS/)
  const v2 = JSON.parse(readFileSync(join(dir, '.sei/bundle.json'), 'utf8'))
  assert.equal(v2.treatment_events.length, 1, JSON.stringify(v2.treatment_events))
  const ev = v2.treatment_events[0]
  assert.equal(ev.control_id, 'screen-recall')
  assert.equal(ev.previous_value, 0.5)
  assert.equal(ev.current_value, 1)
  assert.equal(ev.anchored_commit, treatmentCommit)

  r = status()
  assert.equal(r.status, 0, explain(r))
  git(dir, ['add', '-A'])
  git(dir, ['commit', '-q', '-m', 'run: V2 evidence (gate GREEN)'])
  r = status()
  assert.equal(r.status, 0, explain(r))

  // Nothing stale: a second run does not reproduce.
  r = run()
  assert.equal(r.status, 0, explain(r))
  assert.match(r.stdout, /reproduced: nothing/)
  git(dir, ['checkout', '-q', '--', '.'])
  assert.equal(status().status, 0)

  const driftOf = (file: string, from: string, to: string) => {
    const before = readFileSync(join(dir, file))
    edit(dir, file, from, to)
    const out = statusJson(dir, env)
    writeFileSync(join(dir, file), before)
    assert.equal(out.status, 1)
    return out.result.drift.map((d) => `${d.section}:${d.type}`)
  }
  assert.deepEqual(
    driftOf('src/evaluate.py', 'recall = tp / len(positives)', 'recall = tp / len(positives)  # edited'),
    ['measurement-model:B'],
  )
  assert.deepEqual(driftOf('sei.yaml', 'Flag screening images', 'Triage screening images'), ['classification:A'])
  assert.deepEqual(driftOf('data/screening.csv', 'p0,0.95,1', 'p0,0.15,1'), ['measurement-data:data'])
  r = status()
  assert.equal(r.status, 0, explain(r))
}
