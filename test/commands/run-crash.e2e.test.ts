import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {existsSync, mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {binRun, sei} from '../helpers/cli.js'
import {git} from '../helpers/git-repo.js'
import {hasPythonEnv} from '../helpers/python.js'
import {edit, screeningRepo} from '../pipelines/repo.js'
import {explain, toolEnv} from './run-gates.js'

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')
const hasStrace = spawnSync('strace', ['-V']).status === 0
const gitDir = (dir: string) => git(dir, ['rev-parse', '--absolute-git-dir']).trim()

type Snapshot = {bundle: string; sig: string; lock: string}
const snapshot = (dir: string): Snapshot => ({
  bundle: sha(readFileSync(join(dir, '.sei/bundle.json'))),
  sig: sha(readFileSync(join(dir, '.sei/bundle.json.sig'))),
  lock: sha(readFileSync(join(dir, 'sei.lock'))),
})

// strace's fault injection kills `sei run` on entering its Nth rename(2) (`when=N`, counted on sei's main
// thread, where the evidence moves happen), for every N up to the last: among them the kill between
// the move of bundle.json and that of its signature, which used to make `sei verify` say INVÁLIDA.
describe('a kill between two renames of the evidence write', {
  skip: (!hasPythonEnv && 'no project Python env') || (!hasStrace && 'no strace (apt-get install strace)'),
}, () => {
  it('verify (first) and status complete the interrupted write: never INVÁLIDA, always the old or the new pair', () => {
    const dir = screeningRepo('dvc')
    const env = toolEnv()
    // Every run measures something new, so the old and the new evidence differ.
    edit(dir, 'src/evaluate.py', 'fpr = fp / len(negatives)', 'import random\nfpr = round(random.random() * 0.4, 6)')
    git(dir, ['commit', '-qam', 'noisy fpr'])
    const r = sei(['run', '--force'], {cwd: dir, env})
    assert.equal(r.status, 1, explain(r))
    // How many renames a whole run makes on its main thread (nothing killed).
    const trace = join(mkdtempSync(join(tmpdir(), 'sei-strace-')), 'trace')
    const count = spawnSync(
      'strace',
      ['-o', trace, '-qq', '-e', 'trace=rename', process.execPath, binRun, 'run', '--force'],
      {cwd: dir, env: env as NodeJS.ProcessEnv, encoding: 'utf8'},
    )
    const renames = readFileSync(trace, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('rename(')).length
    assert.ok(renames >= 4, `renames seen: ${renames}\n${count.stderr}`)
    let halfStates = 0
    for (let n = 1; n <= renames; n++) {
      const before = snapshot(dir)
      const killed = spawnSync(
        'strace',
        [
          '-o',
          '/dev/null',
          '-e',
          'trace=rename',
          '-e',
          `inject=rename:signal=KILL:when=${n}`,
          process.execPath,
          binRun,
          'run',
          '--force',
        ],
        {cwd: dir, env: env as NodeJS.ProcessEnv, encoding: 'utf8'},
      )
      const label = `kill on rename #${n} of ${renames}`
      assert.notEqual(killed.status, 0, `${label}: the run was not killed\n${killed.stderr}`)
      const after = snapshot(dir)
      // A half state on disk: the bundle moved, its signature not yet (what the bug showed to verify).
      const half = after.bundle !== before.bundle && after.sig === before.sig
      if (half) {
        halfStates++
        assert.equal(
          existsSync(join(gitDir(dir), 'sei-pending', 'COMMIT')),
          true,
          `${label}: half state without a COMMIT`,
        )
      }
      const v = sei(['verify'], {cwd: dir, env})
      assert.equal(v.status, 0, `${label}: ${explain(v)}`)
      assert.match(v.stdout, /firma VÁLIDA/, label)
      const s = sei(['status', '--json'], {cwd: dir, env})
      assert.deepEqual(JSON.parse(s.stdout).result.evidence, [], `${label}: ${s.stdout}`)
      const settled = snapshot(dir)
      const lock = JSON.parse(readFileSync(join(dir, 'sei.lock'), 'utf8'))
      assert.equal(lock.bundle_sha256, `sha256:${settled.bundle}`, `${label}: the lock anchors the bundle`)
      assert.equal(sha(Buffer.from(lock.signed_bundle_digest)), settled.sig, `${label}: the lock anchors the signature`)
      assert.ok(half ? settled.sig !== before.sig : true, `${label}: a half write is completed forward`)
    }
    // Else the schedule never hit the window and proved nothing.
    assert.ok(halfStates >= 1, `no kill landed between the bundle's and the signature's rename (${renames} renames)`)
  })
})
