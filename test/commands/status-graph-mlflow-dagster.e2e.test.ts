import assert from 'node:assert/strict'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {sei} from '../helpers/cli.js'
import {git} from '../helpers/git-repo.js'
import {hasPythonEnv} from '../helpers/python.js'
import {edit, screeningRepo, type Tool} from '../pipelines/repo.js'
import {explain, toolEnv} from './run-gates.js'

// `sei status` judged from the reproducers' input graphs (issue 14): sei.lock per-input digests, drift
// from Reproducer.inputs of MLflow and Dagster.

/**
 * The tiny screening system on one tool, treated (threshold 0.3), after `prepare` and one green
 * `sei run` whose evidence is committed.
 */
function greenRepo(tool: Tool, prepare: (dir: string) => void): {dir: string; env: Record<string, string | undefined>} {
  const dir = screeningRepo(tool)
  const env = toolEnv()
  edit(dir, 'params.yaml', /threshold: 0\.7/, 'threshold: 0.3')
  prepare(dir)
  git(dir, ['add', '-A'])
  git(dir, ['commit', '-q', '-m', 'treat: threshold 0.3, helper module'])
  const r = sei(['run'], {cwd: dir, env})
  assert.equal(r.status, 0, explain(r))
  git(dir, ['add', '-A'])
  git(dir, ['commit', '-q', '-m', 'evidence'])
  const s = sei(['status'], {cwd: dir, env})
  assert.equal(s.status, 0, explain(s))
  return {dir, env}
}

describe('sei status agrees with the MLflow input graph', {skip: !hasPythonEnv && 'no project Python env'}, () => {
  it('a changed parameter value or imported module is stale, naming the input; an MLproject comment is not', () => {
    const {dir, env} = greenRepo('mlflow', (d) => {
      // `python src/evaluate.py` finds src/screen_util.py in the script's directory.
      writeFileSync(join(d, 'src/screen_util.py'), 'LABEL = "label"\n')
      edit(d, 'src/evaluate.py', /^import csv$/m, 'import csv\n\nimport screen_util  # noqa: F401')
      writeFileSync(
        join(d, 'MLproject'),
        readFileSync(join(d, 'MLproject'), 'utf8').replace(
          '    command:',
          '    parameters:\n      note: {type: string, default: plain}\n    command:',
        ),
      )
    })
    const status = () => sei(['status'], {cwd: dir, env})
    const original = readFileSync(join(dir, 'MLproject'), 'utf8')
    writeFileSync(join(dir, 'MLproject'), `# a comment mlflow ignores\n${original}`)
    let r = status()
    assert.equal(r.status, 0, explain(r))
    writeFileSync(join(dir, 'MLproject'), original.replace('default: plain', 'default: treated'))
    r = status()
    assert.equal(r.status, 1, explain(r))
    assert.match(r.stdout, /MLproject/)
    assert.match(r.stdout, /note/)
    writeFileSync(join(dir, 'MLproject'), original)
    assert.equal(status().status, 0)
    writeFileSync(join(dir, 'src/screen_util.py'), 'LABEL = "label"  # edited\n')
    r = status()
    assert.equal(r.status, 1, explain(r))
    assert.match(r.stdout, /src\/screen_util\.py/)
  })
})

describe('sei status agrees with the Dagster input graph', {skip: !hasPythonEnv && 'no project Python env'}, () => {
  it('an edit of a module the definitions import is stale, naming it', () => {
    const {dir, env} = greenRepo('dagster', (d) => {
      writeFileSync(join(d, 'defs_util.py'), 'SCRIPT = "src/evaluate.py"\n')
      edit(d, 'defs.py', /^import runpy$/m, 'import runpy\n\nimport defs_util  # noqa: F401')
    })
    writeFileSync(join(dir, 'defs_util.py'), 'SCRIPT = "src/evaluate.py"  # edited\n')
    let r = sei(['status'], {cwd: dir, env})
    assert.equal(r.status, 1, explain(r))
    assert.match(r.stdout, /defs_util\.py/)
    git(dir, ['checkout', '--', 'defs_util.py'])
    assert.equal(sei(['status'], {cwd: dir, env}).status, 0)
    // The script the asset runs (runpy.run_path literal) is code too.
    edit(dir, 'src/evaluate.py', /^import csv$/m, 'import csv  # edited')
    r = sei(['status'], {cwd: dir, env})
    assert.equal(r.status, 1, explain(r))
    assert.match(r.stdout, /src\/evaluate\.py/)
  })
})
