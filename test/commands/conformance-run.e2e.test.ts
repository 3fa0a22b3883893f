import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {sei} from '../helpers/cli.js'
import {git} from '../helpers/git-repo.js'
import {hasPythonEnv} from '../helpers/python.js'
import {edit, screeningRepo} from '../pipelines/repo.js'
import {explain, toolEnv} from './run-gates.js'

type Std = {standard: string; clauses: {clause_id: string; decision: string; measures: string[]}[]}
const decisions = (s: Std) => Object.fromEntries(s.clauses.map((c) => [c.clause_id, c.decision]))

// The whole loop in a sei repository with the real pipeline tool: declare (citing clauses) → sei run
// (red) → treatment → sei run (green) → sei conformance (--history, --out) → sei verify --all.
describe('sei conformance on evidence written by sei run (dvc)', {
  skip: !hasPythonEnv && 'no project Python env',
}, () => {
  it('projects the green run, shows the red→green change in --history, and writes reports verify accepts', () => {
    const dir = screeningRepo('dvc')
    const env = toolEnv()
    edit(
      dir,
      'sei.yaml',
      'applicable_standards: [iso/23894@2023]',
      'applicable_standards: [eu/pren-18228@2026, iso/23894@2023]',
    )
    // The first `article: "15"` is the gate measure screen-recall's.
    edit(
      dir,
      'sei.yaml',
      '              article: "15"\n',
      '              article: "15"\n              standard_clauses: ["eu/pren-18228@2026#9.2", "iso/23894@2023#6.5"]\n',
    )
    git(dir, ['commit', '-q', '-am', 'declare: cite prEN 18228 9.2 and ISO 23894 6.5'])
    let r = sei(['run'], {cwd: dir, env})
    assert.equal(r.status, 1, explain(r))
    git(dir, ['add', '-A'])
    git(dir, ['commit', '-q', '-m', 'run: V1 (red)'])
    // reference/002: a red gate interrupts the chain. The projection is shown, BLOCKED above it, exit 1.
    const red = sei(['conformance'], {cwd: dir, env})
    assert.equal(red.status, 1, explain(red))
    assert.match(red.stdout, /^BLOCKED: freshness FRESH, risk RED\n {2}FAIL screen-recall: [\d.]+ \(needs > 0\.8\)/)
    edit(dir, 'params.yaml', 'threshold: 0.7', 'threshold: 0.3')
    git(dir, ['commit', '-q', '-am', 'treatment: threshold 0.3'])
    r = sei(['run'], {cwd: dir, env})
    assert.equal(r.status, 0, explain(r))
    git(dir, ['add', '-A'])
    git(dir, ['commit', '-q', '-m', 'run: V2 (green)'])

    r = sei(['conformance', '--history', '--out', '--json'], {cwd: dir, env})
    assert.equal(r.status, 0, explain(r))
    const result = (
      JSON.parse(r.stdout) as {
        result: {
          standards: Std[]
          written: string[]
          history: {subject: string; standards: Std[]}[]
          gates: {freshness: string; risk: string; blocking: string[]}
        }
      }
    ).result
    assert.deepEqual(result.gates, {freshness: 'FRESH', risk: 'GREEN', blocking: []})
    const report = (slug: string) =>
      JSON.parse(readFileSync(join(dir, '.sei', 'conformance', `${slug}.json`), 'utf8')) as {gates: unknown}
    assert.deepEqual(report('iso_23894_2023').gates, {freshness: 'FRESH', risk: 'GREEN'})
    assert.deepEqual(
      result.standards.map((s) => s.standard),
      ['eu/pren-18228@2026', 'iso/23894@2023'],
    )
    const bundle = JSON.parse(readFileSync(join(dir, '.sei', 'bundle.json'), 'utf8')) as {
      control_results: {power?: {ci_low?: number}}[]
    }
    const power = bundle.control_results.some((c) => typeof c.power?.ci_low === 'number') ? 'covered' : 'gap'
    // By hand from test/pipelines/common/sei.yaml: one risk (LIKELY × HIGH, residual UNLIKELY → MEDIUM,
    // criterion HIGH), its gate measure without control_tier, no affected persons, no misuse, no
    // review_interval or monitoring measure, no approval.
    assert.deepEqual(decisions(result.standards[0]), {
      '6.2.1': 'gap',
      '6.2.2': 'gap',
      '6.3': 'covered',
      '7': 'gap',
      '8.1': power,
      '9.1.2': 'gap',
      '9.2': 'covered',
      '9.3': 'covered',
      '10': 'covered',
      '11': 'gap',
      '4.6': 'covered',
    })
    assert.deepEqual(decisions(result.standards[1]), {
      '6.2': 'gap',
      '6.3': 'covered',
      '6.4.2': 'gap',
      '6.4.3': 'gap',
      '6.4.4': 'gap',
      '6.5': 'covered',
      '6.6': 'gap',
      '6.7': 'covered',
    })
    assert.deepEqual(result.standards[1].clauses.find((c) => c.clause_id === '6.5')!.measures, ['screen-recall'])
    // History: V1's failing recall left 9.2 and 6.5 as gaps.
    assert.deepEqual(
      result.history.map((h) => h.subject),
      ['run: V1 (red)', 'run: V2 (green)'],
    )
    assert.deepEqual(
      result.history.map((h) => [decisions(h.standards[0])['9.2'], decisions(h.standards[1])['6.5']]),
      [
        ['gap', 'gap'],
        ['covered', 'covered'],
      ],
    )
    assert.deepEqual(result.written, [
      '.sei/conformance/eu_pren-18228_2026.json',
      '.sei/conformance/eu_pren-18228_2026.json.sig',
      '.sei/conformance/iso_23894_2023.json',
      '.sei/conformance/iso_23894_2023.json.sig',
    ])
    const verify = sei(['verify', '--all'], {cwd: dir, env})
    assert.equal(verify.status, 0, explain(verify))
    assert.match(
      verify.stdout,
      /ok {3}\.sei\/conformance\/eu_pren-18228_2026\.json\nok {3}\.sei\/conformance\/iso_23894_2023\.json/,
    )
    // Stale evidence interrupts the chain too: a parameter edited after the run.
    edit(dir, 'params.yaml', 'threshold: 0.3', 'threshold: 0.4')
    const stale = sei(['conformance', '--out', '--json'], {cwd: dir, env})
    assert.equal(stale.status, 1, explain(stale))
    const gates = (JSON.parse(stale.stdout) as {status: number; result: {gates: {freshness: string; risk: string}}})
      .result.gates
    assert.deepEqual([gates.freshness, gates.risk], ['STALE', 'GREEN'])
    assert.deepEqual(report('iso_23894_2023').gates, {freshness: 'STALE', risk: 'GREEN'})
    const human = sei(['conformance'], {cwd: dir, env})
    assert.equal(human.status, 1)
    assert.match(human.stdout, /^BLOCKED: freshness STALE, risk GREEN\n {2}.*drift.*params\.yaml/)
  })
})
