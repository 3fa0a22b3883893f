import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {sei} from '../helpers/cli.js'
import {hasPythonEnv, pythonToolEnv} from '../helpers/python.js'
import {edit, screeningRepo} from '../pipelines/repo.js'
import {explain, toolEnv} from './run-gates.js'

/** A DVC pipeline (real dvc) whose stage writes exactly `text` as metrics.json (and more files if given). */
function writesMetrics(text: string, more: Record<string, string> = {}): string {
  const dir = screeningRepo('dvc')
  const files = {'metrics.json': text, ...more}
  const writes = Object.entries(files).map(
    ([f, t]) => `open(os.path.join(root, ${JSON.stringify(f)}), "w").write(${JSON.stringify(t)})`,
  )
  writeFileSync(
    join(dir, 'src/evaluate.py'),
    `import os\nroot = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))\n${writes.join('\n')}\n`,
  )
  return dir
}

const bundleOf = (dir: string) => JSON.parse(readFileSync(join(dir, '.sei/bundle.json'), 'utf8'))

describe('metrics that cannot be evidence', {skip: !hasPythonEnv && 'no project Python env'}, () => {
  it('a key written twice is METRICS_INVALID naming the key and its place; nothing signed', () => {
    const dir = writesMetrics('{\n  "screen-recall": 0.1,\n  "screen-fpr": 0.2,\n  "screen-recall": 0.95\n}\n')
    const r = sei(['run'], {cwd: dir, env: toolEnv()})
    assert.equal(r.status, 2, explain(r))
    assert.match(r.stderr, /METRICS_INVALID/)
    assert.match(r.stderr, /metrics\.json:4:3 .*"screen-recall" twice/)
    assert.equal(existsSync(join(dir, '.sei/bundle.json')), false)
    assert.equal(existsSync(join(dir, 'sei.lock')), false)
  })
  it('a recall outside [0, 1] is METRICS_INVALID, never a PASS of "> 0.8"', () => {
    for (const [value, shown] of [
      ['1.5', '1.5'],
      ['1e308', '1e\\+308'],
      ['-0.25', '-0.25'],
    ]) {
      const dir = writesMetrics(`{"screen-recall": ${value}, "screen-fpr": 0.2}`)
      const r = sei(['run'], {cwd: dir, env: toolEnv()})
      assert.equal(r.status, 2, explain(r))
      assert.match(
        r.stderr,
        new RegExp(
          `METRICS_INVALID\\): metrics\\.json:1:2 screen-recall \\(recall_score\\) is ${shown}, outside its ` +
            `domain \\[0, 1\\]`,
        ),
      )
      assert.equal(existsSync(join(dir, '.sei/bundle.json')), false)
    }
  })
  it('a negative demographic parity difference is refused too (the manifest names the fairness metric)', () => {
    const dir = writesMetrics('{"screen-recall": 0.9, "screen-fpr": 0.2, "screen-dp": -0.5}')
    edit(
      dir,
      'sei.yaml',
      '            - id: screen-fpr',
      '            - id: screen-dp\n              metric: demographic_parity_diff\n' +
        '              constraint: "< 0.1"\n              enforcement: gate\n            - id: screen-fpr',
    )
    const r = sei(['run'], {cwd: dir, env: toolEnv()})
    assert.equal(r.status, 2, explain(r))
    assert.match(r.stderr, /screen-dp \(demographic_parity_diff\) is -0\.5, outside its domain \[0, 1\]/)
  })
  it('a value a hair under the threshold prints with the digits that show why it passes', () => {
    const dir = writesMetrics('{"screen-recall": 0.8000000000000002, "screen-fpr": 0.49999999999999994}')
    const r = sei(['run'], {cwd: dir, env: toolEnv()})
    assert.equal(r.status, 0, explain(r))
    assert.match(r.stdout, /screen-recall\s+0\.8000000000000002\s+> 0\.8\s+PASS/)
    // 16 significant digits (0.4999999999999999) already show it below 0.5: no more are printed
    assert.match(r.stdout, /screen-fpr\s+0\.4999999999999999\s+< 0\.5\s+PASS/)
  })
})

describe('metrics as pipelines write them', {skip: !hasPythonEnv && 'no project Python env'}, () => {
  it('metrics_key reads a nested dvclive value by the key `dvc metrics show` prints; the bundle says where', () => {
    const dir = writesMetrics('{"recall": {"train": 0.97, "test": 0.9}, "fpr": {"test": 0.2}}')
    edit(
      dir,
      'sei.yaml',
      '              metric: recall_score\n',
      '              metric: recall_score\n              metrics_key: recall.test\n',
    )
    const env = toolEnv()
    const r = sei(['run'], {cwd: dir, env})
    assert.equal(r.status, 0, explain(r))
    assert.match(r.stdout, /screen-recall\s+0\.9\s+> 0\.8\s+PASS/)
    // the key notation is DVC's own: the real dvc names the same value "recall.test"
    const shown = execFileSync('dvc', ['metrics', 'show', 'metrics.json'], {
      cwd: dir,
      env: {...pythonToolEnv(), DVC_NO_ANALYTICS: '1'} as NodeJS.ProcessEnv,
      encoding: 'utf8',
    })
    assert.match(shown, /\brecall\.test\b/)
    const bundle = bundleOf(dir)
    const recall = bundle.control_results.find((c: {control_id: string}) => c.control_id === 'screen-recall')
    assert.equal(recall.metrics_key, 'recall.test')
    assert.equal(recall.actual_value, 0.9)
    assert.equal(bundle.provenance.values['screen-recall'], 'metrics.json#/recall/test')
    // the audit measure found nothing: shown as "no value" with the reason, and kept in control_results
    assert.match(r.stdout, /screen-fpr\s+no value\s+< 0\.5\s+FAIL\s+—\s+audit/)
    assert.match(
      r.stdout,
      new RegExp(
        String.raw`screen-fpr: no value in metrics\.json under "screen-fpr" or ` +
          String.raw`"false_positive_rate"; keys there: recall\.train, recall\.test, fpr\.test`,
      ),
    )
    const fpr = bundle.control_results.find((c: {control_id: string}) => c.control_id === 'screen-fpr')
    assert.equal(fpr.actual_value, null)
    assert.equal(fpr.enforcement_mode, 'warn')
    assert.match(fpr.note, /no value in metrics\.json/)
  })

  it('without metrics_key the metric name is the second key tried', () => {
    const dir = writesMetrics('{"recall_score": 0.9, "false_positive_rate": 0.2}')
    const r = sei(['run'], {cwd: dir, env: toolEnv()})
    assert.equal(r.status, 0, explain(r))
    assert.match(r.stdout, /screen-recall\s+0\.9\s+> 0\.8\s+PASS/)
    assert.match(r.stdout, /screen-fpr\s+0\.2\s+< 0\.5\s+PASS/)
    assert.equal(bundleOf(dir).provenance.values['screen-recall'], 'metrics.json#/recall_score')
  })

  it('a gate control without a value prints why in the table (RED, exit 1)', () => {
    const dir = writesMetrics('{"accuracy": 0.9}')
    const r = sei(['run'], {cwd: dir, env: toolEnv()})
    assert.equal(r.status, 1, explain(r))
    assert.match(r.stdout, /screen-recall\s+no value\s+> 0\.8\s+FAIL/)
    assert.match(
      r.stdout,
      /screen-recall: no value in metrics\.json under "screen-recall" or "recall_score"; keys there: accuracy/,
    )
  })

  it('pipeline.metrics lists several files, JSON and YAML; a key in two of them is refused', () => {
    const dir = writesMetrics('{"screen-recall": 0.9}', {'eval/scores.yaml': 'fpr:\n  test: 0.25\n'})
    execFileSync('mkdir', ['-p', join(dir, 'eval')])
    edit(dir, 'sei.yaml', 'metrics: metrics.json,', 'metrics: [metrics.json, eval/scores.yaml],')
    edit(
      dir,
      'sei.yaml',
      '              metric: false_positive_rate\n',
      '              metric: false_positive_rate\n              metrics_key: fpr.test\n',
    )
    const env = toolEnv()
    let r = sei(['run'], {cwd: dir, env})
    assert.equal(r.status, 0, explain(r))
    assert.match(r.stdout, /screen-fpr\s+0\.25\s+< 0\.5\s+PASS/)
    const bundle = bundleOf(dir)
    assert.equal(bundle.provenance.values['screen-fpr'], 'eval/scores.yaml#/fpr/test')
    assert.deepEqual(
      bundle.provenance.metrics.map((m: {path: string}) => m.path),
      ['metrics.json', 'eval/scores.yaml'],
    )
    // the same key in both files: which one is evidence? Refused, naming both places.
    writeFileSync(
      join(dir, 'src/evaluate.py'),
      readFileSync(join(dir, 'src/evaluate.py'), 'utf8').replace('fpr:', 'screen-recall: 0.5\\nfpr:'),
    )
    r = sei(['run'], {cwd: dir, env})
    assert.equal(r.status, 2, explain(r))
    assert.match(r.stderr, /METRICS_INVALID/)
    assert.match(
      r.stderr,
      /"screen-recall" names 2 values \(metrics\.json#\/screen-recall, eval\/scores\.yaml#\/screen-recall\)/,
    )
  })

  it('a dotted key that names two values is ambiguous: METRICS_INVALID with both places, nothing signed', () => {
    const dir = writesMetrics('{\n  "recall.test": 0.9,\n  "recall": {"test": 0.85}\n}')
    edit(
      dir,
      'sei.yaml',
      '              metric: recall_score\n',
      '              metric: recall_score\n              metrics_key: recall.test\n',
    )
    const r = sei(['run'], {cwd: dir, env: toolEnv()})
    assert.equal(r.status, 2, explain(r))
    assert.match(r.stderr, /metrics\.json:2:3 .*"recall\.test" names 2 values/)
    assert.match(r.stderr, /metrics\.json:2:3 and metrics\.json:3:14/)
    assert.equal(existsSync(join(dir, '.sei/bundle.json')), false)
  })
})
