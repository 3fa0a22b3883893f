import assert from 'node:assert/strict'
import {before, describe, it} from 'node:test'
import type {StandardCatalog} from '@sei/sdk'
import type {Manifest} from '../../../src/engine/manifest/index.js'
import {type BundleView, implementationOf, projectSoa, soaDocument} from '../../../src/engine/projections/index.js'
import {annexA} from './soa-annex-a.js'

// ISO/IEC 42001:2023 Annex A control numbers, written out from the standard's table of controls.
const ANNEX_A = [
  'A.2.2',
  'A.2.3',
  'A.2.4',
  'A.3.2',
  'A.3.3',
  'A.4.2',
  'A.4.3',
  'A.4.4',
  'A.4.5',
  'A.4.6',
  'A.5.2',
  'A.5.3',
  'A.5.4',
  'A.5.5',
  'A.6.1.2',
  'A.6.1.3',
  'A.6.2.2',
  'A.6.2.3',
  'A.6.2.4',
  'A.6.2.5',
  'A.6.2.6',
  'A.6.2.7',
  'A.6.2.8',
  'A.7.2',
  'A.7.3',
  'A.7.4',
  'A.7.5',
  'A.7.6',
  'A.8.2',
  'A.8.3',
  'A.8.4',
  'A.8.5',
  'A.9.2',
  'A.9.3',
  'A.9.4',
  'A.10.2',
  'A.10.3',
  'A.10.4',
]

type M = Record<string, unknown>
const cite = (...ids: string[]) => ({standard_clauses: ids.map((id) => `iso/42001@2023#${id}`)})
const gate = (id: string, extra: M = {}): M => ({
  id,
  metric: 'recall_score',
  constraint: '> 0.8',
  enforcement: 'gate',
  lifecycle: ['validation'],
  ...extra,
})

function manifest(measures: M[], applicability: M = {}): Manifest {
  return {
    apiVersion: 'seigarrena.dev/v1alpha1',
    kind: 'AISystem',
    system: {name: 'sys'},
    risk: {
      appetite: {individual: 'MEDIUM'},
      applicability,
      risks: [
        {
          id: 'risk.a',
          title: 'A',
          impact: {individual: 'HIGH'},
          likelihood: 'LIKELY',
          treat: [{method: 'REDUCE', measures}],
        },
      ],
    },
  } as unknown as Manifest
}

const bundle = (results: Record<string, boolean>): BundleView => ({
  control_results: Object.entries(results).map(([control_id, passed]) => ({control_id, passed})),
})

describe('ISO/IEC 42001 Annex A catalog (plugin)', () => {
  it('has exactly the 38 controls A.2.2–A.10.4, in order, each with a title and objective', async () => {
    const c = await annexA()
    assert.equal(c.id, 'iso/42001@2023')
    assert.equal(c.kind, 'annex-a')
    assert.deepEqual(
      c.clauses.map((x) => x.clause_id),
      ANNEX_A,
    )
    for (const x of c.clauses) {
      assert.ok(x.title.length > 10 && x.title.length < 80, x.clause_id)
      assert.ok(
        x.cycle_phase.startsWith(`${x.clause_id.split('.').slice(0, 2).join('.')} `),
        `${x.clause_id} objective ${x.cycle_phase}`,
      )
    }
  })
})

describe('projectSoa', () => {
  let catalog: StandardCatalog
  before(async () => {
    catalog = await annexA()
  })
  const row = (soa: ReturnType<typeof projectSoa>, id: string) => soa.controls.find((c) => c.control_id === id)!

  it('decides every status it can print (hand-worked case)', () => {
    const m = manifest(
      [
        gate('g-pass', cite('A.6.2.4', 'A.7.4')),
        gate('g-fail', cite('A.7.4', 'A.8.2')),
        gate('g-none', cite('A.5.4')),
        {
          id: 'pm',
          metric: 'x_drift',
          constraint: '< 0.05',
          enforcement: 'monitor',
          lifecycle: ['monitoring'],
          ...cite('A.6.2.6'),
        },
        {
          id: 'att',
          metric: 'doc_declared',
          constraint: '> 0',
          evaluation: 'manual',
          lifecycle: ['validation'],
          ...cite('A.6.2.7'),
        },
      ],
      {
        'iso/42001@2023#A.10.4': {excluded: true, justification: 'No customers: the system is used in-house only.'},
        'iso/42001@2023#A.5.3': {excluded: false},
      },
    )
    const soa = projectSoa(m, catalog, bundle({'g-pass': true, 'g-fail': false}))
    assert.equal(row(soa, 'A.6.2.4').implementation, 'implemented') // its one measure passed
    assert.equal(row(soa, 'A.6.2.7').implementation, 'implemented') // declared attestation
    assert.equal(row(soa, 'A.7.4').implementation, 'partial') // one passed, one failed
    assert.equal(row(soa, 'A.6.2.6').implementation, 'planned') // post-market plan only
    assert.equal(row(soa, 'A.8.2').implementation, 'not_implemented') // its control failed
    assert.equal(row(soa, 'A.5.4').implementation, 'not_implemented') // not in the bundle
    assert.deepEqual(row(soa, 'A.5.4').measures, [{id: 'g-none', risk_id: 'risk.a', state: 'not_evaluated'}])
    assert.equal(row(soa, 'A.5.3').decision, 'included') // declared applicable, no measure
    assert.equal(row(soa, 'A.5.3').implementation, 'not_implemented')
    assert.equal(row(soa, 'A.10.4').decision, 'excluded')
    assert.equal(row(soa, 'A.10.4').justification, 'No customers: the system is used in-house only.')
    assert.equal(row(soa, 'A.2.2').decision, 'omitted')
    assert.deepEqual(soa.summary, {
      included: 7,
      excluded: 1,
      omitted: 30,
      implemented: 2,
      partial: 1,
      planned: 1,
      not_implemented: 3,
    })
    assert.deepEqual(soa.notes, [])
  })

  it('a manual attestation is done whatever its lifecycle; an ex-ante control also monitored: the bundle', () => {
    const soa = projectSoa(
      manifest([
        {
          id: 'att-pm',
          metric: 'oversight_declared',
          constraint: '> 0',
          evaluation: 'manual',
          enforcement: 'audit',
          lifecycle: ['monitoring'],
          ...cite('A.9.4'),
        },
        gate('both', {lifecycle: ['validation', 'monitoring'], ...cite('A.6.2.6')}),
      ]),
      catalog,
      bundle({both: false}),
    )
    assert.deepEqual(row(soa, 'A.9.4').measures[0].state, 'attested')
    assert.equal(row(soa, 'A.9.4').implementation, 'implemented')
    assert.deepEqual(row(soa, 'A.6.2.6').measures[0].state, 'failed')
  })

  it('without a bundle, computed measures are not evaluated', () => {
    const soa = projectSoa(manifest([gate('g', cite('A.6.2.4'))]), catalog, undefined)
    assert.equal(soa.bundle, false)
    assert.equal(row(soa, 'A.6.2.4').implementation, 'not_implemented')
  })

  it('notes an exclusion that measures contradict, and citations of controls Annex A does not have', () => {
    const soa = projectSoa(
      manifest(
        [gate('g', {standard_clauses: ['iso/42001@2023#A.10.4', 'iso/42001@2023#A.99.1', 'iso/42001@2023#6.1.3']})],
        {
          'iso/42001@2023#A.10.4': {excluded: true, justification: 'n/a'},
          'iso/42001@2023#A.1.1': {excluded: true, justification: 'x'},
        },
      ),
      catalog,
      bundle({g: true}),
    )
    assert.equal(row(soa, 'A.10.4').decision, 'excluded')
    assert.deepEqual(soa.notes, [
      'A.10.4 is excluded in risk.applicability but cited by g: resolve the contradiction',
      'risk.applicability names iso/42001@2023#A.1.1, which is not an Annex A control',
      'measure g cites iso/42001@2023#A.99.1, which is not an Annex A control',
    ])
  })

  it('counts a citation in frameworks like one in standard_clauses', () => {
    const soa = projectSoa(manifest([gate('g', {frameworks: ['iso/42001@2023#A.9.4']})]), catalog, bundle({g: true}))
    assert.equal(row(soa, 'A.9.4').implementation, 'implemented')
  })

  it('implementationOf: the aggregation table', () => {
    assert.equal(implementationOf(['passed', 'attested']), 'implemented')
    assert.equal(implementationOf(['passed', 'planned']), 'partial')
    assert.equal(implementationOf(['attested', 'not_evaluated']), 'partial')
    assert.equal(implementationOf(['planned', 'planned']), 'planned')
    assert.equal(implementationOf(['planned', 'failed']), 'not_implemented')
    assert.equal(implementationOf([]), 'not_implemented')
  })

  it('the signed document lists all 38 controls with sorted keys', () => {
    const doc = soaDocument(projectSoa(manifest([]), catalog, undefined)) as any
    assert.equal(doc.kind, 'soa')
    assert.equal(doc.payload.controls.length, 38)
    assert.deepEqual(Object.keys(doc.payload.controls[0]), ['control_id', 'decision', 'measures', 'objective', 'title'])
  })
})
