import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {SeiError} from '../../../src/engine/errors.js'
import {retirement} from '../../../src/engine/history/index.js'
import {findRepoRoot} from '../../../src/engine/repo/index.js'
import {git, gitRepo, testDir} from '../../helpers/git-repo.js'

const RETIRE = 'sei: system retired\n\nend of life\n\nSei-Retired-by: Board <board@example.org>'

/** A repository with one commit, found as sei finds it (so its git dir is known without git). */
function repo(): string {
  return findRepoRoot(gitRepo({'a.txt': 'a\n'}))!
}

function commit(root: string, message: string): string {
  git(root, ['commit', '-q', '--allow-empty', '-m', message])
  return git(root, ['rev-parse', 'HEAD']).trim()
}

/** Runs `fn` with no git on PATH: an answer that comes back came from the cache, not from git. */
async function withoutGit<T>(fn: () => Promise<T>): Promise<T> {
  const path = process.env.PATH
  process.env.PATH = testDir()
  try {
    return await fn()
  } finally {
    process.env.PATH = path
  }
}

describe('retirement, cached by HEAD', () => {
  it('answers from the cache while HEAD stays (no git), and sees a retire act made after it', async () => {
    const root = repo()
    const cacheDir = testDir()
    assert.equal(await retirement(root, {cacheDir}), undefined)
    assert.equal(await withoutGit(() => retirement(root, {cacheDir})), undefined, 'in service, from the cache')
    const sha = commit(root, RETIRE)
    const retired = await retirement(root, {cacheDir})
    assert.equal(retired?.commit, sha)
    assert.equal(retired?.by, 'Board <board@example.org>')
    assert.equal(retired?.reason, 'end of life')
    assert.deepEqual(await withoutGit(() => retirement(root, {cacheDir})), retired)
    assert.deepEqual(await retirement(root), retired, 'the same answer without a cache')
  })

  it('sees an amended or reset HEAD: a retire act amended away, a reset back before it and forward again', async () => {
    const root = repo()
    const cacheDir = testDir()
    const retiredAt = commit(root, RETIRE)
    assert.equal((await retirement(root, {cacheDir}))?.commit, retiredAt)
    git(root, ['commit', '-q', '--amend', '--allow-empty', '-m', 'just a note'])
    assert.equal(await retirement(root, {cacheDir}), undefined, 'amended away')
    git(root, ['reset', '-q', '--hard', retiredAt])
    assert.equal((await retirement(root, {cacheDir}))?.commit, retiredAt, 'reset to the retire act')
    git(root, ['reset', '-q', '--hard', 'HEAD~1'])
    assert.equal(await retirement(root, {cacheDir}), undefined, 'reset before it')
  })

  it('a shallow clone deepened under the same HEAD reads the history it now has', async () => {
    const origin = repo()
    commit(origin, RETIRE)
    commit(origin, 'after the retirement')
    const clone = join(testDir(), 'clone')
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${origin}`, clone])
    const root = findRepoRoot(clone)!
    const cacheDir = testDir()
    assert.equal(await retirement(root, {cacheDir}), undefined, 'the retire act is beyond the shallow boundary')
    git(clone, ['fetch', '-q', '--unshallow'])
    assert.equal((await retirement(root, {cacheDir}))?.by, 'Board <board@example.org>')
  })

  it('keeps one entry per repository, ignores a corrupt one, and writes nothing without a cache dir', async () => {
    const root = repo()
    const cacheDir = testDir()
    for (let i = 0; i < 3; i++) {
      commit(root, `commit ${i}`)
      await retirement(root, {cacheDir})
    }
    const entries = readdirSync(join(cacheDir, 'retirement'))
    assert.equal(entries.length, 1, entries.join(', '))
    const entry = join(cacheDir, 'retirement', entries[0])
    assert.equal(JSON.parse(readFileSync(entry, 'utf8')).oid, git(root, ['rev-parse', 'HEAD']).trim())
    // a torn entry, then one whose value is not a Retirement: both misses, answered by git and rewritten
    commit(root, RETIRE)
    await retirement(root, {cacheDir})
    for (const broken of ['{"format":1,', JSON.stringify({...JSON.parse(readFileSync(entry, 'utf8')), value: 7})]) {
      writeFileSync(entry, broken)
      assert.equal((await retirement(root, {cacheDir}))?.by, 'Board <board@example.org>')
      assert.equal(JSON.parse(readFileSync(entry, 'utf8')).value.by, 'Board <board@example.org>')
    }
    // without the cache dir option nothing is kept, not even in the CLI's default cache dir
    const none = testDir()
    const saved = process.env.SEI_CACHE_DIR
    process.env.SEI_CACHE_DIR = none
    try {
      await retirement(root)
    } finally {
      if (saved === undefined) delete process.env.SEI_CACHE_DIR
      else process.env.SEI_CACHE_DIR = saved
    }
    assert.deepEqual(readdirSync(none), [])
  })

  it('no commit yet is "in service"; git missing is TOOL_MISSING, never "in service"', async () => {
    const unborn = findRepoRoot(gitRepo({}, {commit: false}))!
    assert.equal(await retirement(unborn, {cacheDir: testDir()}), undefined)
    const root = repo()
    await withoutGit(() =>
      assert.rejects(
        retirement(root, {cacheDir: testDir()}),
        (e: SeiError) => e instanceof SeiError && e.code === 'TOOL_MISSING',
      ),
    )
  })
})
