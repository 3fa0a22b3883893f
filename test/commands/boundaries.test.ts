import assert from 'node:assert/strict'
import {existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {FAMILIES} from '../../src/engine/manifest/index.js'
import {writeEvidence} from '../../src/engine/pipeline/write.js'
import {sei} from '../helpers/cli.js'
import {gitRepo, testDir} from '../helpers/git-repo.js'
import {pipelinesDir} from '../pipelines/repo.js'

const SECRET = 'TOKEN-d41d8cd98f00b204-do-not-print'

/** The screening system (never run) with a plan path; status needs no pipeline tool. */
function declared(plan = 'policies/assessment_plan.oscal.yaml'): string {
  const files: Record<string, string> = {}
  for (const f of ['sei.yaml', 'params.yaml', 'src/evaluate.py', 'data/screening.csv', 'data/screening.croissant.json'])
    files[f] = readFileSync(join(pipelinesDir, 'common', f), 'utf8')
  files['sei.yaml'] +=
    'pipeline: {tool: dvc, metrics: metrics.json, params: params.yaml}\n' +
    `oscal: {assessment_plan: ${JSON.stringify(plan)}}\n`
  files['dvc.yaml'] = readFileSync(join(pipelinesDir, 'dvc', 'dvc.yaml'), 'utf8')
  return gitRepo(files)
}

/** A file outside the repository holding a secret (and, for a parser, something that is not YAML/JSON). */
function outsideSecret(name: string): string {
  const p = join(testDir(), name)
  writeFileSync(p, `root:x:0:0:${SECRET}:/root:/bin/bash\n{{{ ${SECRET}\n`)
  return p
}

describe('nothing read outside the repository', () => {
  it('a sei.yaml linked outside is refused before it is read: its content is never quoted', () => {
    const dir = declared()
    rmSync(join(dir, 'sei.yaml'))
    symlinkSync(outsideSecret('passwd'), join(dir, 'sei.yaml'))
    for (const cmd of [['status'], ['run'], ['compile'], ['status', '--json'], ['impact']]) {
      const r = sei(cmd, {cwd: dir})
      assert.equal(r.status, 2, `${cmd}: ${r.stderr}`)
      assert.match(r.stdout + r.stderr, /PATH_OUTSIDE_REPO/, cmd.join(' '))
      assert.match(r.stdout + r.stderr, /sei\.yaml \\?"sei\.yaml\\?" leaves the repository/)
      assert.doesNotMatch(r.stdout + r.stderr, new RegExp(`${SECRET}|root:x`), cmd.join(' '))
    }
  })
  it('a sei.lock linked outside is refused, unquoted', () => {
    const dir = declared()
    symlinkSync(outsideSecret('lock'), join(dir, 'sei.lock'))
    const r = sei(['status'], {cwd: dir})
    assert.equal(r.status, 2, r.stderr)
    assert.match(r.stderr, /PATH_OUTSIDE_REPO.*sei\.lock/)
    assert.doesNotMatch(r.stdout + r.stderr, new RegExp(SECRET))
  })
  it('a .sei linked outside is refused by verify and status', () => {
    const dir = declared()
    const out = testDir({'bundle.json': `{"secret": "${SECRET}"}`, 'bundle.json.sig': SECRET, 'PUBKEY.txt': SECRET})
    symlinkSync(out, join(dir, '.sei'))
    writeFileSync(join(dir, 'sei.lock'), '{"sections": {}, "signed_bundle_digest": ""}')
    for (const cmd of [['verify'], ['status'], ['verify', '--all']]) {
      const r = sei(cmd, {cwd: dir})
      assert.equal(r.status, 2, `${cmd}: ${r.stdout}${r.stderr}`)
      assert.match(r.stderr, /PATH_OUTSIDE_REPO/)
      assert.doesNotMatch(r.stdout + r.stderr, new RegExp(SECRET))
    }
  })
  it('a dangling symlink is no way out either (a write through it would land outside)', () => {
    const dir = declared()
    const target = join(testDir(), 'not-yet')
    symlinkSync(target, join(dir, 'sei.lock'))
    const r = sei(['status'], {cwd: dir})
    assert.equal(r.status, 2, r.stderr)
    assert.match(r.stderr, /PATH_OUTSIDE_REPO/)
    assert.equal(existsSync(target), false)
  })
})

describe('nothing written outside the repository', () => {
  it('the evidence write refuses a .sei linked outside and leaves the files there untouched', async () => {
    const dir = gitRepo({'a.txt': 'a'})
    const out = testDir({'bundle.json': 'THEIRS'})
    symlinkSync(out, join(dir, '.sei'))
    const signer = {
      id: 'fake',
      description: 'fake',
      publicKey: async () => new Uint8Array(65).fill(4),
      sign: async () => new Uint8Array(64),
    }
    await assert.rejects(
      writeEvidence({root: dir, family: FAMILIES[0], bundleBytes: Buffer.from('{}'), signer, lockFor: () => '{}'}),
      {code: 'PATH_OUTSIDE_REPO'},
    )
    assert.deepEqual(readdirSync(out), ['bundle.json'])
    assert.equal(readFileSync(join(out, 'bundle.json'), 'utf8'), 'THEIRS')
    assert.equal(existsSync(join(dir, 'sei.lock')), false)
  })
})

describe('compile writes only plans', () => {
  const protectedPaths = [
    'sei.yaml',
    'sei.lock',
    'dvc.yaml',
    'dvc.lock',
    'params.yaml',
    'metrics.json',
    'data/screening.croissant.json',
    '.sei/bundle.json',
    '.git/config.yaml',
    '.dvc/config.yaml',
    './sei.yaml',
    'src/../sei.yaml',
  ]
  for (const plan of protectedPaths) {
    it(`refuses oscal.assessment_plan: ${plan} (exit 2, located), and status says the same`, () => {
      const dir = declared(plan)
      const abs = join(dir, plan)
      const before = existsSync(abs) ? readFileSync(abs) : undefined
      const r = sei(['compile'], {cwd: dir})
      assert.equal(r.status, 2, r.stdout + r.stderr)
      assert.match(
        r.stderr,
        /PLAN_PATH_FORBIDDEN\): sei\.yaml:\d+:\d+ oscal\.assessment_plan ".*" cannot hold the compiled plan: it is /,
      )
      if (before) assert.deepEqual(readFileSync(abs), before)
      else assert.equal(existsSync(abs), false, `${plan} was created`)
      const s = sei(['status'], {cwd: dir})
      assert.equal(s.status, 2, s.stderr)
      assert.match(s.stderr, /PLAN_PATH_FORBIDDEN/)
    })
  }
  it('refuses an existing file holding no OSCAL document; accepts its own plan, a reference plan, a new path', () => {
    let dir = declared('notes.yaml')
    writeFileSync(join(dir, 'notes.yaml'), 'meeting: notes\n')
    let r = sei(['compile'], {cwd: dir})
    assert.equal(r.status, 2, r.stderr)
    assert.match(r.stderr, /holds no OSCAL document/)
    assert.equal(readFileSync(join(dir, 'notes.yaml'), 'utf8'), 'meeting: notes\n')
    dir = declared('plans/p.json')
    r = sei(['compile'], {cwd: dir})
    assert.equal(r.status, 0, r.stderr)
    writeFileSync(join(dir, 'sei.yaml'), readFileSync(join(dir, 'sei.yaml'), 'utf8').replace('"> 0.8"', '"> 0.85"'))
    r = sei(['compile'], {cwd: dir})
    assert.equal(r.status, 0, r.stderr)
    assert.match(r.stdout, /^compiled: plans\/p\.json/)
  })
  it('refuses a plan path that is a symlink to the manifest (judged by real path)', () => {
    const dir = declared('plan.yaml')
    symlinkSync(join(dir, 'sei.yaml'), join(dir, 'plan.yaml'))
    const before = readFileSync(join(dir, 'sei.yaml'))
    const r = sei(['compile'], {cwd: dir})
    assert.equal(r.status, 2, r.stderr)
    assert.match(r.stderr, /it is the manifest/)
    assert.deepEqual(readFileSync(join(dir, 'sei.yaml')), before)
    mkdirSync(join(dir, 'x'))
  })
})
