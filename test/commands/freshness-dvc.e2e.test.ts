import assert from 'node:assert/strict'
import {appendFileSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {sei} from '../helpers/cli.js'
import {git} from '../helpers/git-repo.js'
import {hasPythonEnv} from '../helpers/python.js'
import {dvc, twoStageRepo} from '../pipelines/dvc-multi.js'
import {edit} from '../pipelines/repo.js'
import {explain, statusJson, toolEnv} from './run-gates.js'

type Status = ReturnType<typeof statusJson>

/** A green, committed run of the two-stage pipeline. */
function greenRun(): {dir: string; env: Record<string, string | undefined>} {
  const dir = twoStageRepo({mitigate: true})
  const env = toolEnv()
  const r = sei(['run'], {cwd: dir, env})
  assert.equal(r.status, 0, explain(r))
  git(dir, ['add', '-A'])
  git(dir, ['commit', '-q', '-m', 'run: evidence (gate GREEN)'])
  return {dir, env}
}

describe('sei status against dvc status on a two-stage pipeline (real dvc)', {
  skip: !hasPythonEnv && 'no project Python env',
}, () => {
  it("gives dvc's verdict on each single edit: deps, used/unused params, comment, cmd, out, untracked, README", () => {
    const {dir, env} = greenRun()
    const edits: [string, () => void][] = [
      ['src/prep.py', () => appendFileSync(join(dir, 'src/prep.py'), '# reviewed\n')],
      ['src/train.py', () => appendFileSync(join(dir, 'src/train.py'), '# reviewed\n')],
      ['src/features.py', () => appendFileSync(join(dir, 'src/features.py'), '# reviewed\n')],
      ['data/raw.csv', () => appendFileSync(join(dir, 'data/raw.csv'), 'g,0.95,1\n')],
      ['data/extra.csv (dvc add)', () => appendFileSync(join(dir, 'data/extra.csv'), 'h,0.6,1\n')],
      ['prep.frac', () => edit(dir, 'params.yaml', 'frac: 1.0', 'frac: 0.5')],
      ['train.C', () => edit(dir, 'params.yaml', 'C: 1.0', 'C: 2.0')],
      ['train.mitigate', () => edit(dir, 'params.yaml', 'mitigate: true', 'mitigate: false')],
      ['model.depth (cfg/model.yaml)', () => edit(dir, 'cfg/model.yaml', 'depth: 3', 'depth: 4')],
      ['an unused key', () => edit(dir, 'params.yaml', 'unused: 7', 'unused: 8')],
      ['a new key', () => appendFileSync(join(dir, 'params.yaml'), 'added: 1\n')],
      ['an unused key of cfg/model.yaml', () => edit(dir, 'cfg/model.yaml', 'other: x', 'other: y')],
      ['a comment in params.yaml', () => edit(dir, 'params.yaml', '# the screening', '# the tiny screening')],
      ['a comment in dvc.yaml', () => edit(dir, 'dvc.yaml', 'stages:', '# two stages\nstages:')],
      [
        'the train command',
        () => edit(dir, 'dvc.yaml', 'cmd: python src/train.py', 'cmd: python src/train.py --verbose'),
      ],
      ['the output data/clean.csv', () => appendFileSync(join(dir, 'data/clean.csv'), 'z,0.1,0\n')],
      ['the metrics output', () => writeFileSync(join(dir, 'metrics.json'), '{"screen-recall": 0.99}')],
      ['an untracked file', () => writeFileSync(join(dir, 'notes.txt'), 'todo\n')],
      ['the README', () => appendFileSync(join(dir, 'README.md'), 'More words.\n')],
    ]
    const verdicts: {edit: string; sei: string; dvc: string; drift: string[]}[] = []
    for (const [name, apply] of edits) {
      apply()
      const s: Status = statusJson(dir, env)
      const d = JSON.parse(dvc(dir, ['status', '--json'])) as Record<string, unknown>
      verdicts.push({
        edit: name,
        sei: s.result.fresh ? 'fresh' : 'stale',
        dvc: Object.keys(d).length === 0 ? 'fresh' : 'stale',
        drift: s.result.drift.flatMap((x) => x.inputs ?? []),
      })
      git(dir, ['checkout', '-q', '--', '.'])
      git(dir, ['clean', '-fdq'])
      // Only the files DVC keeps (not git) need DVC to restore them.
      if (name.includes('extra.csv') || name.includes('clean.csv')) dvc(dir, ['checkout', '-q', '--force'])
    }
    assert.equal(statusJson(dir, env).result.fresh, true, 'fresh again once every edit is undone')
    assert.ok(verdicts.length >= 15)
    assert.deepEqual(
      verdicts.map((v) => `${v.edit}: ${v.sei}`),
      verdicts.map((v) => `${v.edit}: ${v.dvc}`),
    )
    assert.ok(verdicts.some((v) => v.dvc === 'fresh') && verdicts.some((v) => v.dvc === 'stale'))
    // Each stale verdict names the input and its kind.
    const named = Object.fromEntries(verdicts.map((v) => [v.edit, v.drift]))
    assert.deepEqual(named['src/features.py'], ['src/features.py (code)'])
    assert.deepEqual(named['data/extra.csv (dvc add)'], ['data/extra.csv (data)'])
    assert.deepEqual(named['model.depth (cfg/model.yaml)'], ['cfg/model.yaml#model.depth (params)'])
    assert.deepEqual(named['the train command'], ['dvc.yaml#train (stage)'])
    assert.deepEqual(named['the output data/clean.csv'], ['data/clean.csv (output)'])
  })

  it('passes without the data (no dvc pull): absent inputs are judged by the md5s DVC records, one line each', () => {
    const {dir, env} = greenRun()
    rmSync(join(dir, 'data/extra.csv'))
    let r = sei(['status'], {cwd: dir, env})
    assert.equal(r.status, 0, explain(r))
    assert.match(r.stdout, /^ {2}data\/extra\.csv not in the workspace: pinned by data\/extra\.csv\.dvc$/m)

    // A fresh clone: DVC-tracked data and outputs are absent, nothing was pulled.
    const clone = `${dir}-clone`
    git(dir, ['clone', '-q', dir, clone])
    r = sei(['status'], {cwd: clone, env})
    assert.equal(r.status, 0, explain(r))
    assert.match(r.stdout, /^ {2}data\/clean\.csv not in the workspace: pinned by dvc\.lock$/m)
    assert.match(r.stdout, /^ {2}data\/extra\.csv not in the workspace: pinned by data\/extra\.csv\.dvc$/m)
    assert.match(r.stdout, /status: GREEN/)

    // A pointer that moves on (new data pushed elsewhere) is data drift, the data still absent.
    const pointer = readFileSync(join(clone, 'data/extra.csv.dvc'), 'utf8')
    writeFileSync(
      join(clone, 'data/extra.csv.dvc'),
      pointer.replace(/md5: [0-9a-f]{32}/, `md5: ${'0123456789'.repeat(4).slice(0, 32)}`),
    )
    const s = statusJson(clone, env)
    assert.equal(s.status, 1)
    assert.deepEqual(
      s.result.drift.map((d) => `${d.section}:${d.type}:${d.inputs?.join(',')}`),
      ['measurement-data:data:data/extra.csv (data)'],
    )

    // sei run fetches nothing: it says to pull.
    r = sei(['run'], {cwd: clone, env})
    assert.equal(r.status, 3, explain(r))
    assert.match(r.stderr, /dvc pull/)
    assert.match(r.stderr, /data\/extra\.csv \(pinned by data\/extra\.csv\.dvc\)/)
  })

  it("leaves a frozen stage's deps out, as dvc status; checks after reproducing that dvc.lock matches the tree", () => {
    const {dir, env} = greenRun()
    edit(dir, 'dvc.yaml', '  prep:\n', '  prep:\n    frozen: true\n')
    // Its deps leave the graph (dvc no longer looks at them): one run re-anchors, dvc repro reruns nothing.
    let r = sei(['run'], {cwd: dir, env})
    assert.equal(r.status, 0, explain(r))
    appendFileSync(join(dir, 'src/prep.py'), '# reviewed\n')
    assert.equal(statusJson(dir, env).result.fresh, true, 'a dep of a frozen stage is not an input, as for dvc status')
    assert.deepEqual(JSON.parse(dvc(dir, ['status', '--json'])), {})

    // Reproducing only `prep` (pipeline.targets) leaves train's record of src/train.py behind.
    edit(
      dir,
      'sei.yaml',
      'pipeline: {tool: dvc, metrics: metrics.json}',
      'pipeline: {tool: dvc, metrics: metrics.json, targets: [prep]}',
    )
    r = sei(['run'], {cwd: dir, env})
    assert.equal(r.status, 0, explain(r))
    appendFileSync(join(dir, 'src/train.py'), '# reviewed\n')
    const before = readFileSync(join(dir, 'sei.lock'), 'utf8')
    r = sei(['run'], {cwd: dir, env})
    assert.equal(r.status, 1, explain(r))
    assert.match(r.stderr, /after `dvc repro -- prep`, the workspace does not match the hashes dvc records/)
    assert.match(r.stderr, /src\/train\.py \(code\) differs from the md5 recorded in dvc\.lock/)
    assert.equal(readFileSync(join(dir, 'sei.lock'), 'utf8'), before, 'no evidence written')
  })
})

describe('a parameter treatment through params.yaml (real dvc)', {
  skip: !hasPythonEnv && 'no project Python env',
}, () => {
  it('reruns the stage and goes RED → GREEN with exactly one treatment event', () => {
    const dir = twoStageRepo({mitigate: false})
    const env = toolEnv()
    let r = sei(['run'], {cwd: dir, env})
    assert.equal(r.status, 1, explain(r))
    assert.match(r.stdout, /risk gate: RED/)
    git(dir, ['add', '-A'])
    git(dir, ['commit', '-q', '-m', 'run: V1 evidence (gate RED)'])

    edit(dir, 'params.yaml', 'mitigate: false', 'mitigate: true')
    git(dir, ['commit', '-q', '-am', 'treatment: mitigate'])
    const s = statusJson(dir, env)
    assert.deepEqual(
      s.result.drift.map((d) => `${d.section}:${d.type}:${d.inputs?.join(',')}`),
      ['measurement-model:B:params.yaml#train.mitigate (params)'],
    )

    r = sei(['run'], {cwd: dir, env})
    assert.equal(r.status, 0, explain(r))
    assert.doesNotMatch(r.stdout, /reproduced: nothing/)
    assert.match(r.stdout, /risk gate: GREEN/)
    const bundle = JSON.parse(readFileSync(join(dir, '.sei/bundle.json'), 'utf8'))
    assert.equal(bundle.treatment_events.length, 1, JSON.stringify(bundle.treatment_events))
    assert.equal(bundle.treatment_events[0].control_id, 'screen-recall')
    assert.equal(bundle.treatment_events[0].previous_value, 0.5)
    assert.equal(bundle.treatment_events[0].current_value, 1)
    assert.equal(sei(['status'], {cwd: dir, env}).status, 0)
  })
})
