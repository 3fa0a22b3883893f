import assert from 'node:assert/strict'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {parse} from 'yaml'
import {sei} from '../helpers/cli.js'
import {git, gitRepo} from '../helpers/git-repo.js'
import {pipelinesDir} from '../pipelines/repo.js'

/** The tiny screening system (never run), with a plan path; status needs no pipeline tool. */
function declared(plan = 'policies/assessment_plan.oscal.yaml'): string {
  const files: Record<string, string> = {}
  for (const f of ['sei.yaml', 'params.yaml', 'src/evaluate.py', 'data/screening.csv', 'data/screening.croissant.json'])
    files[f] = readFileSync(join(pipelinesDir, 'common', f), 'utf8')
  files['sei.yaml'] +=
    `pipeline: {tool: dvc, metrics: metrics.json, params: params.yaml}\noscal: {assessment_plan: ${plan}}\n`
  files['dvc.yaml'] = readFileSync(join(pipelinesDir, 'dvc', 'dvc.yaml'), 'utf8')
  return gitRepo(files)
}

const planOf = (dir: string) => JSON.parse(sei(['status', '--json'], {cwd: dir}).stdout).result

describe('sei compile', () => {
  it('writes the plan (one requirement per ex-ante measure), advises on stderr, exits 0', () => {
    const dir = declared()
    const r = sei(['compile'], {cwd: dir})
    assert.equal(r.status, 0, r.stderr)
    assert.match(r.stdout, /compiled: policies\/assessment_plan\.oscal\.yaml \(2 requirements/)
    // Neither measure declares a control_tier (prEN 18228 cl. 9.1.2).
    assert.equal(r.stderr.match(/declares no control_tier/g)?.length, 2, r.stderr)
    const doc = parse(readFileSync(join(dir, 'policies/assessment_plan.oscal.yaml'), 'utf8'))
    const reqs = doc['component-definition'].components[0]['control-implementations'][0]['implemented-requirements']
    assert.deepEqual(
      reqs.map((x: any) => x['control-id']),
      ['screen-recall', 'screen-fpr'],
    )
    const ns = 'https://seigarrena.dev/ns/oscal'
    assert.deepEqual(reqs[0].props.slice(0, 3), [
      {name: 'metric_key', ns, value: 'recall_score'},
      {name: 'operator', ns, value: 'gt'},
      {name: 'threshold', ns, value: '0.8'},
    ])
  })

  it('is byte-stable: a second compile leaves the file alone and says unchanged', () => {
    const dir = declared()
    sei(['compile'], {cwd: dir})
    const first = readFileSync(join(dir, 'policies/assessment_plan.oscal.yaml'))
    const again = sei(['compile'], {cwd: dir})
    assert.match(again.stdout, /^unchanged: /)
    assert.deepEqual(readFileSync(join(dir, 'policies/assessment_plan.oscal.yaml')), first)
  })

  it('writes JSON for a .json path, and --json reports the digest and advisories', () => {
    const dir = declared('plan.json')
    const r = sei(['compile', '--json'], {cwd: dir})
    assert.equal(r.status, 0, r.stderr)
    const out = JSON.parse(r.stdout)
    assert.equal(out.result.format, 'json')
    assert.equal(out.result.requirements, 2)
    assert.equal(out.warnings.length, 2)
    assert.equal(
      JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8'))['component-definition'].metadata['oscal-version'],
      '1.2.3',
    )
  })

  it('sei status flags a plan missing, then current after compile, then stale when the risk section changes', () => {
    const dir = declared()
    let s = planOf(dir)
    assert.deepEqual(s.plan, {checked: true, current: false})
    assert.ok(s.drift.some((d: any) => d.section === 'plan'))
    sei(['compile'], {cwd: dir})
    s = planOf(dir)
    assert.deepEqual(s.plan, {checked: true, current: true})
    assert.ok(!s.drift.some((d: any) => d.section === 'plan'))
    writeFileSync(
      join(dir, 'sei.yaml'),
      readFileSync(join(dir, 'sei.yaml'), 'utf8').replace('constraint: "> 0.8"', 'constraint: "> 0.85"'),
    )
    s = planOf(dir)
    assert.deepEqual(s.plan, {checked: true, current: false})
    assert.ok(s.drift.some((d: any) => d.section === 'plan'))
    const human = sei(['status'], {cwd: dir})
    assert.match(human.stdout + human.stderr, /sei compile/)
  })

  it('exits 2 when the manifest declares no oscal.assessment_plan, writing nothing', () => {
    const dir = declared()
    writeFileSync(join(dir, 'sei.yaml'), readFileSync(join(dir, 'sei.yaml'), 'utf8').replace(/oscal: .*\n/, ''))
    const r = sei(['compile'], {cwd: dir})
    assert.equal(r.status, 2, r.stderr)
    assert.match(r.stderr, /PLAN_PATH_MISSING/)
    assert.equal(git(dir, ['status', '--porcelain']).trim(), 'M sei.yaml')
  })

  it('refuses a plan path that leaves the repository (exit 2)', () => {
    const dir = declared('../outside.yaml')
    const r = sei(['compile'], {cwd: dir})
    assert.equal(r.status, 2, r.stderr)
    assert.ok(!existsSync(join(dir, '..', 'outside.yaml')))
  })
})
