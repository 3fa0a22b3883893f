import assert from 'node:assert/strict'
import {spawn, spawnSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {parse} from 'yaml'
import {FAMILIES, type Manifest} from '../../../src/engine/manifest/index.js'
import {acquireRunLock, tryRunLock} from '../../../src/engine/run-lock/index.js'
import {checkAnchor} from '../../../src/engine/pipeline/anchor.js'
import {gateRows} from '../../../src/engine/pipeline/gate.js'
import {validatePipelineOptions} from '../../../src/engine/pipeline/options.js'
import {recoverPendingWrite, settlePendingWrite, stagingDir} from '../../../src/engine/run-lock/index.js'
import {gitDirOf} from '../../../src/engine/repo/index.js'
import {git, gitRepo, testDir} from '../../helpers/git-repo.js'
import {fileVersions} from '../../helpers/fixtures.js'

const sei = FAMILIES[0]
const deadPid = () =>
  Number(spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], {encoding: 'utf8'}).stdout.trim())

describe('pipeline options', () => {
  const schema = {
    type: 'object',
    required: ['definitions'],
    properties: {definitions: {type: 'string', minLength: 1}, job: {type: 'string'}},
  }
  const text = 'apiVersion: x\npipeline:\n  tool: dagster\n  metrics: m.json\n  definitions: 3\n  jbo: evaluate\n'
  it('reports every problem located at file:line:col, with the accepted fields', async () => {
    await assert.rejects(
      validatePipelineOptions(parse(text).pipeline, schema, 'sei.yaml', text),
      (e: {code: string; exit: number; problems: string[]; actions: string[]}) => {
        assert.equal(e.code, 'PIPELINE_OPTIONS_INVALID')
        assert.equal(e.exit, 2)
        assert.deepEqual(e.problems, [
          'sei.yaml:5:16 pipeline.definitions: expected string',
          'sei.yaml:6:8 pipeline.jbo: is not a known field',
        ])
        assert.match(e.actions[0], /definitions, job/)
        return true
      },
    )
  })
  it('accepts valid options and reports a missing required field', async () => {
    await validatePipelineOptions(
      {tool: 'dagster', metrics: 'm', definitions: 'defs.py', job: 'j'},
      schema,
      'sei.yaml',
      '',
    )
    await assert.rejects(
      validatePipelineOptions(
        {tool: 'dagster', metrics: 'm'},
        schema,
        'sei.yaml',
        'pipeline: {tool: dagster, metrics: m}\n',
      ),
      /problem/,
    )
  })
})

const runLockModule = join(import.meta.dirname, '../../../src/engine/run-lock/run-lock.js')
const procState = (pid: number) => {
  try {
    return /^\d+ \(.*\) (\S)/s.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1]
  } catch {
    return undefined
  }
}

describe('run lock', () => {
  it('excludes a second holder while the first holds it, and is released', () => {
    const dir = gitRepo({a: 'a'})
    const release = acquireRunLock(dir)
    assert.throws(
      () => acquireRunLock(dir),
      (e: {code: string; message: string; exit: number}) =>
        e.code === 'RUN_IN_PROGRESS' && e.exit === 3 && e.message.includes(`pid ${process.pid}`),
    )
    assert.equal(tryRunLock(dir), undefined)
    release()
    acquireRunLock(dir)()
  })
  it('a pid written in the lock file is no lock: only a live holder of the flock is', () => {
    const dir = gitRepo({a: 'a'})
    writeFileSync(join(git(dir, ['rev-parse', '--absolute-git-dir']).trim(), 'sei-run.lock'), `${process.pid}\n`)
    acquireRunLock(dir)()
    writeFileSync(join(git(dir, ['rev-parse', '--absolute-git-dir']).trim(), 'sei-run.lock'), `${deadPid()}\n`)
    acquireRunLock(dir)()
  })
  it('frees itself the moment its holder is killed, while the holder is still an unreaped zombie', {
    skip: !existsSync('/proc/self/stat') && 'no /proc',
  }, async () => {
    const dir = gitRepo({a: 'a'})
    const marker = join(dir, 'locked')
    // The holder's parent is `sleep`, which never reaps it: after kill -9 it stays a zombie.
    const script =
      `import(${JSON.stringify(runLockModule)}).then((m) => { ` +
      `m.acquireRunLock(${JSON.stringify(dir)}); const fs = require('node:fs'); ` +
      `fs.writeFileSync(${JSON.stringify(`${marker}.tmp`)}, String(process.pid)); ` +
      `fs.renameSync(${JSON.stringify(`${marker}.tmp`)}, ${JSON.stringify(marker)}); setInterval(() => {}, 1000) })`
    const parent = spawn('sh', ['-c', `"${process.execPath}" -e "$1" & exec sleep 60`, 'sh', script], {stdio: 'ignore'})
    try {
      for (let i = 0; i < 500 && !existsSync(marker); i++) await new Promise((r) => setTimeout(r, 20))
      const holder = Number(readFileSync(marker, 'utf8'))
      assert.ok(Number.isInteger(holder) && holder > 1, `holder pid ${holder}`)
      assert.throws(() => acquireRunLock(dir), {code: 'RUN_IN_PROGRESS'})
      process.kill(holder, 'SIGKILL')
      for (let i = 0; i < 250 && procState(holder) !== 'Z'; i++) await new Promise((r) => setTimeout(r, 20))
      assert.equal(procState(holder), 'Z', 'the killed holder is a zombie (its parent does not reap it)')
      // The leader shows Z while Node's other threads finish exiting (a few ms); then the kernel drops
      // the lock, with the zombie still unreaped (a pid probe would call it alive for a minute here).
      let release: (() => void) | undefined
      for (let i = 0; i < 50 && !release; i++) {
        release = tryRunLock(dir)
        if (!release) await new Promise((r) => setTimeout(r, 10))
      }
      assert.ok(release, 'the lock is free within 0.5 s of the kill')
      release()
      assert.equal(procState(holder), 'Z', 'still an unreaped zombie')
    } finally {
      parent.kill('SIGKILL')
    }
  })
})

describe('run lock without flock(1) (macOS): a pid file that knows dead and zombie holders', () => {
  const withoutFlock = (dir: string, f: () => void) => {
    gitDirOf(dir) // git is needed (and asked once) for the git dir; flock(1) is what goes missing
    const path = process.env.PATH
    process.env.PATH = testDir()
    try {
      f()
    } finally {
      process.env.PATH = path
    }
  }
  it('excludes a live holder, takes over a dead one', () => {
    const dir = gitRepo({a: 'a'})
    const pidFile = join(git(dir, ['rev-parse', '--absolute-git-dir']).trim(), 'sei-run.pid')
    withoutFlock(dir, () => {
      const release = acquireRunLock(dir)
      assert.equal(readFileSync(pidFile, 'utf8'), `${process.pid}\n`)
      assert.throws(() => acquireRunLock(dir), {code: 'RUN_IN_PROGRESS'})
      release()
      assert.equal(existsSync(pidFile), false)
      writeFileSync(pidFile, `${deadPid()}\n`)
      acquireRunLock(dir)()
    })
  })
  it('takes over from a zombie holder at once', {skip: !existsSync('/proc/self/stat') && 'no /proc'}, async () => {
    const dir = gitRepo({a: 'a'})
    const pidFile = join(git(dir, ['rev-parse', '--absolute-git-dir']).trim(), 'sei-run.pid')
    // `sleep` never reaps its child: the killed `sh` stays a zombie.
    const parent = spawn('sh', ['-c', 'sh -c "sleep 60" & exec sleep 60'], {stdio: 'ignore'})
    try {
      await new Promise((r) => setTimeout(r, 200))
      const child = Number(
        spawnSync('pgrep', ['-P', String(parent.pid)], {encoding: 'utf8'})
          .stdout.trim()
          .split('\n')[0],
      )
      assert.ok(child > 1, 'the holder started')
      process.kill(child, 'SIGKILL')
      for (let i = 0; i < 100 && procState(child) !== 'Z'; i++) await new Promise((r) => setTimeout(r, 20))
      assert.equal(procState(child), 'Z')
      writeFileSync(pidFile, `${child}\n`)
      withoutFlock(dir, () => acquireRunLock(dir)())
    } finally {
      parent.kill('SIGKILL')
    }
  })
})

describe('interrupted evidence write', () => {
  const stage = (dir: string, withCommit: boolean) => {
    const s = stagingDir(dir)
    mkdirSync(s, {recursive: true})
    writeFileSync(join(s, 'bundle.json'), 'NEW')
    writeFileSync(join(s, 'lock'), 'NEWLOCK')
    mkdirSync(join(dir, '.sei'), {recursive: true})
    if (withCommit)
      writeFileSync(
        join(s, 'COMMIT'),
        JSON.stringify({
          moves: [
            {from: join(s, 'bundle.json'), to: join(dir, '.sei/bundle.json')},
            {from: join(s, 'lock'), to: join(dir, 'sei.lock')},
          ],
        }),
      )
  }
  it('is discarded when it never reached COMMIT (previous state kept)', () => {
    const dir = gitRepo({'sei.lock': 'OLD', '.sei/bundle.json': 'OLDB'})
    stage(dir, false)
    assert.equal(recoverPendingWrite(dir), 'discarded')
    assert.equal(readFileSync(join(dir, 'sei.lock'), 'utf8'), 'OLD')
    assert.equal(readFileSync(join(dir, '.sei/bundle.json'), 'utf8'), 'OLDB')
    assert.equal(existsSync(stagingDir(dir)), false)
  })
  it('is rolled forward after COMMIT, also when half of the moves were done', () => {
    const dir = gitRepo({'sei.lock': 'OLD', '.sei/bundle.json': 'OLDB'})
    stage(dir, true)
    // the crash happened after the first rename
    const s = stagingDir(dir)
    writeFileSync(join(dir, '.sei/bundle.json'), readFileSync(join(s, 'bundle.json')))
    spawnSync('rm', [join(s, 'bundle.json')])
    assert.equal(recoverPendingWrite(dir), 'rolled-forward')
    assert.equal(readFileSync(join(dir, 'sei.lock'), 'utf8'), 'NEWLOCK')
    assert.equal(readFileSync(join(dir, '.sei/bundle.json'), 'utf8'), 'NEW')
  })
})

describe('interrupted evidence write, any number of files', () => {
  it('settlePendingWrite (what verify and status call) completes a write set a dead run left half-moved', () => {
    const dir = gitRepo({'sei.lock': 'OLD', '.sei/bundle.json': 'OLDB', '.sei/bundle.json.sig': 'OLDS'})
    const s = stagingDir(dir)
    const files: Record<string, string> = {
      'bundle.json': 'NEWB',
      'bundle.json.sig': 'NEWS',
      'bom.cdx.json': 'BOM',
      'bom.cdx.json.sig': 'BOMS',
      'PUBKEY.txt': 'KEY',
      lock: 'NEWLOCK',
    }
    mkdirSync(s, {recursive: true})
    for (const [n, c] of Object.entries(files)) writeFileSync(join(s, n), c)
    const moves = Object.keys(files).map((n) => ({staged: n, to: n === 'lock' ? 'sei.lock' : `.sei/${n}`}))
    writeFileSync(join(s, 'COMMIT'), JSON.stringify({moves}))
    // killed between the first and the second rename: a new bundle beside the old signature
    spawnSync('mv', [join(s, 'bundle.json'), join(dir, '.sei/bundle.json')])
    assert.equal(settlePendingWrite(dir), 'rolled-forward')
    for (const m of moves) assert.equal(readFileSync(join(dir, m.to), 'utf8'), files[m.staged], m.to)
    assert.equal(existsSync(s), false)
    assert.equal(settlePendingWrite(dir), 'none')
  })
  it('says "interrupted write: run sei run again" (WRITE_INTERRUPTED, exit 3) when the write cannot finish', () => {
    const dir = gitRepo({'sei.lock': 'OLD', '.sei': 'a file where the evidence directory should be'})
    const s = stagingDir(dir)
    mkdirSync(s, {recursive: true})
    writeFileSync(join(s, 'bundle.json'), 'NEW')
    writeFileSync(
      join(s, 'COMMIT'),
      JSON.stringify({
        moves: [
          {staged: 'bundle.json', to: '.sei/bundle.json'},
          {staged: 'lock', to: 'sei.lock'},
        ],
      }),
    )
    assert.throws(
      () => settlePendingWrite(dir),
      (e: {code: string; exit: number; message: string}) =>
        e.code === 'WRITE_INTERRUPTED' && e.exit === 3 && /interrupted write: .*run `sei run` again/.test(e.message),
    )
    assert.equal(readFileSync(join(dir, 'sei.lock'), 'utf8'), 'OLD', 'nothing half-applied past the failing move')
    assert.equal(existsSync(join(s, 'COMMIT')), true, 'the write set is kept for the next run to complete')
  })
  it('leaves the previous state when a live run holds the lock before its COMMIT', () => {
    const dir = gitRepo({'sei.lock': 'OLD', '.sei/bundle.json': 'OLDB'})
    const s = stagingDir(dir)
    mkdirSync(s, {recursive: true})
    writeFileSync(join(s, 'bundle.json'), 'NEW')
    const release = acquireRunLock(dir)
    try {
      assert.equal(settlePendingWrite(dir), 'none')
      assert.equal(existsSync(join(s, 'bundle.json')), true, "a live run's staging is not touched")
    } finally {
      release()
    }
  })
})

describe('anchor check', () => {
  it('accepts the reference retina V2 lock + bundle + sig (lock embeds the envelope), rejects a flipped byte', () => {
    const pick = (p: string) => fileVersions('retina-screening', (x) => x === p).at(-1)!.content
    const lockText = pick('froga.lock')
    const dir = gitRepo({
      'froga.lock': lockText,
      '.froga/bundle.json': pick('.froga/bundle.json'),
      '.froga/bundle.json.sig': pick('.froga/bundle.json.sig'),
    })
    const froga = FAMILIES.find((f) => f.name === 'froga')!
    const lock = JSON.parse(lockText.toString('utf8'))
    assert.deepEqual(checkAnchor(dir, froga, lock), [])
    const b = readFileSync(join(dir, '.froga/bundle.json'))
    b[100] ^= 1
    writeFileSync(join(dir, '.froga/bundle.json'), b)
    assert.deepEqual(
      checkAnchor(dir, froga, lock).map((p) => p.file),
      ['.froga/bundle.json.sig'],
    )
    assert.deepEqual(
      checkAnchor(dir, froga, {
        ...lock,
        bundle_sha256: `sha256:${createHash('sha256').update(pick('.froga/bundle.json')).digest('hex')}`,
      }).map((p) => p.file),
      ['.froga/bundle.json', '.froga/bundle.json.sig'],
    )
  })
  it('reports missing evidence', () => {
    const dir = gitRepo({x: 'x'})
    assert.equal(
      checkAnchor(dir, sei, {
        sections: {},
        signed_bundle_digest: '',
        schema_version: '',
        program_uid: '',
        triple: {code: '', model: '', dataset: ''},
      })[0].file,
      '.sei/bundle.json',
    )
  })
})

describe('gate rows', () => {
  it('reads the reference novacredit bundle: pass/fail as signed, CI conclusiveness, a missing gate control', () => {
    const bundle = JSON.parse(
      fileVersions('novacredit', (p) => p === '.venth/bundle.json')
        .at(-1)!
        .content.toString('utf8'),
    )
    const manifest = parse(
      fileVersions('novacredit', (p) => p === 'venth.yaml')
        .at(-1)!
        .content.toString('utf8'),
    ) as Manifest
    const rows = gateRows(manifest, bundle)
    for (const c of bundle.control_results) {
      const r = rows.find((x) => x.control_id === c.control_id)!
      assert.equal(r.passed, c.passed)
      assert.equal(r.blocking, c.enforcement_mode === 'block')
    }
    // FORMATS.md: novacredit's Art.15 control passes (0.046 < 0.10) but its CI reaches 0.174: not conclusive.
    const art15 = bundle.control_results.find((c: {article: string}) => c.article === '15')
    assert.equal(rows.find((r) => r.control_id === art15.control_id)!.conclusive, false)
    const without = gateRows(manifest, {control_results: []})
    assert.ok(without.length > 0 && without.every((r) => r.blocking && !r.passed && /no value/.test(r.note ?? '')))
  })
})
