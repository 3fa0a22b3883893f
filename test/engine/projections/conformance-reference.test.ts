import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {parsePublicKeyHex, verifyEnvelope} from '../../../src/engine/evidence/index.js'
import {analyseManifest} from '../../../src/engine/manifest/index.js'
import {conformanceDocument, projectStandard} from '../../../src/engine/projections/index.js'
import {bundledCatalogs, referenceCases} from './reference-conformance.js'

// Acceptance (issue 6): on the same bundle and manifest, our projection reaches the reference's
// decision for every clause the reference decided, with the same citing measures.
describe('conformance against the reference engine', () => {
  it('finds every reference report (5 novacredit, 5 retina, 1 quickstart)', () => {
    const cases = referenceCases()
    assert.deepEqual(cases.map((c) => `${c.fixture}:${c.standard}`).sort(), [
      'novacredit:eu/dora@2022',
      'novacredit:eu/pren-18228@2026',
      'novacredit:eu/pren-18282@2026',
      'novacredit:eu/pren-18283@2026',
      'novacredit:iso/23894@2023',
      'quickstart:iso/23894@2023',
      'retina-screening:eu/mdr@2017',
      'retina-screening:eu/pren-18228@2026',
      'retina-screening:eu/pren-18282@2026',
      'retina-screening:eu/pren-18283@2026',
      'retina-screening:iso/23894@2023',
    ])
  })

  it('decides every clause of every reference report as the reference did, citing the same measures', async () => {
    const catalogs = await bundledCatalogs()
    let clauses = 0
    for (const ref of referenceCases()) {
      const catalog = catalogs.get(ref.standard)
      assert.ok(catalog, `no bundled catalog for ${ref.standard}`)
      const {manifest, problems} = analyseManifest(ref.manifest.toString('utf8'), ref.manifestFile)
      assert.ok(manifest, `${ref.fixture} ${ref.manifestFile}: ${JSON.stringify(problems)}`)
      const key = parsePublicKeyHex(ref.pubkey.toString('utf8'))
      assert.ok(typeof key !== 'string')
      const sig = verifyEnvelope(ref.signature.toString('utf8'), ref.bundle, 'bundle.json', key)
      assert.equal(sig.valid, true)
      // Every report was signed before the approval request commit: no approval existed (cl. 11 gap).
      const ours = projectStandard(catalog, {
        manifest,
        bundle: JSON.parse(ref.bundle.toString('utf8')),
        signature: {valid: true},
        approval: {state: 'none'},
      })
      assert.equal(ours.system, ref.system)
      assert.deepEqual(
        ours.clauses.map((c) => c.clause_id),
        ref.clauses.map((c) => c.clause_id),
        `${ref.fixture} ${ref.standard}: clause order`,
      )
      for (const [i, c] of ours.clauses.entries()) {
        const r = ref.clauses[i]
        const what = `${ref.fixture} ${ref.standard} ${r.clause_id} (reference: ${r.basis}; ours: ${c.basis})`
        assert.equal(c.decision, r.decision, what)
        assert.deepEqual(c.measures, r.measures, what)
        assert.equal(c.cycle_phase, r.cycle_phase, what)
        clauses++
      }
    }
    assert.equal(clauses, 105)
  })

  it('writes the report in the reference shape: same keys, same order, clauses in catalog order', async () => {
    const catalogs = await bundledCatalogs()
    const ref = referenceCases().find((c) => c.fixture === 'retina-screening' && c.standard === 'eu/pren-18228@2026')!
    const {manifest} = analyseManifest(ref.manifest.toString('utf8'), ref.manifestFile)
    const doc = conformanceDocument(
      projectStandard(catalogs.get(ref.standard)!, {
        manifest: manifest!,
        bundle: JSON.parse(ref.bundle.toString('utf8')),
        signature: {valid: true},
        approval: {state: 'none'},
      }),
    ) as {payload: {clauses: Record<string, unknown>[]}}
    assert.deepEqual(Object.keys(doc), ['schema_version', 'kind', 'system', 'payload'])
    assert.deepEqual(Object.keys(doc.payload), ['clauses', 'standard'])
    for (const c of doc.payload.clauses)
      assert.deepEqual(Object.keys(c), ['basis', 'clause_id', 'cycle_phase', 'decision', 'measures', 'title'])
    // Only the basis text (ours is English) and the titles (our own words) differ.
    const strip = (clauses: Record<string, unknown>[]) => clauses.map(({basis: _b, title: _t, ...rest}) => rest)
    assert.deepEqual(strip(doc.payload.clauses), strip(ref.clauses))
  })
})
