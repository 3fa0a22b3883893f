import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {before, describe, it} from 'node:test'
import {parsePublicKeyHex, verifyEnvelope} from '../../src/engine/evidence/index.js'
import {isolatedEnv, sei} from '../helpers/cli.js'
import {fixtureHistory, replayFixture} from '../helpers/fixtures.js'
import {git, gitRepo, writeTree} from '../helpers/git-repo.js'

const env = isolatedEnv()

const MANIFEST = `apiVersion: seigarrena.dev/v1alpha1
kind: AISystem
system:
  name: history-demo
risk:
  appetite: {individual: MEDIUM}
  review_interval: P6M
  risks:
    - id: risk.a
      title: Missed cases
      impact: {individual: HIGH}
      likelihood: LIKELY
      treat:
        - method: REDUCE
          residual_likelihood: RARE
          measures:
            - {id: m-recall, metric: recall, constraint: "> 0.8", enforcement: gate}
    - id: risk.b
      title: Residual still too high
      impact: {individual: CRITICAL}
      likelihood: LIKELY
      treat:
        - method: REDUCE
          residual_likelihood: POSSIBLE
          measures:
            - {id: m-b, metric: x, constraint: "< 0.5", enforcement: gate}
`

type Report = {
  payload: {
    approval: {state: string; review_reason?: string; act?: {reason?: string}}
    risks: {
      risk_id: string
      residual: {state: string}
      treatment: {
        arcs: {
          kind: string
          control_id: string
          from: {commit: string}
          to: {commit: string}
          treatment_commits: string[]
        }[]
      }
      identification: {commit: string} | null
    }[]
    snapshots: {gate: string}[]
  }
}

const at = (day: string) => ({GIT_AUTHOR_DATE: `${day}T12:00:00Z`, GIT_COMMITTER_DATE: `${day}T12:00:00Z`})

function bundle(recall: number, b: number, code: string): string {
  const r = (id: string, risk: string, value: number, passed: boolean) => ({
    control_id: id,
    risk_id: risk,
    actual_value: value,
    enforcement_mode: 'block',
    passed,
  })
  return JSON.stringify(
    {triple: {code}, control_results: [r('m-recall', 'risk.a', recall, recall > 0.8), r('m-b', 'risk.b', b, b < 0.5)]},
    null,
    2,
  )
}

describe('sei reconstruct on a scripted history', () => {
  const dir = gitRepo()
  const sha: Record<string, string> = {}
  const commit = (name: string, day: string, files: Record<string, string>) => {
    writeTree(dir, files)
    git(dir, ['add', '-A'])
    git(dir, ['commit', '-q', '-m', name], at(day))
    sha[name] = git(dir, ['rev-parse', 'HEAD']).trim()
  }
  const act = (args: string[], day: string) => {
    const r = sei(args, {cwd: dir, env: {...env, ...at(day)}})
    assert.equal(r.status, 0, r.stderr)
    return git(dir, ['rev-parse', 'HEAD']).trim()
  }
  const report = (asOf: string): Report => {
    const r = sei(['reconstruct', '--json', '--as-of', asOf], {cwd: dir, env})
    assert.equal(r.status, 0, r.stderr)
    return JSON.parse(r.stdout).result
  }
  const state = (asOf: string) => report(asOf).payload.approval.state
  const risk = (r: Report, id: string) => r.payload.risks.find((x) => x.risk_id === id)!

  before(() => {
    commit('declare', '2026-01-01', {'sei.yaml': MANIFEST, 'train.py': 'v1\n'})
    commit('run1', '2026-01-02', {'.sei/bundle.json': bundle(0.5, 0.2, sha.declare)})
    commit('treatment', '2026-01-03', {'train.py': 'v2 balanced\n'})
    commit('run2', '2026-01-04', {'.sei/bundle.json': bundle(0.9, 0.2, sha.treatment)})
    sha.request1 = act(['request', '--by', 'Maintainer <m@org>'], '2026-01-05')
    sha.reject = act(['reject', '--by', 'Board <b@org>', '--reason', 'missing subgroup evidence'], '2026-01-06')
    sha.request2 = act(['request', '--by', 'Maintainer <m@org>'], '2026-01-07')
    sha.approve1 = act(['approve', '--by', 'Board <b@org>'], '2026-01-08')
    commit('run3', '2026-01-09', {'.sei/bundle.json': bundle(0.7, 0.2, sha.approve1)})
    sha.approve2 = act(['approve', '--by', 'Board <b@org>'], '2026-01-10')
    sha.review = act(['review', '--by', 'Auditor <a@org>'], '2026-01-11')
    sha.approve3 = act(['approve', '--by', 'Board <b@org>'], '2026-01-12')
    sha.retire = act(['retire', '--by', 'Board <b@org>'], '2026-12-01')
  })

  it('① finds the identification commit, ④ the FAIL→PASS arc tied to the treatment commit, and the regression', () => {
    const r = report('2026-01-04T13:00:00Z')
    const a = risk(r, 'risk.a')
    assert.equal(a.identification?.commit, sha.declare)
    assert.deepEqual(
      a.treatment.arcs.map((x) => [x.kind, x.control_id, x.from.commit, x.to.commit, x.treatment_commits]),
      [['Treatment', 'm-recall', sha.run1, sha.run2, [sha.treatment]]],
    )
    assert.deepEqual(
      r.payload.snapshots.map((s) => s.gate),
      ['RED', 'GREEN'],
    )
    const later = risk(report('2026-01-09T13:00:00Z'), 'risk.a')
    assert.deepEqual(
      later.treatment.arcs.map((x) => [x.kind, x.to.commit]),
      [
        ['Treatment', sha.run2],
        ['Regression', sha.run3],
      ],
    )
  })

  it('walks none → pending → rejected (reason kept) → pending → approved → STALE → approved → review → RETIRED', () => {
    assert.equal(state('2026-01-04T13:00:00Z'), 'none')
    assert.equal(state('2026-01-05T13:00:00Z'), 'pending')
    const rejected = report('2026-01-06T13:00:00Z').payload.approval
    assert.equal(rejected.state, 'rejected')
    assert.equal(rejected.act?.reason, 'missing subgroup evidence')
    assert.equal(state('2026-01-07T13:00:00Z'), 'pending')
    assert.equal(state('2026-01-08T13:00:00Z'), 'approved')
    assert.equal(state('2026-01-09T13:00:00Z'), 'stale', 'a run after the approval')
    assert.equal(state('2026-01-10T13:00:00Z'), 'approved')
    const reviewed = report('2026-01-11T13:00:00Z').payload.approval
    assert.deepEqual([reviewed.state, reviewed.review_reason], ['under_review', 'review'])
    assert.equal(state('2026-01-12T13:00:00Z'), 'approved')
    // Approved 2026-01-12 with review_interval P6M: due 2026-07-12.
    assert.equal(state('2026-07-11T00:00:00Z'), 'approved')
    const due = report('2026-07-13T00:00:00Z').payload.approval
    assert.deepEqual([due.state, due.review_reason], ['under_review', 'interval'])
    assert.equal(state('2026-12-02T00:00:00Z'), 'retired')
  })

  it('⑤ a residual above appetite is a DISCREPANCY until a current approval ACCEPTS it; a met one is CLOSED', () => {
    // risk.b: residual POSSIBLE × CRITICAL = 15 HIGH > MEDIUM appetite, while its control passes.
    assert.equal(risk(report('2026-01-07T13:00:00Z'), 'risk.b').residual.state, 'DISCREPANCY')
    assert.equal(risk(report('2026-01-08T13:00:00Z'), 'risk.b').residual.state, 'ACCEPTED')
    // risk.a: residual RARE × HIGH = 4 LOW within appetite; its gate passes in run2 → CLOSED.
    assert.equal(risk(report('2026-01-08T13:00:00Z'), 'risk.a').residual.state, 'CLOSED')
  })

  it('prints a per-risk timeline and writes a signed report with --out that sei verify --all accepts', () => {
    const r = sei(['reconstruct', '--out', '--as-of', '2026-01-06T13:00:00Z'], {cwd: dir, env})
    assert.equal(r.status, 0, r.stderr)
    assert.match(r.stdout, /① identified\s+\w{7}/)
    assert.match(r.stdout, /m-recall FAIL→PASS: 0\.5 at \w{7} → 0\.9 at \w{7}/)
    assert.match(r.stdout, /REJECTED by Board <b@org>.*missing subgroup evidence/)
    assert.match(r.stdout, /wrote \.sei\/reconstruct\.json, \.sei\/reconstruct\.json\.sig/)
    // The hand-made bundles of this history are unsigned: check the report's own envelope.
    const key = parsePublicKeyHex(readFileSync(join(dir, '.sei', 'PUBKEY.txt'), 'utf8')) as Uint8Array
    const outcome = verifyEnvelope(
      readFileSync(join(dir, '.sei', 'reconstruct.json.sig'), 'utf8'),
      readFileSync(join(dir, '.sei', 'reconstruct.json')),
      'reconstruct.json',
      key,
    )
    assert.equal(outcome.valid, true, outcome.valid ? '' : outcome.reason)
    assert.equal(
      JSON.parse(readFileSync(join(dir, '.sei', 'reconstruct.json'), 'utf8')).payload.as_of,
      '2026-01-06T13:00:00.000Z',
      'as-of recorded',
    )
  })

  it('refuses a malformed --as-of (exit 2)', () => {
    assert.equal(sei(['reconstruct', '--as-of', 'last tuesday'], {cwd: dir, env}).status, 2)
  })
})

describe('sei reconstruct at the edges', () => {
  it('in a repository with no commit: exit 1 and a sentence, never git\'s "bad revision" (oclif, fast path)', () => {
    const empty = gitRepo({'sei.yaml': MANIFEST}, {commit: false})
    for (const extra of [[], ['--json']]) {
      const r = sei(['reconstruct', ...extra], {cwd: empty, env})
      assert.equal(r.status, 1, r.stderr)
      assert.match(r.stderr + r.stdout, /no commit yet: there is no history/)
      assert.doesNotMatch(r.stderr + r.stdout, /bad revision/)
    }
  })

  it('prints no empty priority line when the register has no risk', () => {
    const none = gitRepo({'sei.yaml': 'apiVersion: seigarrena.dev/v1alpha1\nkind: AISystem\nsystem:\n  name: empty\n'})
    const r = sei(['reconstruct'], {cwd: none, env})
    assert.equal(r.status, 0, r.stderr)
    assert.doesNotMatch(r.stdout, /^priority:/m)
    assert.match(r.stdout, /^approval: /m)
  })
})

describe('sei reconstruct on the reference histories', () => {
  const subjectOf = (dir: string, commit: string) => git(dir, ['log', '-1', '--format=%s', commit]).trim()

  it('retina: identified at the declare commit; one FAIL→PASS arc of recall tied to its treatment; pending', () => {
    const dir = replayFixture('retina-screening')
    const r = sei(['reconstruct', '--json', '--as-of', '2026-01-01'], {cwd: dir, env})
    assert.equal(r.status, 0, r.stderr)
    const p = (JSON.parse(r.stdout).result as Report).payload
    const history = fixtureHistory('retina-screening')
    const subject = (prefix: string) => history.find((c) => c.message.startsWith(prefix))!.message.split('\n')[0]
    for (const risk of p.risks)
      assert.equal(subjectOf(dir, risk.identification!.commit), subject('declare:'), risk.risk_id)
    const arcs = p.risks.flatMap((x) => x.treatment.arcs)
    assert.equal(arcs.length, 1)
    assert.equal(arcs[0].control_id, 'model-dr-sensitivity')
    assert.deepEqual(
      arcs[0].treatment_commits.map((c) => subjectOf(dir, c)),
      [subject('treatment:')],
    )
    assert.equal(p.approval.state, 'pending')
    const requester = /Froga-Approval-Requested-by: (.*)/.exec(history.at(-1)!.message)![1]
    assert.equal((p.approval as {act?: {by: string}}).act?.by, requester)
  })

  it('quickstart: a risk is identified at the earlier manifest commit that declared it, as the reference says', () => {
    const dir = replayFixture('quickstart')
    const r = sei(['reconstruct', '--json'], {cwd: dir, env})
    assert.equal(r.status, 0, r.stderr)
    const p = (JSON.parse(r.stdout).result as Report).payload
    const history = fixtureHistory('quickstart')
    const refText = readFileSync(join(dir, '.froga', 'reconstruct.json'), 'utf8')
    const ref = JSON.parse(refText).payload.risks as {risk_id: string; identified_sha: string}[]
    assert.ok(ref.length > 0)
    for (const {risk_id, identified_sha} of ref) {
      const expected = history.find((c) => c.sha === identified_sha)!.message.split('\n')[0]
      const ours = p.risks.find((x) => x.risk_id === risk_id)!
      assert.equal(subjectOf(dir, ours.identification!.commit), expected, risk_id)
      assert.notEqual(
        expected,
        subjectOf(dir, git(dir, ['rev-list', '-1', 'HEAD', '--', '.froga/bundle.json']).trim()),
        'identified before the run',
      )
    }
  })
})
