import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {writeSignedFile} from '../../src/engine/evidence/index.js'
import {isolatedEnv, sei} from '../helpers/cli.js'
import {git, gitIdentity} from '../helpers/git-repo.js'
import {fixtureCopy, resignedFixture} from './conformance-helpers.js'

type Clause = {clause_id: string; decision: string; basis: string}
const clause11 = (repo: string, env: Record<string, string | undefined>): Clause => {
  const r = sei(['conformance', '--repo', repo, '--standard', 'eu/pren-18228@2026', '--json'], {env})
  // The replayed export is stale for sei (no pipeline code): projected, BLOCKED by the freshness gate.
  assert.equal(r.status, 1, r.stdout + r.stderr)
  const result = (JSON.parse(r.stdout) as {result: {standards: {clauses: Clause[]}[]; gates: {freshness: string}}})
    .result
  assert.equal(result.gates.freshness, 'STALE')
  return result.standards[0].clauses.find((c) => c.clause_id === '11')!
}

// prEN 18228 cl. 11 (management review) is covered only while a management approval is current.
// The reference decided it GAP in every report because its reports were signed before any approval
// existed (the fixtures end with an approval *request*); here approvals are given, so it changes.
describe('sei conformance and management approval (prEN 18228 cl. 11)', () => {
  it('the replayed retina history ends with a request: pending, so GAP as in the reference', () => {
    const c = clause11(fixtureCopy('retina-screening'), isolatedEnv())
    assert.equal(c.decision, 'gap')
    assert.match(c.basis, /approval requested, not yet given/)
  })

  it('approve → COVERED; review → GAP; approve → COVERED; a later run (committed or not) → GAP (stale)', async () => {
    const {repo, keyFile, signer} = await resignedFixture('retina-screening', '.froga')
    git(repo, ['add', '-A', '.froga'])
    git(repo, ['commit', '-q', '-m', 'run: re-signed evidence'])
    const env = isolatedEnv({SEI_SIGNING_KEY: keyFile, ...gitIdentity})
    const act = (kind: string, by: string) => {
      const r = sei([kind, '--repo', repo, '--by', by], {env})
      assert.equal(r.status, 0, r.stdout + r.stderr)
    }
    act('approve', 'Marta Demo <marta@demo.example>')
    let c = clause11(repo, env)
    assert.equal(c.decision, 'covered')
    assert.match(c.basis, /current management approval by Marta Demo <marta@demo\.example>/)

    act('review', 'Nerea Demo <nerea@demo.example>')
    c = clause11(repo, env)
    assert.deepEqual([c.decision, /under periodic review/.test(c.basis)], ['gap', true], c.basis)

    act('approve', 'Marta Demo <marta@demo.example>')
    assert.equal(clause11(repo, env).decision, 'covered')

    // A new run rewrites the bundle: until committed, the approval cannot vouch for it.
    const dir = join(repo, '.froga')
    const bundle = JSON.parse(readFileSync(join(dir, 'bundle.json'), 'utf8')) as {intended_purpose: string}
    bundle.intended_purpose += ' (rerun)'
    await writeSignedFile(dir, 'bundle.json', Buffer.from(JSON.stringify(bundle, null, 2)), signer)
    c = clause11(repo, env)
    assert.deepEqual([c.decision, /stale/.test(c.basis)], ['gap', true], c.basis)
    git(repo, ['add', '-A', '.froga'])
    git(repo, ['commit', '-q', '-m', 'run: after the approval'])
    c = clause11(repo, env)
    assert.deepEqual([c.decision, /stale/.test(c.basis)], ['gap', true], c.basis)
  })
})
