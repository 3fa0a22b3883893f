import assert from 'node:assert/strict'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'
import {hasPythonEnv, pythonToolEnv} from '../../helpers/python.js'
import {screeningRepo} from '../../pipelines/repo.js'
import {seiAsync} from './cli-async.js'
import {fakeEnv, startFakeKeyManager, type FakeKeyManager} from './fake-key-manager.js'

// `sei run` with SEI_SIGNING_BACKEND=scaleway-kms on the real dvc pipeline, signing through the fake.
describe('sei run signed by the scaleway-kms signer', {skip: !hasPythonEnv && 'no project Python env'}, () => {
  let fake: FakeKeyManager
  before(async () => {
    fake = await startFakeKeyManager()
  })
  after(() => fake.close())

  it('a refused sign (403) exits 3, writes no evidence; an accepted one writes evidence verify accepts', async () => {
    const dir = screeningRepo('dvc')
    const env = pythonToolEnv({...fakeEnv(fake), DVC_NO_ANALYTICS: '1'})
    fake.mode = {status: 403}
    let r = await seiAsync(['run'], {cwd: dir, env})
    assert.equal(r.status, 3, r.stdout + r.stderr)
    // oclif folds long error lines at the terminal width: compare the text, not its line breaks
    const said = r.stderr.replace(/\s+/g, ' ')
    assert.match(said, /may not use this key \(HTTP 403/)
    assert.match(said, /SIGNER_FAILED.*signer "scaleway-kms"/, 'reported as sei error, naming the signer')
    assert.doesNotMatch(r.stderr, /^\s+at /m, 'no stack trace')
    assert.equal(existsSync(join(dir, '.git', 'sei-pending')), false, 'no staging left behind')
    assert.equal(existsSync(join(dir, '.sei')), false, 'no bundle, signature or PUBKEY.txt')
    assert.equal(existsSync(join(dir, 'sei.lock')), false)

    fake.mode = {sign: 'der'}
    r = await seiAsync(['run'], {cwd: dir, env})
    assert.ok(r.status === 0 || r.status === 1, r.stdout + r.stderr) // the gate's colour is not the point here
    assert.equal(readFileSync(join(dir, '.sei', 'PUBKEY.txt'), 'utf8'), `${fake.point.toString('hex')}\n`)
    assert.ok(fake.requests.some((q) => q.method === 'POST' && q.path.endsWith('/sign')))
    const v = await seiAsync(['verify', '--all', '--key', fake.point.toString('hex')], {cwd: dir, env})
    assert.equal(v.status, 0, v.stdout + v.stderr)
    assert.match(v.stdout, /firma VÁLIDA \(valid signature\)/)
  })
})
