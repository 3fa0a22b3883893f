import assert from 'node:assert/strict'
import {mkdtempSync, readdirSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, describe, it} from 'node:test'
import {readChanges, readMessages, readTimeline, withChanges} from '../../../src/engine/history/index.js'
import {git, gitRepo, testDir, writeTree} from '../../helpers/git-repo.js'

// The history reader parses git's log by position. The independent reference is git itself, asked
// one commit at a time (`git show -s`, `git diff-tree`), on a history with the shapes that break
// naive parsers: multi-paragraph and empty messages, trailers, a merge, unicode, a deleted bundle.

describe('history log reader', () => {
  const repo = gitRepo({'sei.yaml': 'a: 1\n', 'src/x.txt': 'x\n'})
  git(repo, [
    'commit',
    '-q',
    '--allow-empty',
    '-m',
    'sei: approval requested',
    '-m',
    'why: the recall fix\n\nsecond paragraph',
    '-m',
    'Sei-Approval-Requested-by: Ana Núñez <ana@example.org>',
  ])
  git(repo, ['commit', '-q', '--allow-empty', '--allow-empty-message', '-m', ''])
  git(repo, ['checkout', '-q', '-b', 'side'])
  writeTree(repo, {'.sei/bundle.json': '{"control_results": []}\n'})
  git(repo, ['add', '.'])
  git(repo, ['commit', '-q', '-m', 'run on a side branch'])
  git(repo, ['checkout', '-q', 'main'])
  writeTree(repo, {'src/x.txt': 'y\n'})
  git(repo, ['commit', '-q', '-am', 'work on main'])
  git(repo, ['merge', '-q', '--no-ff', 'side', '-m', 'merge side'])
  git(repo, ['rm', '-q', '.sei/bundle.json'])
  git(repo, ['commit', '-q', '-m', 'drop the bundle'])

  const notRepo = testDir()
  const tmp = mkdtempSync(join(tmpdir(), 'sei-log-tmp-'))
  const savedTmp = process.env.TMPDIR
  process.env.TMPDIR = tmp // git's output files go here, and must be gone afterwards
  after(() => {
    if (savedTmp === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = savedTmp
  })

  it('reads every commit, parents before children, with what git says of each', async () => {
    const commits = await readMessages(repo)
    const expected = git(repo, ['rev-list', '--reverse', '--topo-order', 'HEAD']).trim().split('\n')
    assert.deepEqual(
      commits.map((c) => c.sha),
      expected,
    )
    for (const c of commits) {
      const [parents, date, at, author] = git(repo, ['show', '-s', '--format=%P%n%aI%n%at%n%an <%ae>', c.sha]).split(
        '\n',
      )
      const body = git(repo, ['show', '-s', '--format=%B', c.sha]).replace(/\n$/, '') // show adds a newline
      assert.deepEqual(
        {parents: c.parents, date: c.date, time: c.time, author: c.author, body: c.body},
        {parents: parents ? parents.split(' ') : [], date, time: Number(at) * 1000, author, body},
        c.sha,
      )
      assert.equal(c.subject, body.split('\n')[0])
    }
    assert.equal(commits.filter((c) => c.parents.length === 2).length, 1, 'the merge')
    assert.ok(
      commits.some((c) => c.body === ''),
      'the empty message',
    )
    assert.ok(commits.some((c) => c.body.includes('Sei-Approval-Requested-by: Ana Núñez <ana@example.org>')))
  })

  it('names the changed watched paths with their new blobs, as git diff-tree does', async () => {
    const commits = withChanges(await readMessages(repo), await readChanges(repo, ['.sei/bundle.json', 'sei.yaml']))
    for (const c of commits.filter((x) => x.parents.length < 2)) {
      const raw = git(repo, [
        'diff-tree',
        '-r',
        '--root',
        '--no-renames',
        '--no-commit-id',
        '--no-abbrev',
        c.sha,
        '--',
        '.sei/bundle.json',
        'sei.yaml',
      ]).trim()
      const expected = raw ? raw.split('\n').map((l) => ({path: l.split('\t')[1], blob: l.split(' ')[3]})) : []
      assert.deepEqual(c.files, expected, c.subject)
    }
    const dropped = commits.find((c) => c.subject === 'drop the bundle')!
    assert.match(dropped.files[0].blob, /^0+$/, 'a deletion names no blob')
  })

  it('the timeline reads the bundle revision of the merged branch and skips the deletion', async () => {
    const t = await readTimeline(repo)
    assert.deepEqual(
      t.bundles.map((b) => b.commit.subject),
      ['run on a side branch'],
    )
    assert.deepEqual(t.bundles[0].bundle, {control_results: []})
    assert.deepEqual(
      t.manifests.map((m) => m.manifest),
      [{a: 1}],
    )
  })

  it('leaves no temporary file behind, also when git fails', async () => {
    await readTimeline(repo)
    await assert.rejects(readMessages(notRepo), /git log failed/)
    assert.deepEqual(readdirSync(tmp), [])
  })
})
