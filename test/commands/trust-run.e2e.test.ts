import assert from 'node:assert/strict'
import {createHash} from 'node:crypto'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {sei} from '../helpers/cli.js'
import {git} from '../helpers/git-repo.js'
import {hasPythonEnv} from '../helpers/python.js'
import {edit, screeningRepo} from '../pipelines/repo.js'
import {explain, toolEnv} from './run-gates.js'

// Issue 15 on a repository that `sei run` (with DVC, for real) signed: the attacks measured in the
// issue, and the one signing rule of run and reconstruct --out.

const INVALID = /firma INVÁLIDA/
const files = ['.sei/bundle.json', '.sei/bundle.json.sig', '.sei/PUBKEY.txt', 'sei.lock']
const snapshot = (dir: string) => files.map((f) => readFileSync(join(dir, f)).toString('base64'))
const publicKey = (dir: string, env: Record<string, string | undefined>): string =>
  JSON.parse(sei(['pubkey', '--json'], {cwd: dir, env}).stdout).result.publicKey
const otherKeyEnv = (env: Record<string, string | undefined>) => ({
  ...env,
  SEI_SIGNING_KEY: join(mkdtempSync(join(tmpdir(), 'sei-key2-')), 'signing.key'),
})

describe('trust on a signed run (dvc)', {skip: !hasPythonEnv && 'no project Python env'}, () => {
  const dir = screeningRepo('dvc')
  const env = toolEnv()

  it('status verifies first: a keyless edit (passed flipped, digest rewritten, lock re-anchored) is INVÁLIDA', () => {
    const r = sei(['run'], {cwd: dir, env})
    assert.equal(r.status, 1, explain(r)) // untreated: recall 0.5 fails > 0.8
    git(dir, ['add', '-A'])
    git(dir, ['commit', '-q', '-m', 'run: V1 evidence (RED)'])
    const s = sei(['status'], {cwd: dir, env})
    assert.equal(s.status, 1)
    assert.match(
      s.stdout,
      new RegExp(
        String.raw`^signature: VALID · key [0-9a-f]{64} \(from \.sei\/PUBKEY\.txt; ` +
          String.raw`unpinned: pin it in CI with SEI_TRUSTED_KEYS\)$`,
        'm',
      ),
    )
    assert.match(s.stdout, /status: RED/)

    // The forgery, without the key.
    const bundlePath = join(dir, '.sei/bundle.json')
    const bundle = JSON.parse(readFileSync(bundlePath, 'utf8')) as {
      control_results: {passed: boolean; actual_value: number}[]
    }
    for (const c of bundle.control_results) {
      c.passed = true
      c.actual_value = 0.99
    }
    const bytes = Buffer.from(JSON.stringify(bundle, null, 2))
    writeFileSync(bundlePath, bytes)
    const digest = createHash('sha256').update(bytes).digest('hex')
    const envelope = JSON.parse(readFileSync(`${bundlePath}.sig`, 'utf8')) as {payload: string}
    const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as {
      subject: {digest: {sha256: string}}[]
    }
    statement.subject[0].digest.sha256 = digest
    envelope.payload = Buffer.from(JSON.stringify(statement)).toString('base64')
    const sigText = JSON.stringify(envelope)
    writeFileSync(`${bundlePath}.sig`, sigText)
    const lock = JSON.parse(readFileSync(join(dir, 'sei.lock'), 'utf8')) as {
      signed_bundle_digest: string
      bundle_sha256: string
    }
    lock.signed_bundle_digest = sigText
    lock.bundle_sha256 = `sha256:${digest}`
    writeFileSync(join(dir, 'sei.lock'), JSON.stringify(lock, null, 2))

    for (const args of [['status'], ['status', '--json'], ['verify']]) {
      const t = sei(args, {cwd: dir, env})
      assert.equal(t.status, 1, explain(t))
      assert.doesNotMatch(t.stdout, /status: GREEN/)
      if (args.includes('--json')) assert.equal(JSON.parse(t.stdout).result.signature.valid, false)
      else assert.match(t.stdout, INVALID)
    }
    git(dir, ['checkout', '--', '.'])
  })

  it('run with another key says it rotates (old → new); a trust root refuses a key outside it, nothing written', () => {
    const oldKey = readFileSync(join(dir, '.sei/PUBKEY.txt'), 'utf8').trim()
    const trusted = {...env, SEI_TRUSTED_KEYS: oldKey}
    const stranger = otherKeyEnv(trusted)
    const before = snapshot(dir)
    const refused = sei(['run'], {cwd: dir, env: stranger})
    assert.equal(refused.status, 2, explain(refused))
    assert.match(refused.stderr, /SIGNER_NOT_TRUSTED/)
    assert.deepEqual(snapshot(dir), before, 'nothing written')
    // reconstruct --out follows the same rule.
    const report = sei(['reconstruct', '--out'], {cwd: dir, env: stranger})
    assert.equal(report.status, 2, explain(report))
    assert.match(report.stderr, /SIGNER_NOT_TRUSTED/)

    const rotated = otherKeyEnv(env)
    const newHex = publicKey(dir, rotated)
    // A report cannot rotate: reconstruct --out with the new key is refused (the bundle is the old key's).
    const mismatch = sei(['reconstruct', '--out'], {cwd: dir, env: rotated})
    assert.equal(mismatch.status, 2, explain(mismatch))
    assert.match(mismatch.stderr, /SIGNER_MISMATCH/)
    const r = sei(['run'], {cwd: dir, env: rotated})
    assert.equal(r.status, 1, explain(r))
    assert.ok(r.stderr.includes(`rotating the signing key: old ${oldKey} → new ${newHex}`), r.stderr)
    assert.equal(readFileSync(join(dir, '.sei/PUBKEY.txt'), 'utf8').trim(), newHex)
    // Pinned to the old key only, the rotated evidence is invalid; with both keys pinned it is valid.
    assert.equal(sei(['status'], {cwd: dir, env: trusted}).status, 1)
    assert.match(sei(['status'], {cwd: dir, env: trusted}).stdout, INVALID)
    assert.equal(sei(['verify', '--key', oldKey, '--key', newHex], {cwd: dir, env}).status, 0)
    git(dir, ['add', '-A'])
    git(dir, ['commit', '-q', '-m', 'run: signed by the new key'])
    const v = JSON.parse(sei(['verify', '--all', '--json'], {cwd: dir, env: rotated}).stdout).result
    assert.deepEqual(
      v.rotations.map((x: {old: string; new: string}) => [x.old, x.new]),
      [[oldKey, newHex]],
    )
  })

  it('a green run pinned in CI: status 0 naming the key; an approval then an uncommitted run makes it STALE', () => {
    edit(dir, 'params.yaml', 'threshold: 0.7', 'threshold: 0.3')
    git(dir, ['commit', '-q', '-am', 'treatment: threshold 0.3'])
    const key = otherKeyEnv(env)
    const hex = publicKey(dir, key)
    assert.equal(sei(['run'], {cwd: dir, env: key}).status, 0)
    git(dir, ['add', '-A'])
    git(dir, ['commit', '-q', '-m', 'run: V2 (GREEN)'])
    const s = sei(['status'], {cwd: dir, env: {...key, SEI_TRUSTED_KEYS: hex}})
    assert.equal(s.status, 0, explain(s))
    assert.match(s.stdout, /signature: VALID · key [0-9a-f]{64} \(pinned\)/)
    assert.equal(sei(['approve', '--by', 'Board <b@org>'], {cwd: dir, env: key}).status, 0)
    const approved = JSON.parse(sei(['reconstruct', '--json'], {cwd: dir, env: key}).stdout).result.payload.approval
    assert.equal(approved.state, 'approved')
    assert.deepEqual(approved.act.approves, {
      bundle: `sha256:${createHash('sha256')
        .update(readFileSync(join(dir, '.sei/bundle.json')))
        .digest('hex')}`,
      gate: 'GREEN',
      signature: 'valid',
    })
    assert.equal(sei(['run', '--force'], {cwd: dir, env: key}).status, 0)
    const stale = JSON.parse(sei(['reconstruct', '--json'], {cwd: dir, env: key}).stdout).result.payload.approval
    assert.deepEqual([stale.state, stale.stale_by.commit], ['stale', 'uncommitted'])
    git(dir, ['add', '-A'])
    git(dir, ['commit', '-q', '-m', 'run: V3 (GREEN)'])
    const green = sei(['status'], {cwd: dir, env: {...key, SEI_TRUSTED_KEYS: hex}})
    assert.equal(green.status, 0, explain(green))
    // Issue 17: a retired system is never green (status 1, RETIRED), and reconstruct's header says RETIRED.
    const by = ['retire', '--by', 'Board <b@org>', '--reason', 'end of operational lifecycle']
    assert.equal(sei(by, {cwd: dir, env: key}).status, 0)
    const retired = sei(['status'], {cwd: dir, env: {...key, SEI_TRUSTED_KEYS: hex}})
    assert.equal(retired.status, 1, explain(retired))
    assert.match(retired.stdout, /^controls: all blocking controls pass$/m)
    assert.match(
      retired.stdout,
      /^retired: withdrawn by Board <b@org> on \d{4}-\d\d-\d\d \([0-9a-f]{7}\): end of operational lifecycle\n/m,
    )
    assert.match(retired.stdout, /\nstatus: RETIRED \(a withdrawn system is never green\)\n$/)
    const json = JSON.parse(sei(['status', '--json'], {cwd: dir, env: key}).stdout)
    assert.deepEqual([json.status, json.result.green, json.result.retired.by], [1, false, 'Board <b@org>'])
    const header = sei(['reconstruct'], {cwd: dir, env: key}).stdout.split('\n')[0]
    assert.match(header, /^\S+ \[RETIRED\]: \d+ evidence run\(s\) in history/)
  })
})
