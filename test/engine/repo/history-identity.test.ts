import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import {existsSync, mkdirSync, realpathSync, writeFileSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {describe, it} from 'node:test'
import {findRepoRoot, historyIdentity} from '../../../src/engine/repo/index.js'
import {git, gitRepo, testDir} from '../../helpers/git-repo.js'

// Expected values come from git itself: `git rev-parse HEAD`, `--git-common-dir`, and sha256sum of the
// shallow file.

/** A repository with two commits on main (the first tagged `first`), found as sei finds it. */
function twoCommits(): string {
  const dir = gitRepo({'a.txt': 'a\n'})
  git(dir, ['tag', 'first'])
  git(dir, ['commit', '-q', '--allow-empty', '-m', 'second'])
  return findRepoRoot(dir)!
}

function gitHead(dir: string): {oid: string; commonDir: string} {
  const [oid, common] = git(dir, ['rev-parse', 'HEAD', '--git-common-dir']).trim().split('\n')
  return {oid, commonDir: realpathSync(resolve(dir, common))}
}

function sha256sum(file: string): string {
  return execFileSync('sha256sum', [file], {encoding: 'utf8'}).split(' ')[0]
}

describe('historyIdentity: HEAD read from git files, as git rev-parse HEAD', () => {
  it('a branch in a loose ref', () => {
    const root = twoCommits()
    assert.ok(existsSync(join(root, '.git', 'refs', 'heads', 'main')))
    assert.deepEqual(historyIdentity(root), {...gitHead(root), shallow: 'none'})
  })

  it('a branch in packed-refs only (git pack-refs --all)', () => {
    const root = twoCommits()
    git(root, ['pack-refs', '--all'])
    assert.ok(!existsSync(join(root, '.git', 'refs', 'heads', 'main')))
    assert.deepEqual(historyIdentity(root), {...gitHead(root), shallow: 'none'})
  })

  it('a detached HEAD, and a HEAD through a symbolic ref to a branch', () => {
    const root = twoCommits()
    git(root, ['checkout', '-q', '--detach', 'first'])
    assert.equal(historyIdentity(root)?.oid, gitHead(root).oid)
    git(root, ['checkout', '-q', 'main'])
    git(root, ['symbolic-ref', 'refs/heads/alias', 'refs/heads/main'])
    git(root, ['symbolic-ref', 'HEAD', 'refs/heads/alias'])
    assert.equal(historyIdentity(root)?.oid, gitHead(root).oid)
    assert.notEqual(gitHead(root).oid, git(root, ['rev-parse', 'first']).trim())
  })

  it("a linked worktree: its own HEAD, its main repository's common dir", () => {
    const main = twoCommits()
    const wt = join(testDir(), 'wt')
    git(main, ['worktree', 'add', '-q', '-b', 'side', wt, 'first'])
    const root = findRepoRoot(wt)!
    const id = historyIdentity(root)
    assert.deepEqual(id, {...gitHead(wt), shallow: 'none'})
    assert.equal(id?.commonDir, realpathSync(join(main, '.git')))
    assert.notEqual(id?.oid, gitHead(main).oid)
  })

  it('a shallow clone: the shallow file is part of the identity, until it is deepened', () => {
    const origin = twoCommits()
    const clone = join(testDir(), 'clone')
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${origin}`, clone])
    const root = findRepoRoot(clone)!
    const shallow = historyIdentity(root)
    assert.equal(shallow?.shallow, sha256sum(join(clone, '.git', 'shallow')))
    git(clone, ['fetch', '-q', '--unshallow'])
    const deep = historyIdentity(root)
    assert.equal(deep?.oid, shallow?.oid, 'the same HEAD')
    assert.equal(deep?.shallow, 'none')
  })

  const declines: [string, (root: string) => void][] = [
    ['replace refs (loose)', (r) => git(r, ['replace', 'HEAD', 'first'])],
    [
      'replace refs (packed)',
      (r) => {
        git(r, ['replace', 'HEAD', 'first'])
        git(r, ['pack-refs', '--all'])
      },
    ],
    ['info/grafts', (r) => writeFileSync(join(r, '.git', 'info', 'grafts'), '')],
    ['a reftable directory', (r) => mkdirSync(join(r, '.git', 'reftable'))],
    ['extensions.refStorage in the config', (r) => git(r, ['config', 'extensions.refStorage', 'reftable'])],
    ['HEAD that does not parse', (r) => writeFileSync(join(r, '.git', 'HEAD'), 'ref: nonsense\n')],
    ['a branch name outside the plain ASCII subset', (r) => git(r, ['checkout', '-q', '-b', 'grüße'])],
    [
      'HEAD on a per-worktree ref',
      (r) => {
        git(r, ['update-ref', 'refs/worktree/x', 'HEAD'])
        git(r, ['symbolic-ref', 'HEAD', 'refs/worktree/x'])
      },
    ],
  ]
  for (const [what, change] of declines) {
    it(`declines (git answers) with ${what}`, () => {
      const root = twoCommits()
      assert.ok(historyIdentity(root), 'read before the change')
      change(root)
      assert.equal(historyIdentity(root), undefined)
    })
  }

  it('declines with no commit yet (unborn HEAD), and with GIT_DIR or GIT_GRAFT_FILE set', () => {
    const unborn = findRepoRoot(gitRepo({}, {commit: false}))!
    assert.equal(historyIdentity(unborn), undefined)
    const root = twoCommits()
    for (const name of ['GIT_DIR', 'GIT_GRAFT_FILE']) {
      process.env[name] = join(root, '.git')
      try {
        assert.equal(historyIdentity(root), undefined, name)
      } finally {
        delete process.env[name]
      }
    }
    assert.ok(historyIdentity(root))
  })
})
