import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {conclusive, evaluateControls, parseConstraint, satisfies} from '../../../src/engine/controls/index.js'
import {parseEvidenceJson, stableJson} from '../../../src/engine/canonical/index.js'
import type {Manifest, Measure} from '../../../src/engine/manifest/index.js'

function manifestWith(measures: Partial<Measure>[]): Manifest {
  return {
    apiVersion: 'seigarrena.dev/v1alpha1',
    kind: 'AISystem',
    system: {name: 'demo'},
    risk: {
      appetite: {individual: 'MEDIUM'},
      risks: [
        {
          id: 'risk.a',
          title: 'A',
          impact: {individual: 'HIGH'},
          likelihood: 'LIKELY',
          treat: [
            {
              method: 'REDUCE',
              measures: measures.map((m, i) => ({id: `m${i}`, metric: 'x', constraint: '< 0.1', ...m})),
            },
          ],
        },
      ],
    },
  } as Manifest
}

describe('constraints', () => {
  it('parses every operator into the bundle token and refuses malformed text', () => {
    assert.deepEqual(parseConstraint('< 0.10'), {operator: 'lt', threshold: 0.1})
    assert.deepEqual(parseConstraint('<=0.5'), {operator: 'lte', threshold: 0.5})
    assert.deepEqual(parseConstraint('> 0.80'), {operator: 'gt', threshold: 0.8})
    assert.deepEqual(parseConstraint('>= 1'), {operator: 'gte', threshold: 1})
    assert.deepEqual(parseConstraint('== 0'), {operator: 'eq', threshold: 0})
    assert.deepEqual(parseConstraint('!= -2.5e-1'), {operator: 'ne', threshold: -0.25})
    for (const bad of ['0.1', '<', '< abc', '=> 1', '< 0.1 and > 0', '< NaN'])
      assert.equal(parseConstraint(bad), undefined, bad)
  })

  it('is strict at the threshold: < fails and <= passes on equality', () => {
    assert.equal(satisfies(0.1, {operator: 'lt', threshold: 0.1}), false)
    assert.equal(satisfies(0.1, {operator: 'lte', threshold: 0.1}), true)
    assert.equal(satisfies(0.8, {operator: 'gt', threshold: 0.8}), false)
    assert.equal(satisfies(0.8, {operator: 'gte', threshold: 0.8}), true)
  })

  it('calls a control conclusive only when its whole interval is on the passing side', () => {
    // novacredit Art. 15 by hand: 0.046 < 0.10 passes, but the CI reaches 0.174.
    assert.equal(conclusive({ci_low: 0.003, ci_high: 0.174}, {operator: 'lt', threshold: 0.1}), false)
    assert.equal(conclusive({ci_low: 0.003, ci_high: 0.09}, {operator: 'lt', threshold: 0.1}), true)
    assert.equal(conclusive({ci_low: 0.85, ci_high: 0.91}, {operator: 'gt', threshold: 0.8}), true)
    assert.equal(conclusive(undefined, {operator: 'gt', threshold: 0.8}), undefined)
  })
})

describe('evaluateControls', () => {
  it('a control with no value, blocking or audit, is recorded as not passed and says why', () => {
    const results = evaluateControls(manifestWith([{enforcement: 'gate'}, {enforcement: 'audit'}]), {other: 0.5})
    assert.deepEqual(
      results.map((r) => [r.control_id, r.enforcement_mode, r.actual_value, r.passed]),
      [
        ['m0', 'block', null, false],
        ['m1', 'warn', null, false],
      ],
    )
    // the reason names the keys tried (id, then metric) and the key paths that do exist
    assert.equal(results[0].note, 'm0: no value in metrics.json under "m0" or "x"; keys there: other')
  })

  it('a non-numeric value does not pass a gate', () => {
    const [r] = evaluateControls(manifestWith([{enforcement: 'gate'}]), {m0: 'low'})
    assert.equal(r.passed, false)
    assert.match(r.note!, /neither a number/)
  })

  it('leaves out declared (manual) and post-market measures', () => {
    const m = manifestWith([
      {enforcement: 'audit', evaluation: 'manual'},
      {enforcement: 'monitor', lifecycle: ['monitoring']},
      {enforcement: 'gate', lifecycle: ['validation']},
    ])
    assert.deepEqual(
      evaluateControls(m, {m0: 1, m1: 0.01, m2: 0.05}).map((r) => r.control_id),
      ['m2'],
    )
  })

  it('writes values as floats, drops null n_clusters and empty groups, sorts groups in code-unit order', () => {
    const metrics = parseEvidenceJson(
      '{"m0": {"value": 0, "power": {"n": 12, "n_clusters": null, "groups": {"9": 5, "10": 7}, "ci_low": 0.0, ' +
        '"ci_high": 0.05}}, "m1": {"value": 1, "power": {"n": 3, "groups": {}}}}',
    )
    const results = evaluateControls(
      manifestWith([{enforcement: 'gate'}, {enforcement: 'audit', constraint: '>= 1'}]),
      metrics,
    )
    assert.equal(
      stableJson(results[0].power),
      '{\n  "n": 12,\n  "groups": {\n    "10": 7,\n    "9": 5\n  },\n  "ci_low": 0.0,\n  "ci_high": 0.05\n}',
    )
    assert.equal(stableJson(results[0].actual_value), '0.0')
    assert.equal(stableJson(results[1].threshold), '1.0')
    assert.equal(stableJson(results[1].power), '{\n  "n": 3\n}')
    assert.deepEqual(
      results.map((r) => r.passed),
      [true, true],
    )
  })
})
