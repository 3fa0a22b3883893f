import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import type {Manifest} from '../../../src/engine/manifest/index.js'
import {analyseRisks, cycleState, residualExceeds, riskLevel} from '../../../src/engine/risk/index.js'

describe('the 5×5 matrix', () => {
  it('bands likelihood × impact as ≤6 LOW, 7–9 MEDIUM, 10–16 HIGH, ≥17 CRITICAL (hand-computed)', () => {
    const cases: [string, string, string][] = [
      ['RARE', 'CRITICAL', 'LOW'], // 5
      ['POSSIBLE', 'LOW', 'LOW'], // 6
      ['UNLIKELY', 'HIGH', 'MEDIUM'], // 8
      ['POSSIBLE', 'MEDIUM', 'MEDIUM'], // 9
      ['UNLIKELY', 'CRITICAL', 'HIGH'], // 10
      ['ALMOST_CERTAIN', 'MEDIUM', 'HIGH'], // 15
      ['LIKELY', 'HIGH', 'HIGH'], // 16
      ['ALMOST_CERTAIN', 'HIGH', 'CRITICAL'], // 20
      ['ALMOST_CERTAIN', 'NEGLIGIBLE', 'LOW'], // 5
    ]
    for (const [l, i, level] of cases) assert.equal(riskLevel(l as never, i as never), level, `${l} × ${i}`)
  })
})

const manifest = {
  apiVersion: 'seigarrena.dev/v1alpha1',
  kind: 'AISystem',
  system: {name: 'demo'},
  risk: {
    appetite: {individual: 'MEDIUM', society: 'HIGH'},
    overall_residual_criterion: 'MEDIUM',
    risks: [
      {
        id: 'risk.b',
        title: 'B',
        impact: {individual: 'HIGH'},
        likelihood: 'LIKELY',
        treat: [{method: 'REDUCE', residual_likelihood: 'POSSIBLE'}],
      },
      {id: 'risk.a', title: 'A', impact: {society: 'CRITICAL', individual: 'LOW'}, likelihood: 'UNLIKELY'},
      {id: 'risk.c', title: 'C', impact: {individual: 'MEDIUM'}, likelihood: 'RARE'},
    ],
  },
} as unknown as Manifest

describe('analyseRisks', () => {
  it('levels, appetite, treatment need, cycle status and priority on a hand-computed register', () => {
    const {risk_analysis: r, overall_residual} = analyseRisks(manifest, [
      {control_id: 'g', risk_id: 'risk.b', enforcement_mode: 'block', passed: false},
      {control_id: 'w', risk_id: 'risk.c', enforcement_mode: 'warn', passed: true},
    ])
    const [b, a, c] = r
    // risk.b: LIKELY×HIGH = 16 HIGH > MEDIUM → exceeds; residual POSSIBLE×HIGH = 12 HIGH, still exceeds.
    assert.deepEqual(
      [
        b.inherent_overall,
        b.dimensions[0].inherent_eval,
        b.residual_overall,
        b.dimensions[0].residual_eval,
        b.requires_treatment,
      ],
      ['HIGH', 'exceeds', 'HIGH', 'exceeds', true],
    )
    assert.equal(b.cycle.status, 'open')
    // risk.a: individual UNLIKELY×LOW = 4 LOW; society UNLIKELY×CRITICAL = 10 HIGH ≤ HIGH → within.
    // Dimensions in fixed order.
    assert.deepEqual(
      a.dimensions.map((d) => [d.dimension, d.inherent_level, d.inherent_eval]),
      [
        ['individual', 'LOW', 'within'],
        ['society', 'HIGH', 'within'],
      ],
    )
    assert.equal(a.residual_overall, undefined)
    assert.deepEqual([a.requires_treatment, a.control_confirmed, a.cycle.status], [false, false, 'monitored'])
    // risk.c: audit control passing → confirmed, monitored.
    assert.deepEqual([c.inherent_overall, c.control_confirmed, c.cycle.status], ['LOW', true, 'monitored'])
    // Priority: open b first; then a (unconfirmed) before c (confirmed).
    assert.deepEqual(
      r.map((x) => [x.risk_id, x.priority]),
      [
        ['risk.b', 1],
        ['risk.a', 2],
        ['risk.c', 3],
      ],
    )
    // Overall: b residual HIGH, a inherent HIGH, c LOW → HIGH > MEDIUM exceeds, contributed by b and a in
    // manifest order.
    assert.deepEqual(overall_residual, {
      level: 'HIGH',
      criterion: 'MEDIUM',
      evaluation: 'exceeds',
      contributing: ['risk.b', 'risk.a'],
    })
  })

  it('the ⑤ cycle state tells a discrepancy from a closed cycle, and accepts it only under a current approval', () => {
    const {
      risk_analysis: [b],
    } = analyseRisks(manifest, [{control_id: 'g', risk_id: 'risk.b', enforcement_mode: 'block', passed: true}])
    assert.equal(b.cycle.status, 'closed')
    assert.equal(cycleState(b, {evaluatedControls: 1, approvalCurrent: false}), 'DISCREPANCY')
    assert.equal(cycleState(b, {evaluatedControls: 1, approvalCurrent: true}), 'ACCEPTED')
    const {
      risk_analysis: [open],
    } = analyseRisks(manifest, [])
    assert.equal(
      cycleState(open, {evaluatedControls: 0, approvalCurrent: true}),
      'OPEN',
      'requires treatment and nothing evaluated',
    )
  })

  it('residual exceeds appetite: a declared residual dimension does, or none while treatment is required', () => {
    const {
      risk_analysis: [b, a, c],
    } = analyseRisks(manifest, [])
    // risk.b: residual POSSIBLE×HIGH = 12 HIGH > appetite MEDIUM.
    assert.equal(residualExceeds(b), true)
    // risk.a: no residual declared, inherent within appetite (no treatment required).
    assert.equal(residualExceeds(a), false)
    // risk.c: no residual, RARE×MEDIUM = 3 LOW within MEDIUM.
    assert.equal(residualExceeds(c), false)
    // No residual declared while treatment is required: nothing shows it within appetite.
    assert.equal(residualExceeds({...b, residual_overall: undefined}), true)
    // A declared residual within appetite in every dimension.
    const within = b.dimensions.map((d) => ({...d, residual_eval: 'within' as const}))
    assert.equal(residualExceeds({...b, dimensions: within}), false)
  })
})
