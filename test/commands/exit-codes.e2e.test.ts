import assert from 'node:assert/strict'
import {mkdtempSync, symlinkSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {sei} from '../helpers/cli.js'
import {gitRepo} from '../helpers/git-repo.js'
import {hasPythonEnv} from '../helpers/python.js'
import {screeningRepo} from '../pipelines/repo.js'
import {explain, toolEnv} from './run-gates.js'

/** A PATH holding only the named system tools (symlinked), so the others are "not installed". */
function pathWith(...tools: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'sei-path-'))
  for (const t of tools) symlinkSync(`/usr/bin/${t}`, join(dir, t))
  return dir
}

describe('exit codes as documented', () => {
  it('git not on PATH is exit 3 naming git, not "not a git repository"', () => {
    const dir = gitRepo({'README.md': 'x'})
    for (const cmd of [['status'], ['verify'], ['run'], ['compile']]) {
      const r = sei(cmd, {cwd: dir, env: {...toolEnv(), PATH: pathWith()}})
      assert.equal(r.status, 3, `${cmd}: ${explain(r)}`)
      assert.match(r.stderr, /TOOL_MISSING\): git is not installed or not on PATH/, cmd.join(' '))
    }
  })
  for (const tool of ['dvc', 'mlflow', 'dagster'] as const) {
    it(`${tool} not on PATH is exit 3 naming ${tool}; nothing written`, {
      skip: !hasPythonEnv && 'no project Python env',
    }, () => {
      const dir = screeningRepo(tool)
      const r = sei(['run'], {cwd: dir, env: {...toolEnv(), PATH: pathWith('git')}})
      assert.equal(r.status, 3, explain(r))
      assert.match(r.stderr, new RegExp(`TOOL_MISSING\\): ${tool} is not installed or not on PATH`))
      assert.doesNotMatch(r.stderr, /^\s+at /m)
    })
  }
})
