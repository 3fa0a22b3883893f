import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import type {StandardCatalog} from '@sei/sdk'
import type {Manifest} from '../../../src/engine/manifest/index.js'
import {
  type BundleView,
  type ConformanceEvidence,
  catalogProblem,
  conformanceSlug,
  projectStandard,
  selectStandards,
} from '../../../src/engine/projections/index.js'

// Hand-built evidence for the decisions the reference fixtures never show (partial, missing results,
// failing criteria, approvals). Every expected value below is worked out by hand from the rules.

type M = Record<string, unknown>
const measure = (id: string, extra: M = {}): M => ({
  id,
  metric: 'm',
  constraint: '< 0.1',
  enforcement: 'audit',
  lifecycle: ['validation'],
  ...extra,
})

function evidence(
  opts: {
    measures?: M[]
    risk?: M
    bundle?: BundleView
    approval?: ConformanceEvidence['approval']
    system?: M
    programme?: M
    signature?: ConformanceEvidence['signature']
  } = {},
): ConformanceEvidence {
  const manifest = {
    apiVersion: 'sei.dev/v1',
    kind: 'AISystem',
    system: {
      name: 'sys',
      affected_persons: ['applicants'],
      potential_misuses: [{id: 'mu.a', description: 'x'}],
      ...opts.system,
    },
    risk: {
      appetite: {individual: 'MEDIUM'},
      overall_residual_criterion: 'MEDIUM',
      risks: [
        {
          id: 'risk.a',
          title: 'A',
          impact: {individual: 'HIGH'},
          likelihood: 'LIKELY',
          treat: [{method: 'REDUCE', residual_likelihood: 'UNLIKELY', measures: opts.measures ?? []}],
          ...opts.risk,
        },
      ],
      ...opts.programme,
    },
  } as unknown as Manifest
  return {
    manifest,
    bundle: opts.bundle ?? {
      control_results: [],
      risk_analysis: [{risk_id: 'risk.a', requires_treatment: true}],
      overall_residual: {level: 'LOW', criterion: 'MEDIUM', evaluation: 'within'},
    },
    signature: opts.signature ?? {valid: true},
    approval: opts.approval ?? {state: 'none'},
  }
}

const catalog: StandardCatalog = {
  id: 'test/std@2026',
  title: 'Test standard',
  authority: 'de_facto',
  clauses: [
    {clause_id: 'c1', cycle_phase: 'p1', title: 'cited'},
    {clause_id: 'c2', cycle_phase: 'p1', title: 'criterion', criterion: 'risk_estimation'},
    {clause_id: 'c3', cycle_phase: 'p2', title: 'fallback', fallback: 'signed_bundle'},
    {clause_id: 'c4', cycle_phase: 'p2', title: 'review', criterion: 'management_review'},
  ],
}
const clause = (e: ConformanceEvidence, id: string) =>
  projectStandard(catalog, e).clauses.find((c) => c.clause_id === id)!
const results = (...r: [string, boolean][]): BundleView => ({
  control_results: r.map(([control_id, passed]) => ({control_id, passed})),
  risk_analysis: [],
  overall_residual: {level: 'LOW', criterion: 'MEDIUM', evaluation: 'within'},
})

describe('conformance decisions', () => {
  it('cited clause: all evaluated pass → covered; some → partial; none → gap (declared measures not counted)', () => {
    const ms = [
      measure('b', {standard_clauses: ['test/std@2026#c1']}),
      measure('a', {standard_clauses: ['test/std@2026#c1']}),
      measure('d', {evaluation: 'manual', standard_clauses: ['test/std@2026#c1']}),
      measure('x', {standard_clauses: ['test/std@2026#c10']}),
    ]
    const all = clause(evidence({measures: ms, bundle: results(['a', true], ['b', true], ['x', false])}), 'c1')
    assert.deepEqual(
      [all.decision, all.measures, all.basis],
      ['covered', ['a', 'b', 'd'], '2 of 2 citing measure(s) evaluated pass'],
    )
    const some = clause(evidence({measures: ms, bundle: results(['a', true], ['b', false])}), 'c1')
    assert.deepEqual(
      [some.decision, some.basis],
      ['partial', '1 of 2 citing measure(s) evaluated pass; to cover: make b pass (sei run)'],
    )
    const none = clause(evidence({measures: ms, bundle: results(['a', false], ['b', false])}), 'c1')
    assert.equal(none.decision, 'gap')
  })

  it('citations of clauses the catalog does not have are reported, once per measure and clause', () => {
    const ms = [
      measure('a', {standard_clauses: ['test/std@2026#c1', 'test/std@2026#c9', 'test/std@2026#c9', 'other/std@1#c9']}),
      measure('b', {standard_clauses: ['test/std@2026#c1.1']}),
    ]
    assert.deepEqual(projectStandard(catalog, evidence({measures: ms, bundle: results()})).unknown_citations, [
      {measure: 'a', clause: 'c9'},
      {measure: 'b', clause: 'c1.1'},
    ])
  })

  it('cited only by declared measures → covered_attested; a computed measure without result is no evidence', () => {
    const declared = [
      measure('m1', {evaluation: 'manual', standard_clauses: ['test/std@2026#c1']}),
      measure('m2', {enforcement: 'monitor', lifecycle: ['monitoring'], standard_clauses: ['test/std@2026#c1']}),
    ]
    const attested = clause(evidence({measures: declared, bundle: results()}), 'c1')
    assert.deepEqual([attested.decision, attested.measures], ['covered_attested', ['m1', 'm2']])
    const gate = [measure('g', {enforcement: 'gate', standard_clauses: ['test/std@2026#c1']})]
    const missing = clause(evidence({measures: gate, bundle: results()}), 'c1')
    assert.equal(missing.decision, 'gap')
    assert.match(missing.basis, /0 of 1 .*no result in the bundle for g/)
    const half = clause(
      evidence({
        measures: [...gate, measure('h', {standard_clauses: ['test/std@2026#c1']})],
        bundle: results(['h', true]),
      }),
      'c1',
    )
    assert.equal(half.decision, 'partial')
  })

  it('a criterion decides its clause whatever cites it; a citation overrides a fallback', () => {
    const ms = [measure('f', {standard_clauses: ['test/std@2026#c2', 'test/std@2026#c3']})]
    const e = evidence({measures: ms, bundle: results(['f', false])})
    assert.deepEqual([clause(e, 'c2').decision, clause(e, 'c2').measures], ['covered', []])
    assert.deepEqual([clause(e, 'c3').decision, clause(e, 'c3').measures], ['gap', ['f']])
    const uncited = evidence({bundle: results()})
    assert.equal(clause(uncited, 'c3').decision, 'covered')
    assert.equal(
      clause(evidence({bundle: results(), signature: {valid: false, reason: 'bad sig'}}), 'c3').decision,
      'gap',
    )
  })

  it('management review: covered only with a current approval', () => {
    assert.equal(
      clause(evidence({approval: {state: 'approved', by: 'Jane <j@x>', date: '2026-01-01'}}), 'c4').decision,
      'covered',
    )
    for (const state of ['none', 'pending', 'stale', 'under_review', 'rejected', 'retired', 'superseded'] as const) {
      assert.equal(clause(evidence({approval: {state}}), 'c4').decision, 'gap', state)
    }
  })

  it('control hierarchy (prEN 18228 9.1.2): a tier is asked of gate measures whose treatment claims a residual', () => {
    const catalog: StandardCatalog = {
      id: 't/ch@1',
      title: 'ch',
      authority: 'de_facto',
      clauses: [{clause_id: '9.1.2', cycle_phase: 'risk_control', title: 'hierarchy', criterion: 'control_hierarchy'}],
    }
    const at = (treat: M[]) => projectStandard(catalog, evidence({risk: {treat}})).clauses[0]
    const gate = (id: string, extra: M = {}) => measure(id, {enforcement: 'gate', ...extra})
    // the shape the reference decides covered: an untiered gate measure in a data-acquisition treatment
    // (no residual_likelihood) beside a tiered control that claims the reduction
    assert.equal(
      at([
        {method: 'REDUCE', measures: [gate('collect')]},
        {method: 'REDUCE', residual_likelihood: 'UNLIKELY', measures: [gate('g', {control_tier: 'protective'})]},
      ]).decision,
      'covered',
    )
    // an untiered gate measure whose treatment claims a residual reduction: gap, saying what to declare
    const c = at([{method: 'REDUCE', residual_likelihood: 'UNLIKELY', measures: [gate('g')]}])
    assert.equal(c.decision, 'gap')
    assert.match(
      c.basis,
      /declare no control_tier: g; to cover: .*control_tier \(inherent, protective or informative\)/,
    )
    // audit measures are not held to a tier
    assert.equal(
      at([
        {
          method: 'REDUCE',
          residual_likelihood: 'UNLIKELY',
          measures: [gate('g', {control_tier: 'inherent'}), measure('a')],
        },
      ]).decision,
      'covered',
    )
  })

  it('each named criterion fails when its evidence is missing', () => {
    const all: StandardCatalog = {
      id: 't/all@1',
      title: 'all',
      authority: 'de_facto',
      clauses: [
        'risk_estimation',
        'control_hierarchy',
        'residual_present',
        'overall_residual',
        'criteria_applied',
        'stakeholders_identified',
        'signed_bundle',
        'monitoring_plan',
        'power_statistics',
        'bom_present',
        'misuse_declared',
        'no_such_criterion',
      ].map((name) => ({clause_id: name, cycle_phase: 'x', title: name, criterion: name as never})),
    }
    const decide = (e: ConformanceEvidence) =>
      Object.fromEntries(projectStandard(all, e).clauses.map((c) => [c.clause_id, c.decision]))
    const good = evidence({
      measures: [
        measure('g', {enforcement: 'gate', control_tier: 'protective'}),
        measure('pm', {
          enforcement: 'monitor',
          lifecycle: ['monitoring'],
          art72_citation: 'eu/ai-act@2024#art-72',
          trigger: 't',
          frequency: 'P3M',
        }),
      ],
      bundle: {
        control_results: [{control_id: 'g', passed: true, power: {ci_low: 0.01, ci_high: 0.05}}],
        risk_analysis: [{risk_id: 'risk.a', requires_treatment: true}],
        overall_residual: {level: 'LOW', criterion: 'MEDIUM', evaluation: 'within'},
        bom: {digest: 'sha256:x', components: [{name: 'numpy'}]},
      },
    })
    assert.deepEqual(decide(good), {
      risk_estimation: 'covered',
      control_hierarchy: 'covered',
      residual_present: 'covered',
      overall_residual: 'covered',
      criteria_applied: 'covered',
      stakeholders_identified: 'covered',
      signed_bundle: 'covered',
      monitoring_plan: 'covered',
      power_statistics: 'covered',
      bom_present: 'covered',
      misuse_declared: 'covered',
      no_such_criterion: 'gap',
    })
    const bad = evidence({
      measures: [measure('g', {enforcement: 'gate'})],
      risk: {treat: [{method: 'REDUCE', measures: [measure('g', {enforcement: 'gate'})]}]},
      system: {affected_persons: [], potential_misuses: []},
      bundle: {
        control_results: [{control_id: 'g', passed: true}],
        risk_analysis: [{risk_id: 'risk.a', requires_treatment: true}],
        overall_residual: {level: 'HIGH', criterion: 'MEDIUM', evaluation: 'exceeds'},
        bom: {components: []},
      },
      signature: {valid: false, reason: 'x'},
    })
    assert.deepEqual(decide(bad), {
      // control_hierarchy: its one gate measure's treatment claims no residual, so no tier is asked of it
      risk_estimation: 'covered',
      control_hierarchy: 'covered',
      residual_present: 'gap',
      overall_residual: 'gap',
      criteria_applied: 'covered',
      stakeholders_identified: 'gap',
      signed_bundle: 'gap',
      monitoring_plan: 'gap',
      power_statistics: 'gap',
      bom_present: 'gap',
      misuse_declared: 'gap',
      no_such_criterion: 'gap',
    })
    // A residual is also required of a risk that needs treatment without any gate control.
    const noGate = evidence({risk: {treat: [{method: 'REDUCE', measures: [measure('a')]}]}})
    assert.equal(decide(noGate).residual_present, 'gap')
    assert.equal(
      decide(
        evidence({
          risk: {treat: [{method: 'REDUCE', measures: [measure('a')]}]},
          bundle: {
            risk_analysis: [{risk_id: 'risk.a', requires_treatment: false}],
            overall_residual: {level: 'LOW', criterion: 'MEDIUM', evaluation: 'within'},
          },
        }),
      ).residual_present,
      'covered',
    )
    // No risks at all: nothing estimated.
    assert.equal(decide(evidence({programme: {risks: []}})).risk_estimation, 'gap')
  })

  it('monitoring plan: Art. 72 needs citation, trigger, ISO 8601 frequency; else an audit-only plan', () => {
    const mon: StandardCatalog = {
      id: 't/m@1',
      title: 'm',
      authority: 'de_facto',
      clauses: [{clause_id: 'mon', cycle_phase: 'x', title: 'm', fallback: 'monitoring_plan'}],
    }
    const basis = (e: ConformanceEvidence) => projectStandard(mon, e).clauses[0]
    const art72 = basis(
      evidence({measures: [measure('pm', {art72_citation: 'eu/ai-act@2024#art-72', trigger: 't', frequency: 'P3M'})]}),
    )
    assert.match(art72.basis, /Art\. 72 semantics/)
    const notArt72 = basis(
      evidence({
        measures: [
          measure('pm', {
            lifecycle: ['monitoring'],
            art72_citation: 'iso/42105@2026#monitoring',
            trigger: 't',
            frequency: 'P3M',
          }),
        ],
      }),
    )
    assert.match(notArt72.basis, /audit only/)
    const quarterly = basis(
      evidence({
        measures: [
          measure('pm', {
            lifecycle: ['monitoring'],
            art72_citation: 'eu/ai-act@2024#art-72',
            trigger: 't',
            frequency: 'quarterly',
          }),
        ],
      }),
    )
    assert.deepEqual([quarterly.decision, /audit only/.test(quarterly.basis)], ['covered', true])
    const interval = basis(evidence({programme: {review_interval: 'P1Y'}}))
    assert.deepEqual([interval.decision, /review_interval P1Y/.test(interval.basis)], ['covered', true])
    assert.equal(basis(evidence()).decision, 'gap')
  })

  it('a malformed third-party catalog is named, not projected', () => {
    assert.equal(catalogProblem(catalog), undefined)
    assert.match(catalogProblem({id: 'x/y@1', title: 't', clauses: []})!, /no "clauses" list/)
    assert.match(
      catalogProblem({id: 'x/y@1', title: 't', clauses: [{clause_id: '1', title: 't'}]})!,
      /clause 1 needs text "clause_id", "cycle_phase" and "title"/,
    )
    assert.match(
      catalogProblem({
        id: 'x/y@1',
        title: 't',
        clauses: [
          {clause_id: '1', cycle_phase: 'p', title: 't'},
          {clause_id: '1', cycle_phase: 'p', title: 't'},
        ],
      })!,
      /clause "1" appears twice/,
    )
    assert.match(
      catalogProblem({
        id: 'x/y@1',
        title: 't',
        clauses: [{clause_id: '1', cycle_phase: 'p', title: 't', criterion: 3}],
      })!,
      /non-text "criterion"/,
    )
    assert.match(catalogProblem(null)!, /not an object/)
  })

  it('slugs and standard selection', () => {
    assert.equal(conformanceSlug('eu/pren-18228@2026'), 'eu_pren-18228_2026')
    assert.equal(conformanceSlug('iso/iec-5259-2@2024'), 'iso_iec-5259-2_2024')
    assert.equal(conformanceSlug('../../etc@1'), undefined)
    assert.equal(conformanceSlug('a/b c@1'), undefined)
    const cats = new Map<string, StandardCatalog>([
      ['b/x@1', {...catalog, id: 'b/x@1'}],
      ['a/y@1', {...catalog, id: 'a/y@1'}],
    ])
    cats.set('iso/42001@2023', {...catalog, id: 'iso/42001@2023', kind: 'annex-a'})
    const s = selectStandards(cats, ['b/x@1', 'eu/ai-act@2024', 'iso/42001@2023', 'a/y@1', 'b/x@1'])
    assert.deepEqual(
      [s.selected.map((c) => c.id), s.withoutCatalog, s.controlSets],
      [['b/x@1', 'a/y@1'], ['eu/ai-act@2024'], ['iso/42001@2023']],
    )
    assert.deepEqual(
      selectStandards(cats, [], 'iso/42001@2023').selected.map((c) => c.id),
      ['iso/42001@2023'],
    )
  })
})
