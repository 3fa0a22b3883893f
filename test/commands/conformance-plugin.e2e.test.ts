import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {isolatedEnv, sei} from '../helpers/cli.js'
import {packPlugin} from '../engine/plugins/plugin-factory.js'
import {acmeCatalog, citeAcme, fixtureCopy, makeCatalogPlugin} from './conformance-helpers.js'

// Acceptance (issue 6): `sei plugins install` of a third-party standard plugin packed by a test adds
// a standard that `sei conformance --standard <its id>` projects.
describe('sei conformance with an installed third-party standard', () => {
  it('a plugin installed by `sei plugins install file:…tgz` is projected with --standard, gone once removed', () => {
    const env = isolatedEnv()
    const repo = fixtureCopy('quickstart')
    citeAcme(repo)
    const before = sei(['conformance', '--repo', repo, '--standard', 'acme/risk@2026'], {env})
    assert.equal(before.status, 2, before.stderr)
    const tgz = packPlugin(makeCatalogPlugin('sei-standard-acme', acmeCatalog))
    const install = sei(['plugins', 'install', `file:${tgz}`], {env})
    assert.equal(install.status, 0, install.stderr)
    const r = sei(['conformance', '--repo', repo, '--standard', 'acme/risk@2026', '--json'], {env})
    // Projected, BLOCKED by the freshness gate (the replayed export is stale for sei): exit 1.
    assert.equal(r.status, 1, r.stdout + r.stderr)
    const s = (
      JSON.parse(r.stdout) as {
        result: {
          standards: {
            standard: string
            title: string
            clauses: {clause_id: string; decision: string; measures: string[]}[]
          }[]
        }
      }
    ).result.standards
    assert.deepEqual(
      s.map((x) => [x.standard, x.title]),
      [['acme/risk@2026', 'ACME risk practice 2026']],
    )
    assert.deepEqual(
      s[0].clauses.map((c) => [c.clause_id, c.decision, c.measures]),
      [
        ['R.1', 'covered', []], // stakeholders_identified: quickstart names its affected persons
        ['R.2', 'covered', ['fairness-parity']], // cited by fairness-parity, which passed in the signed bundle
        ['R.3', 'covered', []], // bom_present: the bundle carries the CycloneDX components
        ['R.4', 'gap', []],
      ],
    )
    const human = sei(['conformance', '--repo', repo, '--standard', 'acme/risk@2026'], {env})
    assert.match(
      human.stdout,
      new RegExp(
        String.raw`^BLOCKED: freshness STALE, risk GREEN\n(?: {2}.*\n)+\n` +
          String.raw`acme\/risk@2026 · ACME risk practice 2026 · system quickstart-education\n {2}identify\n`,
      ),
    )
    assert.equal(sei(['plugins', 'uninstall', 'sei-standard-acme'], {env}).status, 0)
    assert.equal(sei(['conformance', '--repo', repo, '--standard', 'acme/risk@2026'], {env}).status, 2)
  })
})
