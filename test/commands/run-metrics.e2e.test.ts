import assert from 'node:assert/strict'
import {existsSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {sei} from '../helpers/cli.js'
import {hasPythonEnv} from '../helpers/python.js'
import {edit, screeningRepo} from '../pipelines/repo.js'
import {explain, toolEnv} from './run-gates.js'

/** A DVC pipeline (real dvc) whose stage writes exactly `text` as metrics.json. */
function writesMetrics(text: string): string {
  const dir = screeningRepo('dvc')
  writeFileSync(join(dir, 'src/evaluate.py'), `import os\nopen(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "metrics.json"), "w").write(${JSON.stringify(text)})\n`)
  return dir
}

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
    for (const [value, shown] of [['1.5', '1.5'], ['1e308', '1e\\+308'], ['-0.25', '-0.25']]) {
      const dir = writesMetrics(`{"screen-recall": ${value}, "screen-fpr": 0.2}`)
      const r = sei(['run'], {cwd: dir, env: toolEnv()})
      assert.equal(r.status, 2, explain(r))
      assert.match(r.stderr, new RegExp(`METRICS_INVALID\\): metrics\\.json:1:2 screen-recall \\(recall_score\\) is ${shown}, outside its domain \\[0, 1\\]`))
      assert.equal(existsSync(join(dir, '.sei/bundle.json')), false)
    }
  })
  it('a negative demographic parity difference is refused too (the manifest names the fairness metric)', () => {
    const dir = writesMetrics('{"screen-recall": 0.9, "screen-fpr": 0.2, "screen-dp": -0.5}')
    edit(dir, 'sei.yaml', '            - id: screen-fpr', '            - id: screen-dp\n              metric: demographic_parity_diff\n              constraint: "< 0.1"\n              enforcement: gate\n            - id: screen-fpr')
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
