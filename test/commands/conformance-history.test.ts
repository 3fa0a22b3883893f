import assert from 'node:assert/strict'
import {chmodSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {execFileSync} from 'node:child_process'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {writeSignedFile} from '../../src/engine/evidence/index.js'
import {isolatedEnv, sei} from '../helpers/cli.js'
import {git} from '../helpers/git-repo.js'
import {resignedFixture} from './conformance-helpers.js'
import type {Signer} from '@sei/sdk'

/** A `git` first on PATH that counts its invocations, then runs the real git. */
function countingGit(): {dir: string; log: string} {
  const dir = mkdtempSync(join(tmpdir(), 'sei-git-count-'))
  const real = execFileSync('sh', ['-c', 'command -v git'], {encoding: 'utf8'}).trim()
  const log = join(dir, 'calls.log')
  writeFileSync(join(dir, 'git'), `#!/bin/sh\necho "$1" >> '${log}'\nexec '${real}' "$@"\n`)
  chmodSync(join(dir, 'git'), 0o755)
  writeFileSync(log, '')
  return {dir, log}
}

/** Commits `n` more re-signed revisions of the bundle (each a different intended_purpose text). */
async function addRevisions(repo: string, signer: Signer, n: number, from = 0): Promise<void> {
  const dir = join(repo, '.froga')
  for (let i = from; i < from + n; i++) {
    const bundle = JSON.parse(readFileSync(join(dir, 'bundle.json'), 'utf8')) as {intended_purpose: string}
    bundle.intended_purpose = `${bundle.intended_purpose.replace(/ \(rev \d+\)$/, '')} (rev ${i})`
    await writeSignedFile(dir, 'bundle.json', Buffer.from(JSON.stringify(bundle, null, 2)), signer)
    git(repo, ['add', '.froga'])
    git(repo, ['commit', '-q', '-m', `run: rev ${i}`])
  }
}

describe('sei conformance --history', () => {
  it('reads any number of bundle revisions with the same, small number of git processes', async () => {
    const {repo, keyFile, signer: ours} = await resignedFixture('quickstart', '.froga')
    const env = isolatedEnv({SEI_SIGNING_KEY: keyFile})
    const counter = countingGit()
    const pathEnv = {...env, PATH: `${counter.dir}:${env.PATH}`}
    const calls = () => readFileSync(counter.log, 'utf8').split('\n').filter(Boolean).length

    await addRevisions(repo, ours, 2)
    writeFileSync(counter.log, '')
    const small = sei(['conformance', '--repo', repo, '--history', '--json'], {env: pathEnv})
    // Projected BLOCKED (exit 1): the replayed export is stale for sei.
    assert.equal(small.status, 1, small.stdout + small.stderr)
    const smallCalls = calls()
    const h1 = (JSON.parse(small.stdout) as {result: {history: {signature_valid: boolean}[]}}).result.history
    // The reference's own run (signed by its key, not this repository's PUBKEY.txt) is flagged; ours verify.
    assert.deepEqual(
      h1.map((r) => r.signature_valid),
      [false, true, true],
    )

    await addRevisions(repo, ours, 20, 2)
    writeFileSync(counter.log, '')
    const large = sei(['conformance', '--repo', repo, '--history', '--json'], {env: pathEnv})
    assert.equal(large.status, 1, large.stderr)
    assert.equal((JSON.parse(large.stdout) as {result: {history: unknown[]}}).result.history.length, 23)
    assert.equal(calls(), smallCalls, readFileSync(counter.log, 'utf8'))
    assert.ok(smallCalls <= 12, `git ran ${smallCalls} times`)
  })
})
