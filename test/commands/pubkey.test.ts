import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {isolatedEnv, sei} from '../helpers/cli.js'
import {gitRepo, testDir} from '../helpers/git-repo.js'
import {readmeLine} from '../helpers/readme.js'

// The DER header of a SubjectPublicKeyInfo holding an uncompressed P-256 point (RFC 5480): SEQUENCE (89 bytes),
// SEQUENCE {OID id-ecPublicKey 1.2.840.10045.2.1, OID prime256v1 1.2.840.10045.3.1.7}, BIT STRING (66 bytes, 0
// unused bits). Written out by hand from the ASN.1, so the test does not take the encoding from node:crypto.
const SPKI_P256_HEADER = '3059301306072a8648ce3d020106082a8648ce3d030107034200'

function openssl(args: string[], input?: string): {status: number | null; stdout: Buffer; stderr: string} {
  const r = spawnSync('openssl', args, {input})
  return {status: r.status, stdout: r.stdout, stderr: r.stderr?.toString() ?? ''}
}

describe('sei pubkey --pem', () => {
  it('prints the signer key as a PEM SubjectPublicKeyInfo that openssl reads as the same P-256 point', () => {
    const repo = gitRepo({'README.md': 'x'})
    const env = isolatedEnv()
    const hex = sei(['pubkey', '--repo', repo], {env})
    assert.equal(hex.status, 0, hex.stderr)
    const point = hex.stdout.trim()
    const pem = sei(['pubkey', '--pem', '--repo', repo], {env})
    assert.equal(pem.status, 0, pem.stderr)
    assert.match(pem.stdout, /^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n$/)
    const file = join(testDir(), 'signer.pem')
    writeFileSync(file, pem.stdout)
    const der = openssl(['pkey', '-pubin', '-in', file, '-outform', 'DER'])
    assert.equal(der.status, 0, der.stderr)
    assert.equal(der.stdout.toString('hex'), SPKI_P256_HEADER + point)
    const text = openssl(['pkey', '-pubin', '-in', file, '-text', '-noout'])
    assert.match(text.stdout.toString(), /ASN1 OID: prime256v1/)
    const json = JSON.parse(sei(['pubkey', '--pem', '--json', '--repo', repo], {env}).stdout)
    assert.equal(json.result.pem, pem.stdout)
    assert.equal(json.result.publicKey, point)
  })

  it("the README's conversion of a PUBKEY.txt with openssl gives the PEM sei prints", () => {
    const repo = gitRepo({'README.md': 'x'})
    const env = isolatedEnv()
    const dir = testDir()
    mkdirSync(join(dir, '.sei'))
    writeFileSync(join(dir, '.sei', 'PUBKEY.txt'), sei(['pubkey', '--repo', repo], {env}).stdout)
    const recipe = spawnSync('bash', ['-c', readmeLine('{ echo 3059')], {cwd: dir, encoding: 'utf8'})
    assert.equal(recipe.status, 0, recipe.stderr)
    assert.equal(readFileSync(join(dir, 'key.pem'), 'utf8'), sei(['pubkey', '--pem', '--repo', repo], {env}).stdout)
  })
})
