import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {metricDomain} from '../../../src/engine/controls/index.js'
import {scanJsonKeys} from '../../../src/engine/evidence/index.js'
import {formatValue} from '../../../src/cli/render/index.js'

describe('metric domains', () => {
  it('knows the unit-interval metrics under their usual spellings, and nothing else', () => {
    for (const m of [
      'demographic_parity_diff',
      'demographic_parity_difference',
      'equalized_odds_diff',
      'accuracy',
      'accuracy_score',
      'recall_score',
      'precision_score',
      'f1_score',
      'roc_auc',
      'auc',
      'dice',
    ])
      assert.deepEqual(metricDomain(m), [0, 1], m)
    for (const m of ['false_positive_rate_drift', 'fairness_drift', 'k_anonymity', 'loss', 'oversight_mode_declared'])
      assert.equal(metricDomain(m), undefined, m)
  })
})

describe('JSON keys written twice', () => {
  it('finds every duplicate, at any depth, with line and column (JSON.parse keeps the last silently)', () => {
    const text = '{\n  "a": 1,\n  "b": {"x": 1, "y": "}\\"{", "x": 2},\n  "a": 3\n}'
    assert.equal(JSON.parse(text).a, 3)
    const {duplicates} = scanJsonKeys(text)
    assert.deepEqual(
      duplicates.map((d) => [d.path.join('.'), d.line, d.col]),
      [
        ['b.x', 3, 30],
        ['a', 4, 3],
      ],
    )
  })
  it('finds none in arrays of objects with the same keys', () => {
    assert.deepEqual(scanJsonKeys('[{"a": 1}, {"a": 2}]').duplicates, [])
    assert.deepEqual(scanJsonKeys('{"l": [{"a": 1}, {"a": 2}], "m": {"a": {"a": 1}}}').duplicates, [])
  })
})

describe('printed values', () => {
  // Expected texts written by hand: the shortest digits that keep the comparison with the threshold.
  it('shows as many digits as it takes to see why a value passes or fails', () => {
    assert.equal(formatValue(0.09999999999999999, '< 0.1'), '0.09999999999999999')
    assert.equal(formatValue(0.1000001, '<= 0.1'), '0.1000001')
    assert.equal(formatValue(0.117647058823, '< 0.1'), '0.117647')
    assert.equal(formatValue(0.74, '> 0.7'), '0.74')
    assert.equal(formatValue(0.1, '< 0.1'), '0.1')
    assert.equal(formatValue(null, '< 0.1'), '—')
    assert.equal(formatValue(3, '> 2'), '3')
  })
})
