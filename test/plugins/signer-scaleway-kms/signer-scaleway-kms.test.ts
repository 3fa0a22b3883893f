import assert from 'node:assert/strict'
import {createHash, verify} from 'node:crypto'
import {existsSync, mkdirSync, readdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'
import {pae, PAYLOAD_TYPE, writePubkeyFile, writeSignedFile} from '../../../src/engine/evidence/index.js'
import {isolatedEnv, projectRoot} from '../../helpers/cli.js'
import {gitRepo, testDir} from '../../helpers/git-repo.js'
import {seiAsync} from './cli-async.js'
import {derSignature, fakeEnv, startFakeKeyManager, type FakeKeyManager, type FakeMode} from './fake-key-manager.js'

type Signer = {
  id: string
  description: string
  publicKey(): Promise<Uint8Array>
  sign(m: Uint8Array): Promise<Uint8Array>
}
type Hook = (o: {config: unknown; env: Record<string, string | undefined>}) => Promise<Signer[]>
const pluginLib = join(projectRoot, 'plugins', 'signer-scaleway-kms', 'lib')
const signerFor = async (env: Record<string, string | undefined>): Promise<Signer> => {
  const hook = (await import(join(pluginLib, 'hooks', 'signers.js'))).default as Hook
  const [signer] = await hook({config: {}, env})
  return signer
}

let fake: FakeKeyManager
before(async () => {
  fake = await startFakeKeyManager()
})
after(() => fake.close())
const withMode = (mode: FakeMode) => {
  fake.mode = mode
  fake.requests.length = 0
}

describe('scaleway-kms signer against the fake Key Manager', () => {
  it("sei pubkey prints the key's 65-byte point (d·G computed by the fake), keyid and signer id", async () => {
    withMode({sign: 'der'})
    const env = isolatedEnv(fakeEnv(fake))
    const r = await seiAsync(['pubkey'], {env})
    assert.equal(r.status, 0, r.stderr)
    assert.equal(r.stdout, `${fake.point.toString('hex')}\n`)
    const j = await seiAsync(['pubkey', '--json'], {env})
    const out = JSON.parse(j.stdout).result
    assert.deepEqual(out, {
      publicKey: fake.point.toString('hex'),
      keyid: createHash('sha256').update(fake.point).digest('hex'),
      signer: 'scaleway-kms',
    })
    const req = fake.requests.at(-1)!
    assert.equal(req.method, 'GET')
    assert.equal(req.path, `/key-manager/v1alpha1/regions/fr-par/keys/${fake.keyId}/public-key`)
    assert.equal(req.token, fake.secretKey)
  })

  for (const how of ['der', 'raw', 'der-high-s', 'raw-high-s'] as const) {
    it(`${how} answers normalise to r‖s node:crypto verifies; sei verify --all accepts the signed files`, async () => {
      withMode({sign: how})
      const signer = await signerFor(fakeEnv(fake))
      assert.equal(signer.id, 'scaleway-kms')
      const message = pae(PAYLOAD_TYPE, Buffer.from('{"a":1}'))
      const sig = await signer.sign(message)
      assert.equal(sig.length, 64)
      assert.equal(verify('sha256', message, {key: fake.publicKey, dsaEncoding: 'ieee-p1363'}, sig), true)
      assert.equal(
        verify(
          'sha256',
          Buffer.concat([message, Buffer.from(' ')]),
          {key: fake.publicKey, dsaEncoding: 'ieee-p1363'},
          sig,
        ),
        false,
      )
      const s = BigInt(`0x${Buffer.from(sig.subarray(32)).toString('hex')}`)
      const half = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n / 2n
      assert.equal(
        s > half,
        how.endsWith('high-s'),
        'the signature is passed on as the service made it (no low-S rewrite)',
      )
      const signReq = fake.requests.find((q) => q.method === 'POST')!
      assert.equal(signReq.path, `/key-manager/v1alpha1/regions/fr-par/keys/${fake.keyId}/sign`)
      assert.deepEqual(signReq.body, {digest: createHash('sha256').update(message).digest('base64')})

      // The files sei run writes, signed through the engine's writer, verify with `sei verify`.
      const repo = gitRepo({'README.md': 'x'})
      const evidence = join(repo, '.sei')
      mkdirSync(join(evidence, 'reports'), {recursive: true})
      await writeSignedFile(evidence, 'bundle.json', Buffer.from('{"bundle":true}\n'), signer)
      await writeSignedFile(evidence, 'reports/bom.json', Buffer.from('{"bom":[]}\n'), signer)
      await writePubkeyFile(evidence, await signer.publicKey())
      const v = await seiAsync(['verify', '--all', '--repo', repo])
      assert.equal(v.status, 0, v.stdout + v.stderr)
      assert.match(v.stdout, /firma VÁLIDA \(valid signature\)/)
      const pinned = await seiAsync(['verify', '--all', '--repo', repo, '--key', fake.point.toString('hex')])
      assert.equal(pinned.status, 0, pinned.stdout + pinned.stderr)
      writeFileSync(join(evidence, 'reports/bom.json'), '{"bom":[1]}\n')
      assert.equal((await seiAsync(['verify', '--all', '--repo', repo])).status, 1)
    })
  }

  it("a signature that does not verify with the key (garbage, or another key's public key) is refused", async () => {
    for (const mode of [{sign: 'garbage'}, {wrongKey: true}] as FakeMode[]) {
      withMode(mode)
      const signer = await signerFor(fakeEnv(fake))
      await assert.rejects(signer.sign(Buffer.from('m')), (e: Error & {code?: string; exit?: number}) => {
        assert.equal(e.code, 'KMS_BAD_SIGNATURE', e.message)
        assert.equal(e.exit, 3)
        assert.match(e.message, /does not verify with the key's public key/)
        return true
      })
    }
  })

  const failures: [string, FakeMode, RegExp, RegExp][] = [
    ['401', {status: 401}, /KMS_UNAUTHENTICATED|API key was refused/, /SCW_ACCESS_KEY and SCW_SECRET_KEY/],
    ['403', {status: 403}, /may not use this key.*HTTP 403/, /KeyManagerFullAccess/],
    ['404', {status: 404}, /no such key.*HTTP 404/, /SEI_KMS_KEY_ID/],
    ['500', {status: 500}, /service failed \(HTTP 500/, /Retry later/],
    [
      '503 (plain-text gateway answer)',
      {status: 503},
      /service failed \(HTTP 503: .*upstream connect error/,
      /Retry later/,
    ],
    ['a timeout', {hang: true}, /no answer from http:\/\/127\.0\.0\.1:\d+ within 300 ms/, /SEI_KMS_TIMEOUT_MS/],
  ]
  for (const [name, mode, message, action] of failures) {
    it(`${name}: a clear error (exit 3), and nothing is written`, async () => {
      withMode(mode)
      // Only the hanging case gets a short timeout: a loaded machine must not turn a 401 into a timeout.
      const env = fakeEnv(fake, {SEI_KMS_TIMEOUT_MS: 'hang' in mode ? '300' : undefined})
      const r = await seiAsync(['pubkey'], {env: isolatedEnv(env)})
      assert.equal(r.status, 3, r.stdout + r.stderr)
      assert.equal(r.stdout, '')
      assert.match(r.stderr, message)
      const j = JSON.parse((await seiAsync(['pubkey', '--json'], {env: isolatedEnv(env)})).stdout)
      assert.equal(j.status, 3)
      assert.match(j.error.message, message)

      const signer = await signerFor(env)
      const dir = testDir()
      await assert.rejects(
        writeSignedFile(dir, 'bundle.json', Buffer.from('{}'), signer),
        (e: Error & {exit?: number; actions?: string[]}) => {
          assert.match(e.message, message)
          assert.equal(e.exit, 3)
          assert.match(e.actions!.join('\n'), action)
          return true
        },
      )
      assert.deepEqual(readdirSync(dir), [], 'no bundle, no .sig, no temp file left')
      assert.ok(fake.requests.length > 0, 'the request reached the fake')
    })
  }

  it('an unreachable endpoint names the URL', async () => {
    const closed = await startFakeKeyManager()
    await closed.close()
    const r = await seiAsync(['pubkey'], {env: isolatedEnv(fakeEnv(fake, {SCW_API_URL: closed.url}))})
    assert.equal(r.status, 3)
    assert.match(r.stderr, new RegExp(`cannot reach ${closed.url.replace(/\./g, '\\.')} \\(ECONNREFUSED\\)`))
  })
})

describe('scaleway-kms configuration', () => {
  const missing: [string, Record<string, string | undefined>, RegExp][] = [
    ['SEI_KMS_KEY_ID', {SEI_KMS_KEY_ID: undefined}, /key id is not set: set SEI_KMS_KEY_ID/],
    [
      'SCW_ACCESS_KEY',
      {SCW_ACCESS_KEY: undefined},
      /access key is not set: set SCW_ACCESS_KEY \(or access_key in the scw profile\)/,
    ],
    ['SCW_SECRET_KEY', {SCW_SECRET_KEY: undefined}, /secret key is not set: set SCW_SECRET_KEY/],
    ['SCW_DEFAULT_REGION', {SCW_DEFAULT_REGION: undefined}, /region is not set: set SCW_DEFAULT_REGION/],
    ['a malformed key id', {SEI_KMS_KEY_ID: 'my-key'}, /SEI_KMS_KEY_ID="my-key" is not a Key Manager key id/],
    ['a malformed secret key', {SCW_SECRET_KEY: 'secret'}, /secret key is not a UUID \(SCW_SECRET_KEY\)/],
    ['a bad timeout', {SEI_KMS_TIMEOUT_MS: '-1'}, /SEI_KMS_TIMEOUT_MS="-1"/],
  ]
  for (const [name, change, message] of missing) {
    it(`${name}: exit 3 naming the variable to set, before any request`, async () => {
      withMode({sign: 'der'})
      const r = await seiAsync(['pubkey'], {env: isolatedEnv(fakeEnv(fake, change))})
      assert.equal(r.status, 3, r.stderr)
      assert.match(r.stderr, message)
      assert.equal(fake.requests.length, 0)
    })
  }

  it('reads credentials, region, API URL from the scw profile (SCW_PROFILE or active_profile); env wins', async () => {
    withMode({sign: 'der'})
    const dir = testDir()
    const config = join(dir, 'config.yaml')
    writeFileSync(
      config,
      [
        '# written by scw init',
        'access_key: SCWBADBADBADBADBADBA',
        'secret_key: 00000000-0000-0000-0000-000000000000',
        'active_profile: sei',
        'profiles:',
        '  sei:',
        `    access_key: ${fake.accessKey}`,
        `    secret_key: ${fake.secretKey}`,
        `    default_region: ${fake.region}`,
        `    api_url: ${fake.url}`,
        '',
      ].join('\n'),
    )
    const profileOnly = {
      SCW_CONFIG_PATH: config,
      SCW_ACCESS_KEY: undefined,
      SCW_SECRET_KEY: undefined,
      SCW_DEFAULT_REGION: undefined,
      SCW_API_URL: undefined,
    }
    for (const extra of [{SCW_PROFILE: 'sei'}, {}]) {
      const r = await seiAsync(['pubkey'], {env: isolatedEnv(fakeEnv(fake, {...profileOnly, ...extra}))})
      assert.equal(r.status, 0, r.stderr)
      assert.equal(r.stdout.trim(), fake.point.toString('hex'))
    }
    // The top-level (default) profile holds refused credentials: the error says where they came from.
    const bad = await seiAsync(['pubkey'], {
      env: isolatedEnv(
        fakeEnv(fake, {...profileOnly, SCW_PROFILE: 'default', SCW_API_URL: fake.url, SCW_DEFAULT_REGION: fake.region}),
      ),
    })
    assert.equal(bad.status, 3)
    assert.match(
      bad.stderr,
      new RegExp(`API key was refused .*profile default \\(${config.replace(/[/.]/g, '\\$&')}\\)`),
    )
    // Environment variables override the profile.
    const env = await seiAsync(['pubkey'], {
      env: isolatedEnv(fakeEnv(fake, {SCW_CONFIG_PATH: config, SCW_PROFILE: 'default'})),
    })
    assert.equal(env.status, 0, env.stderr)
    const unknown = await seiAsync(['pubkey'], {env: isolatedEnv(fakeEnv(fake, {...profileOnly, SCW_PROFILE: 'prod'}))})
    assert.equal(unknown.status, 3)
    assert.match(unknown.stderr, /no profile "prod" in .*\(profiles: default, sei\)/)
  })

  it('signer selection: SEI_SIGNING_BACKEND picks by id, local by default; an unknown id lists both', async () => {
    const local = JSON.parse(
      (await seiAsync(['pubkey', '--json'], {env: isolatedEnv(fakeEnv(fake, {SEI_SIGNING_BACKEND: undefined}))}))
        .stdout,
    )
    assert.equal(local.result.signer, 'local')
    const empty = JSON.parse(
      (await seiAsync(['pubkey', '--json'], {env: isolatedEnv(fakeEnv(fake, {SEI_SIGNING_BACKEND: ''}))})).stdout,
    )
    assert.equal(empty.result.signer, 'local')
    withMode({sign: 'der'})
    const kms = JSON.parse((await seiAsync(['pubkey', '--json'], {env: isolatedEnv(fakeEnv(fake))})).stdout)
    assert.equal(kms.result.signer, 'scaleway-kms')
    const r = await seiAsync(['pubkey'], {env: isolatedEnv(fakeEnv(fake, {SEI_SIGNING_BACKEND: 'aws-kms'}))})
    assert.equal(r.status, 2)
    assert.match(r.stderr, /no signer "aws-kms" \(SEI_SIGNING_BACKEND\); available: local, scaleway-kms/)
  })

  it('the local signer is unaffected when the KMS is not configured (the plugin answers without network)', async () => {
    withMode({hang: true})
    const r = await seiAsync(['pubkey'], {
      env: isolatedEnv({SEI_SIGNING_BACKEND: 'local', SEI_KMS_KEY_ID: undefined, SCW_API_URL: fake.url}),
    })
    assert.equal(r.status, 0, r.stderr)
    assert.equal(fake.requests.length, 0)
  })
})

describe('signature normalisation (hand-built DER)', () => {
  it('DER integers with a sign byte, short values and odd lengths map to fixed 32-byte r and s', async () => {
    const {derToRaw, signatureCandidates} = await import(join(pluginLib, 'signature.js'))
    const hex = (b: Uint8Array | undefined) => (b ? Buffer.from(b).toString('hex') : undefined)
    // r = 1, s = 0x80 (needs a 0x00 sign byte): 30 07 02 01 01 02 02 00 80
    assert.equal(
      hex(derToRaw(Buffer.from('3007020101020200' + '80', 'hex'))),
      `${'00'.repeat(31)}01${'00'.repeat(31)}80`,
    )
    // r with 32 bytes and high bit set (33 with the sign byte), s with 31 bytes.
    const r = (0xffn << 248n) | 1n
    const s = (0x7fn << 240n) | 2n
    assert.equal(derSignature(r, s).length, 2 + 2 + 33 + 2 + 31)
    assert.equal(hex(derToRaw(derSignature(r, s))), `ff${'00'.repeat(30)}01007f${'00'.repeat(29)}02`)
    // Malformed: trailing byte, wrong outer length, negative integer, integer longer than 32 bytes.
    assert.equal(derToRaw(Buffer.concat([derSignature(1n, 2n), Buffer.from([0])])), undefined)
    assert.equal(derToRaw(Buffer.from('3008020101020102', 'hex')), undefined)
    assert.equal(derToRaw(Buffer.from('3006020181020101', 'hex')), undefined)
    assert.equal(derToRaw(derSignature(1n << 264n, 1n)), undefined)
    // r = 0 or s ≥ n is never a valid signature value, whatever the encoding.
    assert.deepEqual(signatureCandidates(derSignature(0n, 5n)), [])
    assert.deepEqual(signatureCandidates(Buffer.alloc(64, 0xff)), [])
  })

  it('PEM conversion refuses a key that is not P-256', async () => {
    const {pemToPoint} = await import(join(pluginLib, 'signature.js'))
    const {generateKeyPairSync} = await import('node:crypto')
    const p384 = generateKeyPairSync('ec', {namedCurve: 'P-384'}).publicKey.export({type: 'spki', format: 'pem'})
    assert.throws(() => pemToPoint(p384), /not ECDSA P-256/)
    const rsa = generateKeyPairSync('rsa', {modulusLength: 1024}).publicKey.export({type: 'spki', format: 'pem'})
    assert.throws(() => pemToPoint(rsa), /rsa, not ECDSA P-256/)
    assert.equal(existsSync(pluginLib), true)
  })
})
