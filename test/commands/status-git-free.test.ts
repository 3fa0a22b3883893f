import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import {chmodSync, readFileSync, writeFileSync} from 'node:fs'
import {delimiter, join} from 'node:path'
import {describe, it} from 'node:test'
import {isolatedEnv, sei} from '../helpers/cli.js'
import {git, gitRepo, testDir} from '../helpers/git-repo.js'
import {pipelinesDir} from '../pipelines/repo.js'

// Issue 14: `sei status` is the CI gate, and on a repository that has not changed since the last status
// it starts no git process at all (the repository found from its files, the retirement answer cached by
// HEAD). A `git` earlier on PATH logs every start, then runs the real git.

/** The screening system, declared and committed, never run (status needs no pipeline tool). */
function declared(): string {
  const files: Record<string, string> = {}
  for (const f of ['sei.yaml', 'params.yaml', 'src/evaluate.py', 'data/screening.csv', 'data/screening.croissant.json'])
    files[f] = readFileSync(join(pipelinesDir, 'common', f), 'utf8')
  files['sei.yaml'] += 'pipeline: {tool: dvc, metrics: metrics.json, params: params.yaml}\n'
  files['dvc.yaml'] = readFileSync(join(pipelinesDir, 'dvc', 'dvc.yaml'), 'utf8')
  return gitRepo(files)
}

/** An environment whose PATH starts with a logging `git`, and that log (one line of arguments per start). */
function loggedGit(): {env: Record<string, string | undefined>; log: string} {
  const realGit = execFileSync('which', ['git'], {encoding: 'utf8'}).trim()
  const bin = testDir()
  const log = join(bin, 'git.log')
  writeFileSync(log, '')
  const script = join(bin, 'git')
  writeFileSync(script, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${realGit}' "$@"\n`)
  chmodSync(script, 0o755)
  return {env: isolatedEnv({PATH: `${bin}${delimiter}${process.env.PATH}`}), log}
}

/** The git processes logged since the last call (and the log emptied). */
function started(log: string): string[] {
  const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean)
  writeFileSync(log, '')
  return lines
}

describe('sei status without git processes', () => {
  it('starts no git on an unchanged repository once its cache is warm, with the same output', () => {
    const dir = declared()
    const {env, log} = loggedGit()
    const cold = sei(['status'], {cwd: dir, env})
    assert.equal(cold.status, 1, cold.stderr)
    const first = started(log).join('\n')
    // the logging git works, and even a cold status finds the repository without git
    assert.match(first, /^log /m)
    assert.doesNotMatch(first, /^rev-parse/m)
    const warm = sei(['status'], {cwd: dir, env})
    assert.deepEqual(started(log), [])
    assert.deepEqual(warm, cold)
    const json = sei(['status', '--json'], {cwd: dir, env})
    assert.deepEqual(started(log), [])
    assert.equal(JSON.parse(json.stdout).result.retired, undefined)
  })

  it('sees a retirement made after the cached answer, and a HEAD amended or reset since', () => {
    const dir = declared()
    const {env, log} = loggedGit()
    assert.doesNotMatch(sei(['status'], {cwd: dir, env}).stdout, /RETIRED/)
    assert.equal(sei(['retire', '--by', 'Board <board@example.org>'], {cwd: dir, env}).status, 0)
    const retireCommit = git(dir, ['rev-parse', 'HEAD']).trim()
    let r = sei(['status'], {cwd: dir, env})
    assert.equal(r.status, 1)
    assert.match(r.stdout, /^status: RETIRED \(a withdrawn system is never green\)$/m)
    started(log)
    assert.match(sei(['status'], {cwd: dir, env}).stdout, /^status: RETIRED/m)
    assert.deepEqual(started(log), [], 'the retirement is answered from the cache')
    // the retire act amended into an ordinary note: HEAD moved, the cached retirement no longer holds
    git(dir, ['commit', '-q', '--amend', '--allow-empty', '-m', 'a note'])
    r = sei(['status'], {cwd: dir, env})
    assert.doesNotMatch(r.stdout, /RETIRED/)
    assert.match(r.stdout, /^status: RED$/m)
    git(dir, ['reset', '-q', '--hard', retireCommit])
    assert.match(sei(['status'], {cwd: dir, env}).stdout, /^status: RETIRED/m)
    git(dir, ['reset', '-q', '--hard', 'HEAD~1'])
    assert.match(sei(['status'], {cwd: dir, env}).stdout, /^status: RED$/m)
  })
})
