import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, sep} from 'node:path'
import {describe, it} from 'node:test'
import {verifyEnvelope} from '../../src/engine/evidence/index.js'
import {sei} from '../helpers/cli.js'
import {fileVersions, fixtureNames, replayFixture, type FixtureName} from '../helpers/fixtures.js'
import {testDir} from '../helpers/git-repo.js'

const evidenceDir = (name: FixtureName) => (name === 'novacredit' ? '.venth' : '.froga')

/** The fixture's signer key, read from its PUBKEY.txt (the reference engine wrote it). */
function fixtureKey(name: FixtureName): Uint8Array {
  const [pub] = fileVersions(name, (p) => p.endsWith('/PUBKEY.txt'))
  return Buffer.from(pub.content.toString('utf8').trim(), 'hex')
}

/** Every historic (file, signature) pair of a fixture, paired by the commit state they were in together. */
function signedVersions(name: FixtureName): {subject: string; file: Buffer; sig: Buffer}[] {
  const dir = evidenceDir(name)
  const current = new Map<string, Buffer>()
  const pairs: {subject: string; file: Buffer; sig: Buffer}[] = []
  for (const v of fileVersions(name, (p) => p.startsWith(`${dir}/`))) {
    current.set(v.path, v.content)
    if (v.path.endsWith('.sig')) {
      const file = current.get(v.path.slice(0, -4))
      if (file) pairs.push({subject: v.path.slice(dir.length + 1, -4), file, sig: v.content})
    }
  }
  return pairs
}

describe('sei verify on the reference evidence', () => {
  for (const name of fixtureNames) {
    it(`${name}: every signed file of the replayed repository verifies (--all), and --json says so`, () => {
      const repo = replayFixture(name)
      const r = sei(['verify', '--all', '--repo', repo])
      assert.equal(r.status, 0, r.stderr + r.stdout)
      assert.match(r.stdout, /firma VÁLIDA \(valid signature\)/)
      const j = sei(['verify', '--all', '--json', '--repo', repo])
      const out = JSON.parse(j.stdout)
      assert.equal(out.result.valid, true)
      const sigs = readdirSync(join(repo, evidenceDir(name)), {recursive: true}).filter((f) =>
        String(f).endsWith('.sig'),
      )
      assert.equal(out.result.files.length, sigs.length)
    })

    it(`${name}: every historic signature verifies; 200 single-byte flips of each file and each .sig fail`, () => {
      const key = fixtureKey(name)
      const pairs = signedVersions(name)
      assert.ok(pairs.length > 0)
      let seed = 12345
      const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31)
      for (const {subject, file, sig} of pairs) {
        assert.equal(verifyEnvelope(sig.toString('utf8'), file, subject, key).valid, true, subject)
        for (let i = 0; i < 200; i++) {
          const f = Buffer.from(file)
          const pos = next() % f.length
          f[pos] ^= 1 + (next() % 255)
          assert.equal(verifyEnvelope(sig.toString('utf8'), f, subject, key).valid, false, `${subject} flip at ${pos}`)
          const s = Buffer.from(sig)
          const spos = next() % s.length
          s[spos] ^= 1 + (next() % 255)
          assert.equal(
            verifyEnvelope(s.toString('latin1'), file, subject, key).valid,
            false,
            `${subject}.sig flip at ${spos}`,
          )
        }
        assert.equal(
          verifyEnvelope(sig.toString('utf8'), file, `x/${subject}`, key).valid,
          false,
          'swapped subject name',
        )
      }
    })
  }
})

it('every historic .sig version of the fixtures (18 in this export) is paired with its file and checked above', () => {
  for (const name of fixtureNames) {
    const sigVersions = fileVersions(name, (p) => p.endsWith('.sig')).length
    assert.equal(signedVersions(name).length, sigVersions, name)
  }
  assert.equal(
    fixtureNames.reduce((n, name) => n + signedVersions(name).length, 0),
    18,
  )
})

describe('sei verify failures', () => {
  const copy = () => {
    const dir = testDir()
    cpSync(replayFixture('retina-screening'), dir, {recursive: true})
    return dir
  }

  it('a pinned key other than the signer is invalid (exit 1); the right key pinned is valid', () => {
    const repo = copy()
    const right = readFileSync(join(repo, '.froga', 'PUBKEY.txt'), 'utf8').trim()
    assert.equal(sei(['verify', '--key', right, '--repo', repo]).status, 0)
    const wrong = `04${'11'.repeat(64)}`
    const r = sei(['verify', '--key', wrong, '--repo', repo])
    assert.equal(r.status, 1)
    assert.match(r.stdout, /firma INVÁLIDA \(invalid signature\)/)
    const keyFile = join(testDir(), 'key.txt')
    writeFileSync(keyFile, `${right}\n`)
    assert.equal(sei(['verify', '--key', keyFile, '--repo', repo]).status, 0)
  })

  it('a truncated bundle is invalid; a missing signature says sei run has not been executed', () => {
    const repo = copy()
    const bundle = join(repo, '.froga', 'bundle.json')
    writeFileSync(bundle, readFileSync(bundle).subarray(0, 100))
    const r = sei(['verify', '--repo', repo])
    assert.equal(r.status, 1)
    assert.match(r.stdout, /firma INVÁLIDA/)
    assert.match(r.stdout, /altered/)
    rmSync(`${bundle}.sig`)
    const m = sei(['verify', '--repo', repo])
    assert.equal(m.status, 1)
    assert.match(m.stderr, /sei run/)
  })

  it('a valid signature of another file put in place of the bundle (swapped subject name) is invalid', () => {
    const repo = copy()
    const dir = join(repo, '.froga')
    // reconstruct.json and its envelope are genuine and signed by the same key; only the name differs.
    writeFileSync(join(dir, 'bundle.json'), readFileSync(join(dir, 'reconstruct.json')))
    writeFileSync(join(dir, 'bundle.json.sig'), readFileSync(join(dir, 'reconstruct.json.sig')))
    const r = sei(['verify', '--repo', repo])
    assert.equal(r.status, 1, r.stdout + r.stderr)
    assert.match(r.stdout, /firma INVÁLIDA/)
    assert.match(r.stdout, /subject|reconstruct\.json/)
  })

  it('--all: a .sig whose file is gone is invalid; a malformed --key exits 2', () => {
    const repo = copy()
    rmSync(join(repo, '.froga', 'reconstruct.json'))
    const r = sei(['verify', '--all', '--repo', repo])
    assert.equal(r.status, 1)
    assert.match(r.stdout, /reconstruct\.json\.sig has no reconstruct\.json/)
    assert.equal(sei(['verify', '--key', '04abc', '--repo', repo]).status, 2)
  })
})

describe('sei verify DIR: an exported evidence folder, outside any repository', () => {
  /** A copy of the replayed fixture's .froga/ in a fresh temporary directory that no git repository holds. */
  function exported(): {cwd: string; dir: string; pubkey: string} {
    const cwd = mkdtempSync(join(tmpdir(), 'sei-export-'))
    assert.notEqual(spawnSync('git', ['rev-parse'], {cwd}).status, 0, 'the export must be outside any repository')
    cpSync(join(replayFixture('retina-screening'), '.froga'), join(cwd, 'export'), {recursive: true})
    return {cwd, dir: join(cwd, 'export'), pubkey: readFileSync(join(cwd, 'export', 'PUBKEY.txt'), 'utf8').trim()}
  }

  it('verifies the bundle against the folder PUBKEY.txt and says it is unpinned; --json agrees', () => {
    const {cwd, pubkey} = exported()
    const keyid = createHash('sha256').update(Buffer.from(pubkey, 'hex')).digest('hex')
    const r = sei(['verify', 'export'], {cwd})
    assert.equal(r.status, 0, r.stderr)
    assert.equal(
      r.stdout,
      'ok   export/bundle.json\n' +
        `firma VÁLIDA (valid signature) · key ${keyid} (from export/PUBKEY.txt; ` +
        'unpinned: pin it in CI with SEI_TRUSTED_KEYS)\n',
    )
    const j = JSON.parse(sei(['verify', 'export', '--json'], {cwd}).stdout)
    assert.equal(j.status, 0)
    assert.equal(j.result.keySource, 'PUBKEY.txt')
    assert.equal(j.result.keyid, keyid)
  })

  it('--all checks every X that has an X.sig in the folder; a pinned key decides as in a repository', () => {
    const {cwd, dir, pubkey} = exported()
    const sigs = (readdirSync(dir, {recursive: true}) as string[]).filter((f) => f.endsWith('.sig')).sort()
    assert.ok(sigs.length >= 3, sigs.join())
    const j = JSON.parse(sei(['verify', dir, '--all', '--json'], {cwd}).stdout)
    assert.equal(j.status, 0, JSON.stringify(j))
    assert.deepEqual(
      j.result.files.map((f: {file: string}) => `${f.file}.sig`),
      sigs.map((s) => s.split(sep).join('/')),
    )
    assert.equal(j.result.rotations, undefined, 'no history, no rotations')
    const pinned = sei(['verify', 'export', '--key', pubkey], {cwd})
    assert.equal(pinned.status, 0, pinned.stderr)
    assert.match(pinned.stdout, /\(pinned\)$/m)
    const other = sei(['verify', 'export', '--key', `04${'11'.repeat(64)}`], {cwd})
    assert.equal(other.status, 1, other.stdout)
    assert.match(other.stdout, /FAIL export\/PUBKEY\.txt: names key .*, outside the trust root/)
  })

  it('one changed byte is invalid; a bundle linked out of the folder is refused unread', () => {
    const {cwd, dir} = exported()
    const bundle = join(dir, 'bundle.json')
    const bytes = readFileSync(bundle)
    bytes[10] ^= 1
    writeFileSync(bundle, bytes)
    const r = sei(['verify', 'export'], {cwd})
    assert.equal(r.status, 1)
    assert.match(r.stdout, /FAIL export\/bundle\.json: bundle\.json does not match the signed digest \(file altered\)/)
    const outside = join(cwd, 'elsewhere.json')
    writeFileSync(outside, 'secret')
    rmSync(bundle)
    symlinkSync(outside, bundle)
    const linked = sei(['verify', 'export'], {cwd})
    assert.equal(linked.status, 2, linked.stdout + linked.stderr)
    assert.match(linked.stderr, /PATH_OUTSIDE_REPO/)
    assert.doesNotMatch(linked.stderr + linked.stdout, /secret/)
  })

  it('a missing DIR is a usage error, an empty one holds no bundle; without DIR, verify needs a repository', () => {
    const {cwd} = exported()
    const missing = sei(['verify', 'no-such-export', '--json'], {cwd})
    assert.equal(missing.status, 2)
    assert.equal(JSON.parse(missing.stdout).error.code, 'EVIDENCE_DIR_MISSING')
    mkdirSync(join(cwd, 'empty'))
    const empty = sei(['verify', 'empty', '--json'], {cwd})
    assert.equal(empty.status, 1)
    assert.equal(JSON.parse(empty.stdout).error.code, 'NO_EVIDENCE')
    const none = sei(['verify', '--json'], {cwd})
    assert.equal(none.status, 2)
    assert.equal(JSON.parse(none.stdout).error.code, 'NOT_A_GIT_REPO')
  })
})
