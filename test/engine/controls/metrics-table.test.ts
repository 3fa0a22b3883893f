import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {
  evaluateControls,
  lookupMeasure,
  metricsTable,
  pointerOf,
  valueSources,
  type MetricsEntry,
} from '../../../src/engine/controls/index.js'
import type {Manifest, Measure} from '../../../src/engine/manifest/index.js'

const measure = (m: Partial<Measure>): Measure => ({id: 'm', metric: 'x', constraint: '> 0.5', ...m}) as Measure
const manifestWith = (measures: Partial<Measure>[]): Manifest =>
  ({
    apiVersion: 'seigarrena.dev/v1alpha1',
    kind: 'AISystem',
    system: {name: 'demo'},
    risk: {
      risks: [
        {
          id: 'risk.a',
          title: 'A',
          impact: {individual: 'HIGH'},
          likelihood: 'LIKELY',
          treat: [{method: 'REDUCE', measures: measures.map(measure)}],
        },
      ],
    },
  }) as Manifest

// The dvclive shape of DVC's own tutorial project (metrics.json of example-get-started).
const dvclive = {avg_prec: {train: 0.97, test: 0.92}, roc_auc: {train: 0.98, test: 0.94}}

describe('metrics lookup (DVC key notation)', () => {
  it('finds a nested value by its dotted key, as `dvc metrics show` names it', () => {
    const table = metricsTable([{path: 'eval/metrics.json', data: dvclive}])
    const hit = lookupMeasure(table, measure({metrics_key: 'roc_auc.test'}))
    assert.ok('found' in hit)
    assert.equal(hit.found.node, 0.94)
    assert.equal(pointerOf(hit.found), 'eval/metrics.json#/roc_auc/test')
    // the paths a reader sees, in the notation of `dvc metrics show` (lists are left out, as DVC does)
    assert.deepEqual(metricsTable([{path: 'm.json', data: {...dvclive, lst: [1, 2]}}]).leaves, [
      'avg_prec.train',
      'avg_prec.test',
      'roc_auc.train',
      'roc_auc.test',
    ])
  })

  it('without metrics_key tries the id, then the metric name', () => {
    const table = metricsTable([{path: 'metrics.json', data: {accuracy: 0.8, 'screen-acc': 0.9}}])
    assert.equal(
      (lookupMeasure(table, measure({id: 'screen-acc', metric: 'accuracy'})) as {found: {node: unknown}}).found.node,
      0.9,
    )
    assert.equal(
      (lookupMeasure(table, measure({id: 'other', metric: 'accuracy'})) as {found: {node: unknown}}).found.node,
      0.8,
    )
    assert.deepEqual(lookupMeasure(table, measure({id: 'other', metric: 'recall'})), {missing: ['other', 'recall']})
    // an explicit metrics_key is the only key tried
    assert.deepEqual(lookupMeasure(table, measure({id: 'screen-acc', metrics_key: 'acc.test'})), {
      missing: ['acc.test'],
    })
  })

  it('a key naming two values (a dotted key and a nested one, or one key in two files) is ambiguous', () => {
    const dotted = metricsTable([{path: 'm.json', data: {'a.b': 1, a: {b: 2}}}])
    const hit = lookupMeasure(dotted, measure({metrics_key: 'a.b'}))
    assert.ok('ambiguous' in hit)
    assert.deepEqual(hit.ambiguous.map(pointerOf), ['m.json#/a.b', 'm.json#/a/b'])
    const twoFiles = metricsTable([
      {path: 'train.json', data: {loss: 0.1}},
      {path: 'test.yaml', data: {loss: 0.2}},
    ])
    assert.deepEqual(
      (lookupMeasure(twoFiles, measure({id: 'loss'})) as {ambiguous: MetricsEntry[]}).ambiguous.map(pointerOf),
      ['train.json#/loss', 'test.yaml#/loss'],
    )
  })

  it('evaluates from several files, records the key path when it is not the id, and the pointer of each value', () => {
    const table = metricsTable([
      {path: 'train.json', data: {loss: 0.1}},
      {path: 'eval/scores.yaml', data: dvclive},
    ])
    const m = manifestWith([
      {id: 'auc-test', metric: 'roc_auc', metrics_key: 'roc_auc.test', constraint: '> 0.9', enforcement: 'gate'},
      {id: 'loss', metric: 'log_loss', constraint: '< 0.5', enforcement: 'gate'},
    ])
    const results = evaluateControls(m, table)
    assert.deepEqual(
      results.map((r) => [r.control_id, r.actual_value, r.passed, r.metrics_key]),
      [
        ['auc-test', 0.94, true, 'roc_auc.test'],
        ['loss', 0.1, true, undefined],
      ],
    )
    assert.deepEqual(valueSources(m, table), {'auc-test': 'eval/scores.yaml#/roc_auc/test', loss: 'train.json#/loss'})
  })

  it('a missing key is named with the key paths that do exist', () => {
    const table = metricsTable([{path: 'eval/metrics.json', data: dvclive}])
    const [r] = evaluateControls(
      manifestWith([{id: 'auc', metric: 'roc_auc', metrics_key: 'roc_auc.val', enforcement: 'gate'}]),
      table,
    )
    assert.equal(r.passed, false)
    assert.equal(
      r.note,
      'auc: no value in eval/metrics.json under "roc_auc.val"; keys there: avg_prec.train, avg_prec.test, ' +
        'roc_auc.train, roc_auc.test',
    )
  })
})
