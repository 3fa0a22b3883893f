import assert from 'node:assert/strict'
import {createHash, createPublicKey, verify} from 'node:crypto'
import {spawnSync} from 'node:child_process'
import {chmodSync, existsSync, mkdirSync, readdirSync, statSync, symlinkSync} from 'node:fs'
import {basename, join} from 'node:path'
import {describe, it} from 'node:test'
import {pae} from '../../../src/engine/evidence/index.js'
import {isolatedEnv, projectRoot, sei} from '../../helpers/cli.js'
import {gitRepo, testDir} from '../../helpers/git-repo.js'

type LocalHook = (o: {
  config: {configDir: string}
  env: Record<string, string | undefined>
  repoRoot?: string
}) => Promise<{id: string; publicKey(): Promise<Uint8Array>; sign(m: Uint8Array): Promise<Uint8Array>}[]>
const hookModule = join(projectRoot, 'plugins', 'signer-local', 'lib', 'hooks', 'signers.js')

describe('signer-local and sei pubkey', () => {
  it('creates the key on first use in the config dir (mode 0600, not in the repo); same key every time', () => {
    const repo = gitRepo({'README.md': 'x'})
    const env = isolatedEnv()
    const first = sei(['pubkey', '--repo', repo], {env})
    assert.equal(first.status, 0, first.stderr)
    assert.match(first.stdout, /^04[0-9a-f]{128}\n$/)
    const keyFile = join(env.SEI_CONFIG_DIR!, 'signing-key.hex')
    assert.equal(statSync(keyFile).mode & 0o777, 0o600)
    assert.deepEqual(readdirSync(repo).sort(), ['.git', 'README.md'])
    const json = JSON.parse(sei(['pubkey', '--json', '--repo', repo], {env}).stdout)
    assert.equal(json.result.publicKey, first.stdout.trim())
    assert.equal(json.result.keyid, createHash('sha256').update(Buffer.from(first.stdout.trim(), 'hex')).digest('hex'))
    assert.equal(json.result.signer, 'local')
  })

  it('refuses a key path inside the repository and creates nothing there', () => {
    const repo = gitRepo({'README.md': 'x'})
    const r = sei(['pubkey', '--repo', repo], {env: isolatedEnv({SEI_SIGNING_KEY: join(repo, 'keys', 'k.hex')})})
    assert.equal(r.status, 3)
    assert.match(r.stderr, /never enter the repo/)
    assert.equal(existsSync(join(repo, 'keys')), false)
  })

  it('judges the key path by real path: `..keys/` and a symlink into the repository are inside', () => {
    const repo = gitRepo({'README.md': 'x'})
    let r = sei(['pubkey', '--repo', repo], {env: isolatedEnv({SEI_SIGNING_KEY: join(repo, '..keys', 'key.hex')})})
    assert.equal(r.status, 3, r.stderr)
    assert.match(r.stderr, /never enter the repo/)
    assert.equal(existsSync(join(repo, '..keys')), false)
    const outside = testDir()
    mkdirSync(join(repo, 'secrets'))
    symlinkSync(join(repo, 'secrets'), join(outside, 'keys'))
    r = sei(['pubkey', '--repo', repo], {env: isolatedEnv({SEI_SIGNING_KEY: join(outside, 'keys', 'key.hex')})})
    assert.equal(r.status, 3, r.stderr)
    assert.match(r.stderr, /never enter the repo/)
    assert.deepEqual(readdirSync(join(repo, 'secrets')), [])
    // `..` itself is outside: a sibling folder of the repository is fine
    r = sei(['pubkey', '--repo', repo], {
      env: isolatedEnv({SEI_SIGNING_KEY: join(repo, '..', `${basename(repo)}-keys`, 'key.hex')}),
    })
    assert.equal(r.status, 0, r.stderr)
  })

  it('accepts only a regular file as key: a FIFO does not hang, a directory is named as such', () => {
    const dir = testDir()
    const fifo = join(dir, 'key.fifo')
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0)
    let r = sei(['pubkey'], {env: isolatedEnv({SEI_SIGNING_KEY: fifo})})
    assert.equal(r.status, 3, r.stderr)
    assert.match(r.stderr, /is a FIFO \(named pipe\), not a regular file/)
    mkdirSync(join(dir, 'keydir'))
    r = sei(['pubkey'], {env: isolatedEnv({SEI_SIGNING_KEY: join(dir, 'keydir')})})
    assert.equal(r.status, 3, r.stderr)
    assert.match(r.stderr, /is a directory, not a regular file/)
    assert.doesNotMatch(r.stderr, /readable by group or others/)
  })

  it('refuses a key readable by group or others, naming the fix', () => {
    const env = isolatedEnv({SEI_SIGNING_KEY: join(testDir(), 'k.hex')})
    assert.equal(sei(['pubkey'], {env}).status, 0)
    chmodSync(env.SEI_SIGNING_KEY!, 0o644)
    const r = sei(['pubkey'], {env})
    assert.equal(r.status, 3)
    assert.match(r.stderr, /chmod 600/)
  })

  it('an unknown SEI_SIGNING_BACKEND lists the available signers (exit 2)', () => {
    const r = sei(['pubkey'], {env: isolatedEnv({SEI_SIGNING_BACKEND: 'nope'})})
    assert.equal(r.status, 2)
    assert.match(r.stderr, /available: .*local/)
  })

  it('its signatures over the DSSE PAE verify with node:crypto (independent of @noble/curves)', async () => {
    const hook = (await import(hookModule)).default as LocalHook
    const [signer] = await hook({config: {configDir: testDir()}, env: {}})
    const pub = await signer.publicKey()
    const key = createPublicKey({
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: Buffer.from(pub.subarray(1, 33)).toString('base64url'),
        y: Buffer.from(pub.subarray(33)).toString('base64url'),
      },
      format: 'jwk',
    })
    for (const body of ['{}', '{"a":1}', 'x'.repeat(5000)]) {
      const message = pae('application/vnd.in-toto+json', Buffer.from(body))
      const sig = await signer.sign(message)
      assert.equal(sig.length, 64)
      assert.equal(verify('sha256', message, {key, dsaEncoding: 'ieee-p1363'}, sig), true)
      assert.equal(
        verify('sha256', Buffer.concat([message, Buffer.from(' ')]), {key, dsaEncoding: 'ieee-p1363'}, sig),
        false,
      )
    }
  })
})
