import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {isolatedEnv, sei} from '../helpers/cli.js'
import {git, gitRepo} from '../helpers/git-repo.js'
import {pipelinesDir} from '../pipelines/repo.js'

/** The screening system without any pipeline run (no tool needed: status never runs the pipeline). */
function declared(pipelineLine = 'pipeline: {tool: dvc, metrics: metrics.json, params: params.yaml}\n'): string {
  const files: Record<string, string> = {}
  for (const f of ['sei.yaml', 'params.yaml', 'src/evaluate.py', 'data/screening.csv', 'data/screening.croissant.json'])
    files[f] = readFileSync(join(pipelinesDir, 'common', f), 'utf8')
  files['sei.yaml'] += pipelineLine
  files['dvc.yaml'] = readFileSync(join(pipelinesDir, 'dvc', 'dvc.yaml'), 'utf8')
  return gitRepo(files)
}

describe('sei status', () => {
  it('is red (exit 1) and says so when nothing was ever run, naming the gate control without a value', () => {
    const dir = declared()
    const r = sei(['status'], {cwd: dir})
    assert.equal(r.status, 1, r.stderr)
    assert.match(r.stdout, /STALE \(never run: no lock\)/)
    // Nothing was measured: the controls line says so instead of claiming that they pass (issue 17).
    assert.match(r.stdout, /^controls: no evidence yet: run `sei run`$/m)
    assert.doesNotMatch(r.stdout, /all blocking controls pass/)
    assert.match(r.stdout, /FAIL screen-recall: — \(needs > 0\.8\) — no value/)
    const j = JSON.parse(sei(['status', '--json'], {cwd: dir}).stdout)
    assert.equal(j.status, 1)
    assert.equal(j.result.neverRun, true)
    assert.equal(j.result.green, false)
  })

  it('says RETIRED once withdrawn; a retire trailer on a commit that changes files does not count', () => {
    const dir = declared()
    writeFileSync(join(dir, 'notes.txt'), 'smuggled\n')
    git(dir, ['add', 'notes.txt'])
    git(dir, ['commit', '-q', '-m', 'notes\n\nSei-Retired-by: Mallory <m@example.org>'])
    let r = sei(['status'], {cwd: dir})
    assert.doesNotMatch(r.stdout, /RETIRED/)
    assert.match(r.stdout, /^status: RED$/m)
    assert.equal(sei(['retire', '--by', 'Board <board@example.org>'], {cwd: dir}).status, 0)
    r = sei(['status'], {cwd: dir})
    assert.equal(r.status, 1)
    assert.match(r.stdout, /^retired: withdrawn by Board <board@example\.org> on \d{4}-\d\d-\d\d \([0-9a-f]{7}\)$/m)
    assert.match(r.stdout, /^status: RETIRED \(a withdrawn system is never green\)$/m)
    assert.doesNotMatch(r.stdout, /^status: RED$/m)
  })

  it('never runs the pipeline (no metrics appear, no tool on PATH needed)', () => {
    const dir = declared()
    sei(['status'], {cwd: dir, env: isolatedEnv({PATH: '/usr/bin:/bin'})})
    assert.throws(() => readFileSync(join(dir, 'metrics.json')))
    assert.equal(git(dir, ['status', '--porcelain']), '')
  })

  it('reports a file that differs from its declared Croissant sha256 as data, exit 1 (not an input error)', () => {
    const dir = declared()
    const real = execFileSync('sha256sum', ['data/screening.csv'], {cwd: dir, encoding: 'utf8'}).split(' ')[0]
    const p = join(dir, 'data/screening.croissant.json')
    const desc = JSON.parse(readFileSync(p, 'utf8'))
    desc.distribution[0].sha256 = real
    writeFileSync(p, JSON.stringify(desc))
    assert.notEqual(sei(['status'], {cwd: dir}).status, 2, 'a matching digest is not an error')
    writeFileSync(
      join(dir, 'data/screening.csv'),
      readFileSync(join(dir, 'data/screening.csv'), 'utf8').replace('p0,0.95,1', 'p0,0.94,1'),
    )
    const r = sei(['status'], {cwd: dir})
    assert.equal(r.status, 1, r.stderr)
    assert.doesNotMatch(r.stderr, /DATA_DIGEST_MISMATCH/)
    assert.match(
      r.stdout,
      /^ {2}data\/screening\.csv \(data\) differs from the sha256 recorded in data\/screening\.croissant\.json$/m,
    )
  })

  it('refuses a manifest path that leaves the repository (exit 2)', () => {
    const dir = declared()
    writeFileSync(
      join(dir, 'sei.yaml'),
      readFileSync(join(dir, 'sei.yaml'), 'utf8').replace(
        'eval: {script: src/evaluate.py}',
        'eval: {script: ../../etc/passwd}',
      ),
    )
    const r = sei(['status'], {cwd: dir})
    assert.equal(r.status, 2, r.stderr)
    assert.match(r.stderr, /sei\.yaml:\d+:\d+ eval\.script: path "\.\.\/\.\.\/etc\/passwd" leaves the repository/)
  })

  it('reports pipeline options the tool plugin does not accept, located in sei.yaml (exit 2)', () => {
    const dir = declared('pipeline:\n  tool: mlflow\n  metrics: metrics.json\n  entry_pont: evaluate\n')
    const r = sei(['status'], {cwd: dir})
    assert.equal(r.status, 2, r.stderr)
    const line =
      readFileSync(join(dir, 'sei.yaml'), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('entry_pont')) + 1
    assert.match(r.stderr, new RegExp(`sei\\.yaml:${line}:15 pipeline\\.entry_pont: is not a known field`))
    assert.match(
      r.stderr,
      /backend, backend_config, entry_point, env_manager, experiment_name, parameters, tracking_uri/,
    )
  })

  it('names the available reproducers for an unknown pipeline.tool (exit 2)', () => {
    const r = sei(['status'], {cwd: declared('pipeline: {tool: airflow, metrics: metrics.json}\n')})
    assert.equal(r.status, 2, r.stderr)
    assert.match(r.stderr, /no reproducer for pipeline\.tool "airflow"; available: dagster, dvc, mlflow/)
  })
})
