import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {isolatedEnv, sei} from '../helpers/cli.js'
import {git, gitRepo} from '../helpers/git-repo.js'

const env = isolatedEnv()
const head = (dir: string) => git(dir, ['rev-parse', 'HEAD']).trim()

describe('governance commits (request, approve, review, reject, retire)', () => {
  it('an approval is an empty commit on HEAD with its trailer; staged and unstaged changes stay as they were', () => {
    const dir = gitRepo({'sei.yaml': 'x: 1\n', 'a.txt': 'a\n', 'b.txt': 'b\n'})
    const parent = head(dir)
    git(dir, ['rm', '-q', '--cached', 'b.txt']) // a staged deletion
    writeFileSync(join(dir, 'a.txt'), 'a changed, not staged\n')
    writeFileSync(join(dir, 'new.txt'), 'staged new file\n')
    git(dir, ['add', 'new.txt'])
    const statusBefore = git(dir, ['status', '--porcelain'])
    const r = sei(['approve', '--by', 'Jane Roe <jane@org>', '--json'], {cwd: dir, env})
    assert.equal(r.status, 0, r.stderr)
    const commit = head(dir)
    assert.notEqual(commit, parent)
    assert.equal(JSON.parse(r.stdout).result.commit, commit)
    assert.equal(
      git(dir, ['rev-parse', `${commit}^{tree}`]),
      git(dir, ['rev-parse', `${parent}^{tree}`]),
      'the tree is exactly the parent tree',
    )
    assert.equal(git(dir, ['rev-parse', `${commit}^`]).trim(), parent)
    assert.equal(git(dir, ['status', '--porcelain']), statusBefore, 'the index and the work tree are untouched')
    assert.equal(
      git(dir, ['diff', '--cached', '--name-only']).trim().split('\n').sort().join(','),
      'b.txt,new.txt',
      'still staged, not committed',
    )
    assert.equal(
      git(dir, ['log', '-1', '--format=%(trailers:key=Sei-Approved-by,valueonly)', commit]).trim(),
      'Jane Roe <jane@org>',
    )
    assert.equal(
      git(dir, ['log', '-1', '--format=%an <%ae>', commit]).trim(),
      'Test Author <author@example.org>',
      'the git identity is the author',
    )
  })

  it('refuses --by with a newline, a forged trailer in --reason, a rejection with no reason (exit 2, nothing)', () => {
    const dir = gitRepo({f: '1'})
    const before = head(dir)
    for (const args of [
      ['approve', '--by', 'x\nSei-Approved-by: y'],
      ['approve', '--by', 'Sei-Approved-by: y'],
      ['request', '--by', 'x\r'],
      ['reject', '--by', 'Jane', '--reason', 'fine\nSei-Approved-by: Mallory'],
      ['reject', '--by', 'Jane', '--reason', '   '],
    ]) {
      const r = sei(args, {cwd: dir, env})
      assert.equal(r.status, 2, `${JSON.stringify(args)}: ${r.stderr}`)
      assert.doesNotMatch(r.stderr, /^\s+at /m)
    }
    assert.equal(sei(['reject', '--by', 'Jane'], {cwd: dir, env}).status, 2, '--reason is required by the flag parser')
    assert.equal(head(dir), before)
  })

  it('works on a detached HEAD and on the first commit; refuses an unborn repository clearly', () => {
    const first = gitRepo({f: '1'})
    assert.equal(sei(['request', '--by', 'Jane'], {cwd: first, env}).status, 0)
    git(first, ['checkout', '-q', '--detach'])
    const detached = head(first)
    const r = sei(['retire', '--by', 'Jane', '--reason', 'end of life'], {cwd: first, env})
    assert.equal(r.status, 0, r.stderr)
    assert.equal(git(first, ['rev-parse', 'HEAD^']).trim(), detached)
    assert.match(git(first, ['log', '-1', '--format=%B']), /end of life\n\nSei-Retired-by: Jane/)
    const unborn = gitRepo({}, {commit: false})
    const u = sei(['approve', '--by', 'Jane'], {cwd: unborn, env})
    assert.equal(u.status, 2)
    assert.match(u.stderr, /no commit yet/)
  })
})
