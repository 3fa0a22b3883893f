import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import type {StandardCatalog} from '@sei/sdk'
import type {Manifest} from '../../../src/engine/manifest/index.js'
import {renderAssessment} from '../../../src/cli/render/index.js'
import {BASE_TEMPLATES, assess, factsOf} from '../../../src/engine/projections/index.js'

type M = Record<string, unknown>
function manifest(opts: {system?: M; task?: M; context?: M; measures?: M[]; risks?: M[]} = {}): Manifest {
  return {
    apiVersion: 'seigarrena.dev/v1alpha1',
    kind: 'AISystem',
    system: {name: 'sys', ...opts.system},
    ...(opts.task ? {task: opts.task} : {}),
    ...(opts.context ? {context: opts.context} : {}),
    dataset: {croissant: 'data/x.croissant.json'},
    risk: {
      appetite: {individual: 'MEDIUM'},
      risks: opts.risks ?? [
        {
          id: 'risk.a',
          title: 'A',
          impact: {individual: 'HIGH'},
          likelihood: 'LIKELY',
          treat: [{method: 'REDUCE', measures: opts.measures ?? []}],
        },
      ],
    },
  } as unknown as Manifest
}
const ids = (a: ReturnType<typeof assess>) => a.proposals.map((p) => p.id)
const monitor = {
  id: 'pm',
  metric: 'performance_drift',
  constraint: '< 0.05',
  enforcement: 'monitor',
  lifecycle: ['monitoring'],
}

describe('assess (the knowledge graph)', () => {
  it('a bare manifest gets only the post-market proposal (no monitoring measure)', () => {
    const a = assess(manifest())
    assert.deepEqual(ids(a), ['risk.post-market-drift'])
  })

  it('the register is up to date when no rule fires, or every fired rule is covered', () => {
    const a = assess(manifest({measures: [monitor]}))
    assert.deepEqual(a.proposals, [])
    assert.deepEqual(a.covered, [])
    assert.match(renderAssessment(a), /is up to date/)
    const b = assess(
      manifest({
        task: {type: 'classification'},
        measures: [monitor, {id: 'acc', metric: 'accuracy_score', constraint: '> 0.7'}],
      }),
    )
    assert.deepEqual(b.proposals, [])
    assert.deepEqual(b.covered, ['risk.misclassification'])
    assert.match(renderAssessment(a), /is up to date/)
  })

  it('decisions about persons + Croissant sensitive data and biases: fairness, data and oversight templates', () => {
    const m = manifest({
      system: {decisions: ['grant'], affected_persons: ['applicants']},
      task: {modality: 'tabular', type: 'classification'},
      measures: [monitor],
    })
    const a = assess(m, [], {croissant: {'rai:sensitiveData': 'sex, age', 'rai:dataBiases': 'fewer women'}})
    assert.deepEqual(ids(a), [
      'risk.unfair-outcomes-by-group',
      'risk.documented-data-bias',
      'risk.personal-data-exposure',
      'risk.misclassification',
      'risk.automation-bias',
    ])
    const fair = a.proposals[0]
    assert.deepEqual(
      fair.because.map((f) => f.name),
      ['decides_about_persons', 'sensitive_attributes'],
    )
    assert.deepEqual(fair.measures[0], {metric: 'demographic_parity_diff', constraint: '< 0.10', article: '10'})
  })

  it('a measure on a suggested metric covers the template, whatever the risk is called', () => {
    const m = manifest({
      system: {decisions: ['grant'], affected_persons: ['applicants']},
      measures: [monitor, {id: 'dp', metric: 'demographic_parity_diff', constraint: '< 0.1', enforcement: 'gate'}],
    })
    const a = assess(m, [], {croissant: {'rai:sensitiveData': 'sex'}})
    assert.ok(a.covered.includes('risk.unfair-outcomes-by-group'))
    assert.ok(!ids(a).includes('risk.unfair-outcomes-by-group'))
  })

  it('no sensitive attribute documented → bias not measurable; an unread descriptor decides nothing', () => {
    const m = manifest({system: {decisions: ['grant'], affected_persons: ['applicants']}, measures: [monitor]})
    assert.ok(ids(assess(m, [], {croissant: {name: 'x'}})).includes('risk.bias-not-measurable'))
    assert.ok(!ids(assess(m, [], {})).includes('risk.bias-not-measurable'))
    const grouped = manifest({
      system: {decisions: ['grant'], affected_persons: ['applicants']},
      measures: [monitor, {id: 'dp', metric: 'x_gap', constraint: '< 0.1', inputs: {dimension: 'sex'}}],
    })
    assert.ok(!ids(assess(grouped, [], {croissant: {name: 'x'}})).includes('risk.bias-not-measurable'))
  })

  it('image segmentation under MDR and DORA context rules', () => {
    const a = assess(
      manifest({
        task: {modality: 'image', type: 'segmentation'},
        context: {applicable_standards: ['eu/mdr@2017', 'eu/dora@2022']},
        measures: [monitor],
      }),
    )
    assert.deepEqual(ids(a), [
      'risk.segmentation-quality',
      'risk.image-acquisition-shift',
      'risk.clinical-performance',
      'risk.ict-third-party',
    ])
  })

  it('each unaddressed misuse becomes its own proposal; an addressed one does not', () => {
    const a = assess(
      manifest({
        system: {
          potential_misuses: [
            {id: 'mu.sole-decider', description: 'used without review', addressed_by: []},
            {id: 'mu.x', description: 'y', addressed_by: ['risk.a']},
          ],
        },
        measures: [monitor],
      }),
    )
    assert.deepEqual(ids(a), ['risk.misuse-sole-decider'])
    assert.equal(a.proposals[0].title, 'Foreseeable misuse: used without review')
  })

  it('a control passing with a confidence interval across its threshold (novacredit: CI [0.003, 0.174] < 0.10)', () => {
    const m = manifest({
      measures: [monitor, {id: 'dp', metric: 'demographic_parity_diff', constraint: '< 0.10', enforcement: 'gate'}],
    })
    const facts = factsOf(m, {
      bundle: {control_results: [{control_id: 'dp', passed: true, power: {ci_low: 0.003, ci_high: 0.174}}]},
    })
    assert.ok(facts.some((f) => f.name === 'inconclusive_evidence'))
    const conclusive = factsOf(m, {
      bundle: {control_results: [{control_id: 'dp', passed: true, power: {ci_low: 0.003, ci_high: 0.09}}]},
    })
    assert.ok(!conclusive.some((f) => f.name === 'inconclusive_evidence'))
  })

  it('a dataset of fewer than 1,000 records proposes the small-dataset risk; an uncounted one decides nothing', () => {
    const m = manifest({measures: [monitor]})
    assert.deepEqual(ids(assess(m, [], {records: 999})), ['risk.small-dataset'])
    assert.deepEqual(ids(assess(m, [], {records: 1000})), [])
    assert.deepEqual(ids(assess(m, [], {})), [])
    // The rationale names the same bound the fact uses.
    const template = BASE_TEMPLATES.find((t) => t.id === 'risk.small-dataset')!
    assert.match(template.rationale, /fewer than 1,000 records/)
  })

  it('adds the templates of applicable standard catalogs, not of others', () => {
    const catalog: StandardCatalog = {
      id: 'acme/x@1',
      title: 'X',
      authority: 'de_facto',
      clauses: [{clause_id: '1', cycle_phase: 'p', title: 't'}],
      riskTemplates: [
        {
          id: 'risk.acme',
          title: 'Acme',
          domain: 'safety',
          rationale: 'r',
          when: ['task.type:classification'],
          measures: [{metric: 'acme_metric', constraint: '> 0'}],
          clauses: ['acme/x@1#1'],
        },
      ],
    }
    const m = (std: string[]) =>
      manifest({
        task: {type: 'classification'},
        context: {applicable_standards: std},
        measures: [monitor, {id: 'r', metric: 'recall_score', constraint: '> 0.8'}],
      })
    assert.deepEqual(ids(assess(m(['acme/x@1']), [catalog])), ['risk.acme'])
    assert.equal(assess(m(['acme/x@1']), [catalog]).proposals[0].source, 'acme/x@1')
    assert.deepEqual(ids(assess(m([]), [catalog])), [])
  })

  it('is deterministic and every built-in template is well formed', () => {
    const m = manifest({
      system: {decisions: ['d'], affected_persons: ['p']},
      task: {modality: 'image', type: 'classification'},
    })
    assert.deepEqual(assess(m), assess(m))
    for (const t of BASE_TEMPLATES) {
      assert.ok(t.when.length > 0 && t.measures.length > 0 && t.clauses.length > 0, t.id)
      for (const c of t.clauses) assert.match(c, /^[a-z0-9./-]+@[A-Za-z0-9.]+#\S+$/)
    }
  })
})
