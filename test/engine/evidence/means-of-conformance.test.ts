import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {citedStandards, type DeclaredAuthorities, meansOfConformance} from '../../../src/engine/evidence/index.js'
import type {Manifest} from '../../../src/engine/manifest/index.js'

const manifest = {
  apiVersion: 'seigarrena.dev/v1alpha1',
  kind: 'AISystem',
  system: {name: 'demo'},
  risk: {
    risks: [
      {
        id: 'risk.a',
        title: 'A',
        impact: {individual: 'LOW'},
        likelihood: 'RARE',
        treat: [
          {
            method: 'REDUCE',
            measures: [
              {
                id: 'm1',
                metric: 'x',
                constraint: '> 0.5',
                evaluation: 'manual',
                article: '10',
                standard_clauses: ['eu/pren-18228@2026#9.2', 'nist/ai-rmf@2023#map-1'],
                frameworks: ['eu/dora@2022#art-6'],
              },
              {id: 'm2', metric: 'y', constraint: '> 0.5', evaluation: 'manual', article: '15', frameworks: ['x/y@1']},
            ],
          },
        ],
      },
    ],
  },
} as unknown as Manifest

const row = (declared: DeclaredAuthorities, article: string) =>
  meansOfConformance(manifest, [], declared).find((r) => r.article === article)!

describe('means_of_conformance: the authority of a standard', () => {
  it("is its catalog's; a regulation has none; an uncatalogued standard is placed by its body", () => {
    // A catalog that (for the test) declares the prEN international: the declaration wins over the eu/pren- body.
    const declared: DeclaredAuthorities = new Map([
      ['eu/pren-18228@2026', 'international'],
      ['eu/dora@2022', 'regulation'],
    ])
    assert.deepEqual(row(declared, '10').sources, [
      {id: 'eu/dora@2022', clauses: ['eu/dora@2022#art-6']},
      {id: 'eu/pren-18228@2026', authority: 'international', clauses: ['eu/pren-18228@2026#9.2']},
      {id: 'nist/ai-rmf@2023', authority: 'de_facto', clauses: ['nist/ai-rmf@2023#map-1']},
    ])
    // international outranks de_facto.
    assert.equal(row(declared, '10').highest_authority, 'international')
    // Without a catalog the prEN is a harmonised draft (FORMATS.md §3), which still outranks de_facto.
    assert.equal(row(new Map(), '10').sources![1].authority, 'harmonized_draft')
    assert.equal(row(new Map(), '10').highest_authority, 'harmonized_draft')
    // An id neither a catalog nor a known body places has no authority, and the row no highest_authority.
    assert.deepEqual(row(new Map(), '15').sources, [{id: 'x/y@1', clauses: ['x/y@1']}])
    assert.equal(row(new Map(), '15').highest_authority, undefined)
  })

  it('needs only the catalogs the measures cite', () => {
    assert.deepEqual(citedStandards(manifest), ['eu/dora@2022', 'eu/pren-18228@2026', 'nist/ai-rmf@2023', 'x/y@1'])
  })
})
