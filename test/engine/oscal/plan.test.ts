import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {parse} from 'yaml'
import type {Manifest} from '../../../src/engine/manifest/index.js'
import {
  PLAN_SOURCE,
  SEI_PROP_NS,
  compilePlan,
  implausibleThreshold,
  planDigest,
  thresholdText,
} from '../../../src/engine/oscal/index.js'
import {referencePlans} from './reference-plans.js'

const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const requirementsOf = (doc: any) =>
  doc['component-definition'].components.flatMap((c: any) =>
    (c['control-implementations'] ?? []).flatMap((ci: any) => ci['implemented-requirements']),
  )

describe('compilePlan against the reference plans', () => {
  const plans = referencePlans()
  it('finds the three committed reference plans', () => {
    assert.deepEqual(
      plans.map((p) => p.fixture),
      ['novacredit', 'quickstart', 'retina-screening'],
    )
  })
  for (const ref of referencePlans()) {
    it(`${ref.fixture}: same measures, control ids, operators, thresholds and props, in order`, () => {
      const ours = compilePlan(ref.manifest)
      const theirs = requirementsOf(ref.plan)
      const mine = requirementsOf(ours.document)
      assert.equal(mine.length, theirs.length)
      assert.deepEqual(
        mine.map((r: any) => r['control-id']),
        theirs.map((r: any) => r['control-id']),
      )
      for (const [i, r] of theirs.entries()) {
        // Same names and values in the same order (what the SDK's loader reads); sei adds its namespace.
        assert.deepEqual(
          mine[i].props.map((p: any) => ({name: p.name, value: p.value})),
          r.props,
          `props of ${r['control-id']}`,
        )
        for (const p of mine[i].props)
          assert.equal(p.ns, SEI_PROP_NS, `prop ${p.name} of ${r['control-id']} is namespaced`)
        assert.equal(mine[i].description, r.description)
      }
      // The YAML text parses back to the same document (what the SDK's loader reads).
      assert.deepEqual(parse(ours.text), ours.document)
      // The reference's source names a profile no document defines; sei's resolves to a back-matter
      // resource carrying that same identifier.
      const theirSource = ref.plan['component-definition'].components[0]['control-implementations'][0].source
      assert.equal(theirSource, PLAN_SOURCE)
      assert.equal(ref.plan['component-definition']['back-matter'], undefined)
      const cd = ours.document['component-definition']
      const ci = cd.components[0]['control-implementations']![0]
      const resource = cd['back-matter']!.resources.find((r) => `#${r.uuid}` === ci.source)
      assert.ok(resource, `${ci.source} resolves to a back-matter resource`)
      assert.deepEqual(resource['document-ids'], [{identifier: theirSource.slice(1)}])
      // …and links the manifest, relative to the plan (shared_data/policies/ → ../../froga.yaml).
      assert.equal(ref.manifest.oscal!.assessment_plan, 'shared_data/policies/assessment_plan.oscal.yaml')
      const linked = compilePlan(ref.manifest, {manifestFile: ref.manifestFile}).document['component-definition'][
        'back-matter'
      ]!.resources[0]
      assert.equal(linked.rlinks?.[0].href, `../../${ref.manifestFile}`)
    })
  }
})

const base = (measures: Record<string, unknown>[], extra: Record<string, unknown> = {}): Manifest =>
  ({
    apiVersion: 'seigarrena.dev/v1alpha1',
    kind: 'AISystem',
    system: {name: 'sys-a'},
    oscal: {assessment_plan: 'plan.oscal.yaml'},
    risk: {
      appetite: {individual: 'MEDIUM'},
      risks: [
        {
          id: 'risk.a',
          title: 'Risk A',
          impact: {individual: 'HIGH'},
          likelihood: 'LIKELY',
          treat: [{method: 'REDUCE', measures}],
        },
      ],
    },
    ...extra,
  }) as unknown as Manifest

describe('compilePlan', () => {
  const gate = {
    id: 'm-gate',
    metric: 'recall_score',
    constraint: '>= 0.9',
    severity: 'high',
    enforcement: 'gate',
    control_tier: 'inherent',
    lifecycle: ['data_preparation'],
  }
  it('is deterministic: same manifest, same bytes; UUIDs are v5', () => {
    const a = compilePlan(base([gate]))
    const b = compilePlan(base([gate]))
    assert.equal(a.text, b.text)
    assert.equal(a.digest, planDigest(a.text))
    assert.match(a.digest, /^sha256:[0-9a-f]{64}$/)
    const cd = a.document['component-definition']
    for (const u of [
      cd.uuid,
      cd.components[0].uuid,
      cd.components[0]['control-implementations']![0].uuid,
      requirementsOf(a.document)[0].uuid,
    ])
      assert.match(u, UUID_V5)
    // No wall-clock time anywhere: OSCAL's required last-modified is the fixed epoch.
    assert.equal(cd.metadata['last-modified'], '1970-01-01T00:00:00Z')
  })
  it("keeps a control's UUID across revisions but gives the document a new one when the content changes", () => {
    const a = compilePlan(base([gate]))
    const b = compilePlan(base([{...gate, constraint: '>= 0.95'}]))
    assert.notEqual(a.text, b.text)
    assert.notEqual(a.document['component-definition'].uuid, b.document['component-definition'].uuid)
    assert.equal(requirementsOf(a.document)[0].uuid, requirementsOf(b.document)[0].uuid)
  })
  it('maps the measure fields to props (declared tier kept, data_preparation → training, gte)', () => {
    const [r] = requirementsOf(compilePlan(base([gate])).document)
    const ns = 'https://seigarrena.dev/ns/oscal'
    assert.deepEqual(r.props, [
      {name: 'metric_key', ns, value: 'recall_score'},
      {name: 'operator', ns, value: 'gte'},
      {name: 'threshold', ns, value: '0.9'},
      {name: 'severity', ns, value: 'high'},
      {name: 'enforcement_mode', ns, value: 'block'},
      {name: 'evaluation_method', ns, value: 'automated'},
      {name: 'lifecycle_phase', ns, value: 'training'},
      {name: 'risk_id', ns, value: 'risk.a'},
      {name: 'control_tier', ns, value: 'inherent'},
    ])
    assert.equal(r.description, 'Risk A — recall_score')
  })
  it('leaves out post-market and manual measures', () => {
    const plan = compilePlan(
      base([
        gate,
        {id: 'pm', metric: 'x_drift', constraint: '< 0.05', enforcement: 'monitor', lifecycle: ['monitoring']},
        {id: 'man', metric: 'doc_declared', constraint: '> 0', evaluation: 'manual', lifecycle: ['validation']},
      ]),
    )
    assert.deepEqual(
      requirementsOf(plan.document).map((r: any) => r['control-id']),
      ['m-gate'],
    )
  })
  it('with no ex-ante measure the component has no control-implementations (OSCAL forbids an empty one)', () => {
    const plan = compilePlan(base([]))
    assert.equal(plan.requirements, 0)
    assert.equal(plan.document['component-definition'].components[0]['control-implementations'], undefined)
  })
  it('writes JSON when the plan path ends in .json', () => {
    const plan = compilePlan(base([gate], {oscal: {assessment_plan: 'p/plan.json'}}))
    assert.equal(plan.format, 'json')
    assert.deepEqual(JSON.parse(plan.text), plan.document)
  })
  it('advises on a missing control_tier and on an implausible threshold, without failing', () => {
    const plan = compilePlan(base([{id: 'ppv', metric: 'precision_score', constraint: '> 0.30', enforcement: 'audit'}]))
    assert.deepEqual(
      plan.advisories.map((a) => a.kind),
      ['control_tier', 'threshold'],
    )
    assert.match(plan.advisories[0].message, /prEN 18228 cl\. 9\.1\.2/)
    assert.deepEqual(plan.problems, [])
    assert.ok(
      requirementsOf(plan.document)[0].props.some(
        (p: any) => p.name === 'threshold_plausibility' && p.value === 'suspect',
      ),
    )
  })
  it('reports a measure id that cannot be an OSCAL control-id as a problem', () => {
    assert.match(compilePlan(base([{...gate, id: '1-bad id'}])).problems[0].message, /not an OSCAL token/)
  })
})

describe('threshold plausibility (hand-decided cases)', () => {
  const c = (operator: any, threshold: number) => ({operator, threshold})
  const cases: [string, ReturnType<typeof c>, boolean][] = [
    ['precision_score', c('gt', 0.3), true], // the reference's only suspect case
    ['recall_score', c('gt', 0.8), false],
    ['accuracy_score', c('gt', 0.65), false],
    ['accuracy_score', c('lt', 0.9), true], // backwards
    ['recall_score', c('gt', 1.2), true], // impossible
    ['demographic_parity_diff', c('lt', 0.1), false],
    ['demographic_parity_diff', c('lt', 0.2), false], // retina's, not flagged by the reference
    ['demographic_parity_diff', c('lt', 0.4), true],
    ['demographic_parity_diff', c('gt', 0.1), true], // backwards
    ['disparate_impact', c('gt', 0.8), false],
    ['disparate_impact', c('gt', 0.6), true],
    ['k_anonymity', c('gte', 3), false], // unknown family: never judged
  ]
  for (const [metric, constraint, suspect] of cases) {
    it(`${metric} ${constraint.operator} ${constraint.threshold} → ${suspect ? 'suspect' : 'plausible'}`, () => {
      assert.equal(implausibleThreshold(metric, constraint) !== undefined, suspect)
    })
  }
  it('keeps the threshold text verbatim', () => {
    assert.equal(thresholdText('< 0.10'), '0.10')
    assert.equal(thresholdText('>= 1.0'), '1.0')
    assert.equal(thresholdText('==1'), '1')
  })
})
