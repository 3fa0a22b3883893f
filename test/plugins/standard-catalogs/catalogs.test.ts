import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {CRITERIA} from '../../../src/engine/projections/index.js'
import {projectRoot} from '../../helpers/cli.js'
import {bundledCatalogs, referenceCases} from '../../engine/projections/reference-conformance.js'

const plugins: Record<string, string> = {
  'standard-pren-18228': 'eu/pren-18228@2026',
  'standard-iso-23894': 'iso/23894@2023',
  'standard-dora': 'eu/dora@2022',
  'standard-pren-18282': 'eu/pren-18282@2026',
  'standard-pren-18283': 'eu/pren-18283@2026',
  'standard-mdr': 'eu/mdr@2017',
}

describe('bundled standard catalogs', () => {
  it("have the reference catalogs' clause ids and cycle phases in order (11, 8, 11, 8, 10, 12 clauses)", async () => {
    const catalogs = await bundledCatalogs()
    const seen = new Set<string>()
    for (const ref of referenceCases()) {
      if (seen.has(ref.standard)) continue
      seen.add(ref.standard)
      const ours = catalogs.get(ref.standard)!
      assert.deepEqual(
        ours.clauses.map((c) => [c.clause_id, c.cycle_phase]),
        ref.clauses.map((c) => [c.clause_id, c.cycle_phase]),
        ref.standard,
      )
    }
    assert.equal(seen.size, 6)
    assert.deepEqual(Object.fromEntries([...catalogs].map(([id, c]) => [id, c.clauses.length])), {
      'eu/pren-18228@2026': 11,
      'iso/23894@2023': 8,
      'eu/dora@2022': 11,
      'eu/pren-18282@2026': 8,
      'eu/pren-18283@2026': 10,
      'eu/mdr@2017': 12,
    })
  })

  it("titles are English, in our own words (never the reference's Spanish titles)", async () => {
    const catalogs = await bundledCatalogs()
    for (const ref of referenceCases()) {
      const ours = catalogs.get(ref.standard)!
      for (const [i, c] of ours.clauses.entries()) {
        assert.ok(c.title.length > 0)
        if (/[áéíóúñ]|\b(del|los|las|de la)\b/i.test(ref.clauses[i].title))
          assert.notEqual(c.title, ref.clauses[i].title)
        assert.doesNotMatch(c.title, /\b(del|los|las|sin|riesgo|datos)\b/i, `${ref.standard} ${c.clause_id}`)
      }
    }
  })

  it('each plugin declares exactly the id its hook answers and names only criteria the engine implements', async () => {
    const catalogs = await bundledCatalogs()
    for (const [dir, id] of Object.entries(plugins)) {
      const pkg = JSON.parse(readFileSync(join(projectRoot, 'plugins', dir, 'package.json'), 'utf8'))
      assert.deepEqual(pkg.sei, {kind: 'standard', provides: [id], api: 1}, dir)
      assert.deepEqual(Object.keys(pkg.dependencies), ['@sei/sdk'], `${dir} depends only on @sei/sdk`)
      const catalog = catalogs.get(id)!
      assert.equal(
        new Set(catalog.clauses.map((c) => c.clause_id)).size,
        catalog.clauses.length,
        `${id}: duplicate clause id`,
      )
      for (const c of catalog.clauses) {
        for (const name of [c.criterion, c.fallback].filter(Boolean))
          assert.ok(name! in CRITERIA, `${id} ${c.clause_id}: unknown criterion ${name}`)
        assert.ok(!(c.criterion && c.fallback), `${id} ${c.clause_id}: a criterion decides alone`)
      }
    }
  })

  it('plugin sources import nothing but @sei/sdk and their own files', () => {
    for (const dir of Object.keys(plugins)) {
      for (const file of ['src/catalog.ts', 'src/index.ts', 'src/hooks/standards.ts']) {
        const text = readFileSync(join(projectRoot, 'plugins', dir, file), 'utf8')
        for (const m of text.matchAll(/from '([^']+)'/g))
          assert.ok(m[1] === '@sei/sdk' || m[1].startsWith('.'), `${dir}/${file} imports ${m[1]}`)
      }
    }
  })
})
