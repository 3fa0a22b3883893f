import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {sei} from '../helpers/cli.js'
import {gitRepo} from '../helpers/git-repo.js'
import {pipelinesDir} from '../pipelines/repo.js'
import {fixtureCopy} from './conformance-helpers.js'

const base = `apiVersion: seigarrena.dev/v1alpha1
kind: AISystem
system:
  name: loans
  decisions: [approve]
  affected_persons: [applicants]
  potential_misuses:
    - {id: mu.sole-decider, description: "used without a human", addressed_by: []}
task: {modality: tabular, type: classification}
dataset: {croissant: data.croissant.json}
risk:
  appetite: {individual: MEDIUM}
  risks:
    - id: risk.unfair
      title: "Unfair refusals"
      impact: {individual: HIGH}
      likelihood: LIKELY
      treat:
        - method: REDUCE
          measures:
            - {id: pm, metric: performance_drift, constraint: "< 0.05", enforcement: monitor, lifecycle: [monitoring]}
`
const croissant = JSON.stringify({'@type': 'sc:Dataset', name: 'loans', 'rai:sensitiveData': 'sex, age'})

describe('sei assess', () => {
  it('lists the proposed risks with why, measures and clauses; exit 0', () => {
    const dir = gitRepo({'sei.yaml': base, 'data.croissant.json': croissant})
    const r = sei(['assess'], {cwd: dir})
    assert.equal(r.status, 0, r.stderr)
    assert.match(r.stdout, /^5 proposed risks not yet in the register of loans/)
    for (const id of [
      'risk.unfair-outcomes-by-group',
      'risk.personal-data-exposure',
      'risk.misclassification',
      'risk.automation-bias',
      'risk.misuse-sole-decider',
    ])
      assert.match(r.stdout, new RegExp(`  ${id.replaceAll('.', '\\.')}  \\[`))
    assert.match(
      r.stdout,
      /why: system\.decisions \(approve\) affect applicants; data\.croissant\.json: rai:sensitiveData/,
    )
    const j = JSON.parse(sei(['assess', '--json'], {cwd: dir}).stdout)
    assert.equal(j.status, 0)
    assert.equal(j.result.proposals.length, 5)
  })

  it('a measure of the same metric under another spelling covers a proposal (accuracy covers accuracy_score)', () => {
    const proposes = (metric: string) => {
      const text = `${base}            - {id: perf, metric: ${metric}, constraint: "> 0.9", enforcement: gate}\n`
      const r = sei(['assess'], {cwd: gitRepo({'sei.yaml': text, 'data.croissant.json': croissant})})
      assert.equal(r.status, 0, r.stderr)
      return /^ {2}risk\.misclassification {2}\[/m.test(r.stdout)
    }
    // the template measures recall_score and accuracy_score: each spelling below is one of those metrics
    for (const metric of ['accuracy', 'accuracy_score', 'test_accuracy', 'recall', 'sensitivity', 'tpr'])
      assert.equal(proposes(metric), false, metric)
    // a different metric does not cover it
    for (const metric of ['precision', 'balanced_accuracy', 'false_positive_rate'])
      assert.equal(proposes(metric), true, metric)
  })

  it('says the register is up to date when every rule is covered; exit 0', () => {
    const covered = base
      .replace('  decisions: [approve]\n  affected_persons: [applicants]\n', '')
      .replace('addressed_by: []', 'addressed_by: [risk.unfair]')
      .replace('task: {modality: tabular, type: classification}\n', '')
    const dir = gitRepo({'sei.yaml': covered, 'data.croissant.json': croissant})
    const r = sei(['assess'], {cwd: dir})
    assert.equal(r.status, 0, r.stderr)
    assert.match(r.stdout, /^The risk register of loans is up to date/)
  })

  it('sei status prints the one-line advisory on stderr when proposals exist (and the dataset size fact)', () => {
    const files: Record<string, string> = {}
    for (const f of [
      'sei.yaml',
      'params.yaml',
      'src/evaluate.py',
      'data/screening.csv',
      'data/screening.croissant.json',
    ])
      files[f] = readFileSync(join(pipelinesDir, 'common', f), 'utf8')
    files['sei.yaml'] += 'pipeline: {tool: dvc, metrics: metrics.json, params: params.yaml}\n'
    files['dvc.yaml'] = readFileSync(join(pipelinesDir, 'dvc', 'dvc.yaml'), 'utf8')
    const dir = gitRepo(files)
    const r = sei(['status'], {cwd: dir})
    // By hand: no post-market measure (drift template), and data/screening.csv holds 20 records (21 lines
    // with the header), fewer than 1,000; its Croissant declares no rai:* fields and no decisions about persons.
    assert.match(r.stderr, /advisory: 2 proposed risk\(s\) not yet in the register; review them with `sei assess`\./)
    const j = JSON.parse(sei(['assess', '--json'], {cwd: dir}).stdout)
    assert.deepEqual(
      j.result.proposals.map((p: {id: string}) => p.id),
      ['risk.small-dataset', 'risk.post-market-drift'],
    )
    assert.match(j.result.proposals[0].because[0].why, /hold 20 records/)
  })

  it("novacredit: the signed bundle's inconclusive fairness control (CI across < 0.10), unaddressed misuse", () => {
    const repo = fixtureCopy('novacredit')
    const r = sei(['assess', '--json'], {cwd: repo})
    assert.equal(r.status, 0, r.stderr)
    const proposals = JSON.parse(r.stdout).result.proposals as {id: string; because: {why: string}[]}[]
    const inconclusive = proposals.find((p) => p.id === 'risk.inconclusive-evidence')
    assert.match(
      inconclusive!.because[0].why,
      /control unfair-credit-exclusion passed but its confidence interval \[0\.0029\d*, 0\.1737\d*\] crosses < 0\.10/,
    )
    assert.ok(proposals.some((p) => p.id === 'risk.misuse-out-of-purpose'))
    // Its DORA context, and no fairness proposal: demographic parity is measured.
    assert.ok(proposals.some((p) => p.id === 'risk.ict-third-party'))
    assert.ok(!proposals.some((p) => p.id === 'risk.unfair-outcomes-by-group' || p.id === 'risk.bias-not-measurable'))
  })
})
