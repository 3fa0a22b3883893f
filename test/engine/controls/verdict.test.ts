import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {blocksGate, gateVerdict, recordedGate} from '../../../src/engine/controls/index.js'
import {gateRows} from '../../../src/engine/pipeline/gate.js'
import type {Manifest} from '../../../src/engine/manifest/index.js'

describe('the gate verdict (DESIGN §5)', () => {
  it('is RED when a blocking control fails, GREEN when only audit controls fail or nothing blocks', () => {
    assert.equal(gateVerdict([]), 'GREEN')
    assert.equal(
      gateVerdict([
        {blocking: true, passed: true},
        {blocking: false, passed: false},
      ]),
      'GREEN',
    )
    assert.equal(
      gateVerdict([
        {blocking: true, passed: true},
        {blocking: true, passed: false},
      ]),
      'RED',
    )
  })

  it('reads a bundle as signed: enforcement_mode block blocks, warn and monitor do not, a missing passed fails', () => {
    assert.deepEqual(
      ['block', 'warn', 'monitor', undefined].map((m) => blocksGate({enforcement_mode: m})),
      [true, false, false, false],
    )
    assert.equal(recordedGate([{enforcement_mode: 'warn', passed: false}]), 'GREEN')
    assert.equal(recordedGate([{enforcement_mode: 'block'}]), 'RED')
    assert.equal(
      recordedGate([
        {enforcement_mode: 'block', passed: true},
        {enforcement_mode: 'monitor', passed: false},
      ]),
      'GREEN',
    )
  })
})

describe('conclusiveness of a signed result (gate rows)', () => {
  const none = {apiVersion: 'x', kind: 'AISystem', system: {name: 'x'}} as unknown as Manifest
  const row = (operator: string, ci_low: number, ci_high: number) =>
    gateRows(none, {
      control_results: [
        {control_id: 'c', operator, threshold: 0.8, actual_value: 0.85, passed: true, power: {ci_low, ci_high}},
      ],
    })[0]

  it('is decided by the interval against the threshold, on the passing side of the operator', () => {
    // gte 0.8: the lower bound must reach 0.8. 0.80 ≥ 0.80 yes; 0.79 no.
    assert.equal(row('gte', 0.8, 0.9).conclusive, true)
    assert.equal(row('gte', 0.79, 0.9).conclusive, false)
    // gt 0.8: 0.80 > 0.80 no.
    assert.equal(row('gt', 0.8, 0.9).conclusive, false)
    // lt 0.8: the upper bound must stay under: 0.79 yes, 0.81 no.
    assert.equal(row('lt', 0.5, 0.79).conclusive, true)
    assert.equal(row('lt', 0.5, 0.81).conclusive, false)
    // an interval cannot settle == or != (the reference's `neq` too): no answer.
    assert.equal(row('eq', 0.7, 0.9).conclusive, null)
    assert.equal(row('neq', 0.7, 0.9).conclusive, null)
    assert.equal(row('neq', 0.7, 0.9).constraint, '!= 0.8')
  })
})
