import assert from 'node:assert/strict'
import {appendFileSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {sei} from '../helpers/cli.js'
import {git} from '../helpers/git-repo.js'
import {hasPythonEnv} from '../helpers/python.js'
import {edit, screeningRepo} from '../pipelines/repo.js'
import {explain, toolEnv} from './run-gates.js'

type Result = {control_id: string; threshold: number; passed: boolean}
const results = (dir: string) =>
  (JSON.parse(readFileSync(join(dir, '.sei', 'bundle.json'), 'utf8')) as {control_results: Result[]}).control_results

// Issue 17, deviation 1 (reference/000: the compiled plan "defines which controls are measured and under what
// conditions"): a threshold relaxed in sei.yaml after `sei compile` must not be evaluated until it is compiled.
describe('sei run: the compiled plan is the gate contract', {skip: !hasPythonEnv && 'no project Python env'}, () => {
  it('a stale plan stops the run (exit 2, nothing written); --compile compiles, then runs', () => {
    const dir = screeningRepo('dvc')
    const env = toolEnv()
    appendFileSync(join(dir, 'sei.yaml'), 'oscal: {assessment_plan: policies/plan.oscal.yaml}\n')
    let r = sei(['compile'], {cwd: dir, env})
    assert.equal(r.status, 0, explain(r))
    git(dir, ['add', '-A'])
    git(dir, ['commit', '-q', '-m', 'declare and compile'])
    r = sei(['run'], {cwd: dir, env})
    assert.equal(r.status, 1, explain(r)) // the screening system's recall fails > 0.8 (test/pipelines)
    git(dir, ['add', '-A'])
    git(dir, ['commit', '-q', '-m', 'run: red'])
    const before = readFileSync(join(dir, '.sei', 'bundle.json'))
    const lockBefore = readFileSync(join(dir, 'sei.lock'))

    // The threshold is relaxed in sei.yaml only: the plan on disk still says > 0.8.
    edit(dir, 'sei.yaml', 'constraint: "> 0.8"', 'constraint: "> 0.1"')
    r = sei(['run', '--json'], {cwd: dir, env})
    assert.equal(r.status, 2, explain(r))
    const error = (JSON.parse(r.stdout) as {status: number; error: {code: string; where: string; actions: string[]}})
      .error
    assert.equal(error.code, 'PLAN_STALE')
    assert.match(error.where, /^sei\.yaml:\d+:\d+$/)
    assert.ok(error.actions.some((a) => a.includes('sei run --compile')))
    assert.deepEqual(readFileSync(join(dir, '.sei', 'bundle.json')), before, 'no bundle written')
    assert.deepEqual(readFileSync(join(dir, 'sei.lock')), lockBefore, 'the lock untouched')
    const human = sei(['run'], {cwd: dir, env})
    assert.equal(human.status, 2)
    assert.match(human.stderr, /^Error \(PLAN_STALE\): sei\.yaml:\d+:\d+ policies\/plan\.oscal\.yaml is not what/)

    // --compile: the plan follows the manifest first, then the run evaluates the compiled threshold.
    r = sei(['run', '--compile', '--force', '--json'], {cwd: dir, env: {...env, SEI_PROGRESS_INTERVAL: '0.5'}})
    assert.equal(r.status, 0, explain(r))
    // A heartbeat on stderr while the tool runs, --json included (issue 17).
    assert.match(r.stderr, /^dvc · \d+:\d\d \(still running\)$/m)
    assert.equal((JSON.parse(r.stdout) as {result: {compiled: {changed: boolean}}}).result.compiled.changed, true)
    r = sei(['run', '--compile'], {cwd: dir, env})
    assert.equal(r.status, 0, explain(r))
    assert.match(r.stdout, /^unchanged: policies\/plan\.oscal\.yaml \(\d+ requirements?, OSCAL component-definition/)
    assert.match(
      readFileSync(join(dir, 'policies', 'plan.oscal.yaml'), 'utf8'),
      /value: '0\.1'/,
      'the compiled threshold',
    )
    const recall = results(dir).find((c) => c.control_id === 'screen-recall')!
    assert.deepEqual([recall.threshold, recall.passed], [0.1, true])
  })
})
