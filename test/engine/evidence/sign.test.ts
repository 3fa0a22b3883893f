import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {mkdirSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {statementFor, verifyEnvelope, writePubkeyFile, writeSignedFile} from '../../../src/engine/evidence/index.js'
import {isolatedEnv, projectRoot, sei} from '../../helpers/cli.js'
import {fileVersions, fixtureNames} from '../../helpers/fixtures.js'
import {gitRepo, testDir} from '../../helpers/git-repo.js'
import {hasPythonEnv, pythonBin} from '../../helpers/python.js'

describe('signing evidence', () => {
  it('builds the in-toto statement byte for byte as the reference did for every historic signature', () => {
    let checked = 0
    for (const name of fixtureNames) {
      const current = new Map<string, Buffer>()
      for (const v of fileVersions(name, (p) => /^\.(froga|venth)\//.test(p))) {
        current.set(v.path, v.content)
        if (!v.path.endsWith('.sig')) continue
        const file = current.get(v.path.slice(0, -4))!
        const payload = Buffer.from(JSON.parse(v.content.toString('utf8')).payload, 'base64').toString('utf8')
        const tool = JSON.parse(payload).predicate.tool
        assert.equal(statementFor(v.path.slice(7, -4), file, tool), payload)
        checked++
      }
    }
    assert.equal(checked, 18)
  })

  it('writeSignedFile + PUBKEY.txt with the local signer: evidence sei verify accepts, only those files', async () => {
    const hook = (await import(join(projectRoot, 'plugins', 'signer-local', 'lib', 'hooks', 'signers.js'))).default
    const [signer] = await hook({config: {configDir: testDir()}, env: {}})
    const repo = gitRepo({'README.md': 'x'})
    const dir = join(repo, '.sei')
    mkdirSync(join(dir, 'conformance'), {recursive: true})
    const bytes = Buffer.from('{\n  "hello": "wörld"\n}\n')
    await writeSignedFile(dir, 'bundle.json', bytes, signer)
    await writeSignedFile(dir, 'conformance/x.json', Buffer.from('{}'), signer)
    await writePubkeyFile(dir, await signer.publicKey())
    assert.deepEqual(readdirSync(dir).sort(), ['PUBKEY.txt', 'bundle.json', 'bundle.json.sig', 'conformance'])
    assert.match(readFileSync(join(dir, 'PUBKEY.txt'), 'utf8'), /^04[0-9a-f]{128}\n$/)
    const env = readFileSync(join(dir, 'bundle.json.sig'), 'utf8')
    assert.equal(verifyEnvelope(env, bytes, 'bundle.json', await signer.publicKey()).valid, true)
    const r = sei(['verify', '--all', '--repo', repo], {env: isolatedEnv()})
    assert.equal(r.status, 0, r.stdout + r.stderr)
    assert.match(r.stdout, /firma VÁLIDA/)
  })

  it('a sei signature verifies with securesystemslib (Python DSSE) after r‖s → DER, and a flipped byte does not', {
    skip: !hasPythonEnv && 'no project Python env',
  }, async () => {
    const hook = (await import(join(projectRoot, 'plugins', 'signer-local', 'lib', 'hooks', 'signers.js'))).default
    const [signer] = await hook({config: {configDir: testDir()}, env: {}})
    const dir = testDir()
    const bytes = Buffer.from('{"risk": "evidence"}')
    await writeSignedFile(dir, 'bundle.json', bytes, signer)
    const pub = Buffer.from(await signer.publicKey()).toString('hex')
    const script = join(projectRoot, 'scripts', 'verify_dsse.py')
    const run = () =>
      spawnSync(
        join(pythonBin, 'python'),
        [script, join(dir, 'bundle.json'), join(dir, 'bundle.json.sig'), pub, 'bundle.json'],
        {encoding: 'utf8'},
      )
    const ok = run()
    assert.equal(ok.status, 0, ok.stderr)
    assert.match(ok.stdout, /securesystemslib: valid/)
    writeFileSync(join(dir, 'bundle.json'), '{"risk": "evidencf"}')
    assert.notEqual(run().status, 0)
  })

  it('a signer that fails writes nothing', async () => {
    const dir = testDir()
    const failing = {
      id: 'x',
      description: 'x',
      publicKey: async () => new Uint8Array(65),
      sign: async () => {
        throw new Error('kms down')
      },
    }
    await assert.rejects(writeSignedFile(dir, 'bundle.json', Buffer.from('{}'), failing), /kms down/)
    assert.deepEqual(readdirSync(dir), [])
  })
})
