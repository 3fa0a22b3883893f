import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {SeiError} from '../../../src/engine/errors.js'
import {git, gitAnswer, gitAsync, gitFlag, readBlobs} from '../../../src/engine/git/index.js'
import {findRepoRoot, gitDirOf, headCommit} from '../../../src/engine/repo/index.js'
import {git as gitCli, gitRepo, testDir} from '../../helpers/git-repo.js'

// What each failure of git becomes: the code, the exit and an action (the one mapping in src/engine/git).
function failure(fn: () => unknown): SeiError {
  try {
    fn()
  } catch (e) {
    assert.ok(e instanceof SeiError, String(e))
    return e
  }
  assert.fail('expected a SeiError')
}

describe('git runner', () => {
  it('returns stdout; git refusing is GIT_FAILED (exit 3) with git’s message and an action', () => {
    const repo = gitRepo({'a.txt': 'a\n'})
    assert.equal(git(repo, ['rev-parse', '--is-inside-work-tree']), 'true\n')
    const e = failure(() => git(repo, ['rev-parse', '--verify', 'no-such-branch']))
    assert.equal(e.code, 'GIT_FAILED')
    assert.equal(e.exit, 3)
    assert.match(e.message, /^git rev-parse failed: \S/) // git's own message follows (in the user's language)
    assert.ok((e.actions ?? []).length > 0)
  })

  it('gitAnswer: undefined for a "no" (unset key, no commit), the trimmed answer otherwise', () => {
    const repo = gitRepo({}, {commit: false})
    assert.equal(gitAnswer(repo, ['config', 'sei.no-such-key']), undefined)
    assert.equal(headCommit(repo), undefined)
    gitCli(repo, ['config', 'sei.flag', 'yes'])
    assert.equal(gitAnswer(repo, ['config', 'sei.flag']), 'yes')
    assert.equal(gitFlag(repo, 'sei.flag'), true)
    assert.equal(gitFlag(repo, 'sei.unset'), false)
  })

  it('git not on PATH is TOOL_MISSING (exit 3) with an action, sync and async alike', async () => {
    const dir = testDir()
    const path = process.env.PATH
    process.env.PATH = dir
    try {
      for (const e of [failure(() => git(dir, ['status'])), failure(() => findRepoRoot(dir))]) {
        assert.equal(e.code, 'TOOL_MISSING')
        assert.equal(e.exit, 3)
        assert.match(e.message, /git is not installed or not on PATH/)
        assert.ok((e.actions ?? []).length > 0)
      }
      await assert.rejects(gitAsync(dir, ['status']), (e: SeiError) => e.code === 'TOOL_MISSING')
    } finally {
      process.env.PATH = path
    }
  })

  it('outside a repository: findRepoRoot is undefined, gitDirOf is GIT_FAILED', () => {
    const dir = testDir()
    assert.equal(findRepoRoot(dir), undefined)
    assert.equal(failure(() => gitDirOf(dir)).code, 'GIT_FAILED')
  })

  it('readBlobs reads committed bytes in one process and maps a missing object to undefined', async () => {
    const repo = gitRepo({'a.txt': 'alpha\n', 'b.txt': 'beta\n'})
    const blobs = readBlobs(repo, ['HEAD:a.txt', 'HEAD:b.txt', 'HEAD:none.txt'])
    assert.equal(blobs.get('HEAD:a.txt')?.toString('utf8'), 'alpha\n')
    assert.equal(blobs.get('HEAD:b.txt')?.toString('utf8'), 'beta\n')
    assert.equal(blobs.get('HEAD:none.txt'), undefined)
    assert.equal((await gitAsync(repo, ['show', 'HEAD:a.txt'])).toString(), 'alpha\n')
  })
})
