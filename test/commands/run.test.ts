import assert from 'node:assert/strict'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {sei} from '../helpers/cli.js'
import {gitRepo} from '../helpers/git-repo.js'
import {pipelinesDir} from '../pipelines/repo.js'

function declared(pipelineLine: string): string {
  const files: Record<string, string> = {}
  for (const f of ['sei.yaml', 'params.yaml', 'src/evaluate.py', 'data/screening.csv', 'data/screening.croissant.json'])
    files[f] = readFileSync(join(pipelinesDir, 'common', f), 'utf8')
  files['sei.yaml'] += pipelineLine
  return gitRepo(files)
}

// Input errors are found before any tool runs or any file is written (exit 2, nothing on disk).
describe('sei run input errors', () => {
  const nothingWritten = (dir: string) => {
    assert.equal(existsSync(join(dir, 'sei.lock')), false)
    assert.equal(existsSync(join(dir, '.sei')), false)
    assert.equal(existsSync(join(dir, 'metrics.json')), false)
  }
  it('refuses a manifest without a pipeline: section', () => {
    const dir = declared('')
    const r = sei(['run'], {cwd: dir})
    assert.equal(r.status, 2, r.stderr)
    assert.match(r.stderr, /PIPELINE_MISSING/)
    // the file is named once, as the location
    assert.match(r.stderr, /PIPELINE_MISSING\): sei\.yaml(:\d+:\d+)? the manifest has no pipeline: section/)
    assert.doesNotMatch(r.stderr, /sei\.yaml sei\.yaml/)
    nothingWritten(dir)
  })
  it('refuses an unknown tool and misspelt tool options, located', () => {
    let dir = declared('pipeline: {tool: make, metrics: metrics.json}\n')
    let r = sei(['run'], {cwd: dir})
    assert.equal(r.status, 2, r.stderr)
    assert.match(r.stderr, /no reproducer for pipeline\.tool "make"/)
    nothingWritten(dir)
    dir = declared('pipeline: {tool: dagster, metrics: metrics.json, job: evaluate}\n')
    r = sei(['run'], {cwd: dir})
    assert.equal(r.status, 2, r.stderr)
    assert.match(r.stderr, /sei\.yaml:\d+:\d+ pipeline\.definitions: is required/)
    nothingWritten(dir)
  })
  it('refuses a metrics path outside the repository', () => {
    const dir = declared('pipeline: {tool: dvc, metrics: ../metrics.json}\n')
    const r = sei(['run'], {cwd: dir})
    assert.equal(r.status, 2, r.stderr)
    assert.match(r.stderr, /sei\.yaml:\d+:\d+ pipeline\.metrics: path "\.\.\/metrics\.json" leaves the repository/)
    nothingWritten(dir)
  })
})
