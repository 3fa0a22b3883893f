import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {cpSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {projectRoot} from '../helpers/cli.js'
import {replayFixture} from '../helpers/fixtures.js'
import {hasPythonEnv, pythonBin} from '../helpers/python.js'
import {readmeLine} from '../helpers/readme.js'

// README "Verifying evidence without sei", line for line, on an exported evidence folder (the reference
// engine's signatures, so the r‖s encoding is the reference's) in a directory that is no repository.
const hasCosign = spawnSync('cosign', ['version']).status === 0

/** A fresh directory holding `.sei/`: a copy of the replayed fixture's evidence folder. */
function exportedEvidence(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sei-recipe-'))
  cpSync(join(replayFixture('retina-screening'), '.froga'), join(dir, '.sei'), {recursive: true})
  return dir
}

function bash(line: string, cwd: string, env: Record<string, string | undefined> = process.env) {
  return spawnSync('bash', ['-c', line], {cwd, env: env as NodeJS.ProcessEnv, encoding: 'utf8'})
}

/** One flipped byte in the middle of the bundle. */
function tamper(dir: string): void {
  const bundle = join(dir, '.sei', 'bundle.json')
  const bytes = readFileSync(bundle)
  bytes[bytes.length >> 1] ^= 1
  writeFileSync(bundle, bytes)
}

describe("README's verification recipes", () => {
  it('cosign verify-blob-attestation accepts the envelope with the key converted by openssl', {
    skip: !hasCosign && 'cosign is not on PATH (install it to run the cosign recipe)',
  }, () => {
    const dir = exportedEvidence()
    const pem = bash(readmeLine('{ echo 3059'), dir)
    assert.equal(pem.status, 0, pem.stderr)
    const cosign = readmeLine('cosign verify-blob-attestation ')
    const ok = bash(cosign, dir)
    assert.equal(ok.status, 0, ok.stdout + ok.stderr)
    tamper(dir)
    const bad = bash(cosign, dir)
    assert.notEqual(bad.status, 0, bad.stdout + bad.stderr)
  })

  it('the shipped securesystemslib script verifies through the DER conversion; a flipped byte fails', {
    skip: !hasPythonEnv && 'no project Python env (bash scripts/setup-python.sh)',
  }, () => {
    const dir = exportedEvidence()
    const env = {...process.env, SEI_DIR: projectRoot, PATH: `${pythonBin}:${process.env.PATH}`}
    const recipe = readmeLine('python3 "$SEI_DIR/scripts/verify_dsse.py" ')
    const ok = bash(recipe, dir, env)
    assert.equal(ok.status, 0, ok.stderr)
    assert.equal(ok.stdout, 'securesystemslib: valid\n')
    tamper(dir)
    assert.notEqual(bash(recipe, dir, env).status, 0)
  })

  it('the npm package ships the securesystemslib script', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json'], {cwd: projectRoot, encoding: 'utf8'})
    assert.equal(r.status, 0, r.stderr)
    const [pack] = JSON.parse(r.stdout) as {files: {path: string}[]}[]
    assert.ok(
      pack.files.some((f) => f.path === 'scripts/verify_dsse.py'),
      'scripts/verify_dsse.py in the package',
    )
  })
})
