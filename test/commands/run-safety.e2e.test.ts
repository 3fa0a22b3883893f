import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {createHash} from 'node:crypto'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {binRun, sei} from '../helpers/cli.js'
import {git} from '../helpers/git-repo.js'
import {hasPythonEnv} from '../helpers/python.js'
import {edit, screeningRepo} from '../pipelines/repo.js'
import {explain, statusJson, toolEnv} from './run-gates.js'

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')
const gitDir = (dir: string) => git(dir, ['rev-parse', '--absolute-git-dir']).trim()

/** mulberry32: a tiny seeded PRNG so a failing kill schedule can be replayed. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The files on disk are one consistent state: the lock anchors exactly this bundle and signature. */
function assertConsistent(dir: string, label: string): string | undefined {
  if (!existsSync(join(dir, 'sei.lock'))) {
    assert.equal(existsSync(join(dir, '.sei/bundle.json')), false, `${label}: a bundle without a lock`)
    return undefined
  }
  const lock = JSON.parse(readFileSync(join(dir, 'sei.lock'), 'utf8'))
  const bundle = readFileSync(join(dir, '.sei/bundle.json'))
  const sig = readFileSync(join(dir, '.sei/bundle.json.sig'), 'utf8')
  assert.equal(lock.bundle_sha256, `sha256:${sha(bundle)}`, `${label}: lock does not anchor bundle.json`)
  assert.equal(lock.signed_bundle_digest, sig, `${label}: lock does not anchor bundle.json.sig`)
  const statement = JSON.parse(Buffer.from(JSON.parse(sig).payload, 'base64').toString('utf8'))
  assert.equal(statement.subject[0].digest.sha256, sha(bundle), `${label}: signature names other bytes`)
  return sha(bundle)
}

describe('sei run safety', {skip: !hasPythonEnv && 'no project Python env'}, () => {
  it("a failing pipeline exits 4 (not 1) with the tool's message, writes no bundle, leaves the lock untouched", () => {
    const dir = screeningRepo('dvc')
    const env = toolEnv()
    let r = sei(['run'], {cwd: dir, env})
    assert.equal(r.status, 1, explain(r))
    const lock = readFileSync(join(dir, 'sei.lock'))
    const bundle = readFileSync(join(dir, '.sei/bundle.json'))
    writeFileSync(join(dir, 'src/evaluate.py'), 'raise SystemExit("evaluation exploded on purpose")\n')
    r = sei(['run'], {cwd: dir, env})
    assert.equal(r.status, 4, explain(r))
    assert.match(r.stderr, /REPRODUCE_FAILED/)
    assert.match(r.stderr, /evaluation exploded on purpose/)
    assert.deepEqual(readFileSync(join(dir, 'sei.lock')), lock)
    assert.deepEqual(readFileSync(join(dir, '.sei/bundle.json')), bundle)
  })

  it('a second concurrent run exits 3 with a clear message; the lock frees itself when its holder dies', async () => {
    const dir = screeningRepo('dvc')
    const env = toolEnv()
    const lockPath = join(gitDir(dir), 'sei-run.lock')
    writeFileSync(lockPath, '')
    // Another holder of the flock (as a running `sei run` would be): flock(1) holding it while it sleeps.
    const holder = spawn('flock', ['--no-fork', '--exclusive', lockPath, 'sleep', '60'], {stdio: 'ignore'})
    await new Promise((res) => setTimeout(res, 300))
    writeFileSync(lockPath, `${holder.pid}\n`)
    let r = sei(['run'], {cwd: dir, env})
    assert.equal(r.status, 3, explain(r))
    assert.match(r.stderr, /RUN_IN_PROGRESS/)
    assert.match(r.stderr, /another sei run \(pid \d+\) is running/)
    assert.equal(existsSync(join(dir, 'sei.lock')), false)
    const gone = new Promise((res) => holder.on('exit', res))
    process.kill(holder.pid!, 'SIGKILL')
    await gone
    r = sei(['run'], {cwd: dir, env})
    assert.equal(r.status, 1, explain(r)) // red gate, but it ran
  })

  it('kill -9 at 20+ seeded random moments always leaves the previous or the new consistent state', async () => {
    const seed = Number(process.env.SEI_KILL_SEED ?? 20261123)
    const rand = prng(seed)
    const dir = screeningRepo('dvc')
    const env = toolEnv()
    // Every run measures something new, so old and new evidence differ.
    edit(dir, 'src/evaluate.py', 'fpr = fp / len(negatives)', 'import random\nfpr = round(random.random() * 0.4, 6)')
    git(dir, ['commit', '-qam', 'noisy fpr'])
    const t0 = Date.now()
    let r = sei(['run', '--force'], {cwd: dir, env})
    const full = Date.now() - t0
    assert.equal(r.status, 1, explain(r))
    let last = assertConsistent(dir, 'first run')
    const seen = new Set<string>()
    for (let i = 0; i < 22; i++) {
      // Spread over the whole run and a little beyond (a run under load takes longer than the first).
      const delay = Math.floor(rand() * full * 1.6)
      const child = spawn(process.execPath, [binRun, 'run', '--force'], {
        cwd: dir,
        env: env as NodeJS.ProcessEnv,
        stdio: 'ignore',
        detached: true,
      })
      const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)))
      await new Promise((res) => setTimeout(res, delay))
      try {
        process.kill(-child.pid!, 'SIGKILL') // the whole group: sei and the tool it runs
      } catch {
        // already finished
      }
      await exited
      const label = `seed ${seed} kill #${i} at ${delay} ms`
      const status = statusJson(dir, env) // also finishes an interrupted write (roll forward) or discards it
      assert.deepEqual(status.result.evidence, [], `${label}: ${JSON.stringify(status.result)}`)
      const now = assertConsistent(dir, label)
      if (now !== last) seen.add('new')
      else seen.add('old')
      last = now
      const v = sei(['verify'], {cwd: dir, env})
      assert.equal(v.status, 0, `${label}: ${explain(v)}`)
    }
    // The schedule must exercise both outcomes, else the test proved nothing.
    assert.deepEqual([...seen].sort(), ['new', 'old'], `seed ${seed}: outcomes ${[...seen]}`)
    r = sei(['run'], {cwd: dir, env})
    assert.notEqual(r.status, 3, explain(r))
  })
})
