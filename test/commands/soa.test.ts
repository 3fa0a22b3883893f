import assert from 'node:assert/strict'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {parse, stringify} from 'yaml'
import {isolatedEnv, sei} from '../helpers/cli.js'
import {gitRepo} from '../helpers/git-repo.js'
import {fixtureCopy, resignedFixture} from './conformance-helpers.js'

/**
 * The retina manifest made to cite Annex A: its V2 bundle (HEAD) has every control passing, so by hand:
 * A.6.2.4 ← model-dr-sensitivity (passed) = IMPLEMENTED; A.7.5 ← oversight-data-governance (a declared
 * attestation, evaluation manual) = IMPLEMENTED; A.6.2.6 ← the post-market drift plan = PLANNED;
 * A.7.4 ← dr-performance-disparity (passed) + the post-market drift plan = PARTIAL;
 * A.5.3 declared applicable without a measure = NOT IMPLEMENTED; A.10.4 excluded; the other 32 OMITTED.
 */
function citeAnnexA(repo: string, applicability: Record<string, unknown>): void {
  const file = join(repo, 'froga.yaml')
  const m = parse(readFileSync(file, 'utf8'))
  const cite: Record<string, string[]> = {
    'model-dr-sensitivity': ['A.6.2.4'],
    'postmarket-dr-performance-drift': ['A.6.2.6', 'A.7.4'],
    'dr-performance-disparity': ['A.7.4'],
    'oversight-data-governance': ['A.7.5'],
  }
  for (const r of m.risk.risks)
    for (const t of r.treat ?? [])
      for (const x of t.measures ?? [])
        if (cite[x.id])
          x.standard_clauses = [...(x.standard_clauses ?? []), ...cite[x.id].map((id) => `iso/42001@2023#${id}`)]
  m.risk.applicability = applicability
  writeFileSync(file, stringify(m))
}

const decisions = {
  'iso/42001@2023#A.10.4': {
    excluded: true,
    justification: 'No customer relationships: screening runs inside one hospital.',
  },
  'iso/42001@2023#A.5.3': {excluded: false},
}

describe('sei soa', () => {
  it('on the retina bundle: INCLUDED (IMPLEMENTED / PARTIAL / PLANNED / NOT IMPLEMENTED), EXCLUDED, OMITTED', () => {
    const repo = fixtureCopy('retina-screening')
    citeAnnexA(repo, decisions)
    const r = sei(['soa'], {cwd: repo})
    assert.equal(r.status, 0, r.stderr)
    assert.match(r.stdout, /INCLUDED \(IMPLEMENTED\) +A\.6\.2\.4/)
    assert.match(r.stdout, /INCLUDED \(IMPLEMENTED\) +A\.7\.5/)
    assert.match(r.stdout, /measures: oversight-data-governance \(attested\)/)
    assert.match(r.stdout, /INCLUDED \(PLANNED\) +A\.6\.2\.6/)
    assert.match(r.stdout, /INCLUDED \(PARTIAL\) +A\.7\.4/)
    assert.match(r.stdout, /INCLUDED \(NOT IMPLEMENTED\) +A\.5\.3/)
    assert.match(r.stdout, /EXCLUDED +A\.10\.4/)
    assert.match(r.stdout, /justification: No customer relationships/)
    assert.match(r.stdout, /OMITTED +A\.2\.2/)
    assert.match(
      r.stdout,
      /5 included \(2 implemented · 1 partial · 1 planned · 1 not implemented\) · 1 excluded · 32 omitted/,
    )
  })

  it('an exclusion without justification is an error (exit 2, located)', () => {
    const repo = fixtureCopy('retina-screening')
    citeAnnexA(repo, {'iso/42001@2023#A.10.4': {excluded: true}})
    const r = sei(['soa'], {cwd: repo})
    assert.equal(r.status, 2, r.stderr)
    assert.match(r.stderr, /froga\.yaml:\d+:\d+ risk\.applicability.*an excluded control needs a justification/)
  })

  it('refuses a bundle whose signature does not verify (exit 1)', () => {
    const repo = fixtureCopy('retina-screening')
    const bundle = join(repo, '.froga', 'bundle.json')
    writeFileSync(bundle, readFileSync(bundle, 'utf8').replace('"passed": true', '"passed": false'))
    const r = sei(['soa'], {cwd: repo})
    assert.equal(r.status, 1, r.stderr)
    assert.match(r.stderr, /BUNDLE_SIGNATURE_INVALID/)
  })

  it('without a bundle: every control still accounted for, computed measures not evaluated, exit 0', () => {
    const dir = gitRepo({
      'sei.yaml':
        'apiVersion: seigarrena.dev/v1alpha1\nkind: AISystem\nsystem: {name: s}\nrisk:\n' +
        '  appetite: {individual: MEDIUM}\n  risks:\n    - id: risk.a\n      title: A\n' +
        '      impact: {individual: HIGH}\n      likelihood: LIKELY\n      treat:\n        - method: REDUCE\n' +
        '          measures:\n' +
        '            - {id: g, metric: recall_score, constraint: "> 0.8", enforcement: gate, standard_clauses: ' +
        '["iso/42001@2023#A.6.2.4"]}\n',
    })
    const r = sei(['soa', '--json'], {cwd: dir})
    assert.equal(r.status, 0, r.stderr)
    const j = JSON.parse(r.stdout)
    assert.equal(j.result.controls.length, 38)
    assert.deepEqual(j.result.controls.find((c: {control_id: string}) => c.control_id === 'A.6.2.4').measures, [
      {id: 'g', risk_id: 'risk.a', state: 'not_evaluated'},
    ])
    assert.match(j.warnings[0], /no signed bundle yet/)
  })

  it('--out writes soa.json and a signature that sei verify --all accepts', async () => {
    const {repo, keyFile} = await resignedFixture('retina-screening', '.froga')
    citeAnnexA(repo, decisions)
    const env = isolatedEnv({SEI_SIGNING_KEY: keyFile})
    const r = sei(['soa', '--out'], {cwd: repo, env})
    assert.equal(r.status, 0, r.stderr)
    const doc = JSON.parse(readFileSync(join(repo, '.froga', 'soa.json'), 'utf8'))
    assert.equal(doc.kind, 'soa')
    assert.equal(
      doc.payload.controls.find((c: {control_id: string}) => c.control_id === 'A.7.4').implementation,
      'partial',
    )
    assert.ok(existsSync(join(repo, '.froga', 'soa.json.sig')))
    const v = sei(['verify', '--all'], {cwd: repo, env})
    assert.equal(v.status, 0, v.stdout + v.stderr)
    assert.match(v.stdout, /soa\.json/)
  })
})
