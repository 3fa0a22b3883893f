import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import type {Manifest} from '../../../src/engine/manifest/index.js'
import {renderImpact} from '../../../src/cli/render/index.js'
import {assessImpact} from '../../../src/engine/projections/index.js'
import {fileVersions} from '../../helpers/fixtures.js'
import {parseManifest} from '../../../src/engine/manifest/index.js'

const manifest = (system: Record<string, unknown>): Manifest =>
  ({
    apiVersion: 'seigarrena.dev/v1alpha1',
    kind: 'AISystem',
    system: {name: 'sys', ...system},
    risk: {
      appetite: {individual: 'MEDIUM'},
      risks: [
        {id: 'risk.a', title: 'Risk A', impact: {individual: 'HIGH', society: 'LOW'}, likelihood: 'LIKELY'},
        {id: 'risk.b', title: 'Risk B', impact: {organization: 'MEDIUM'}, likelihood: 'RARE'},
      ],
    },
  }) as unknown as Manifest

describe('assessImpact', () => {
  it("ADDRESSED, GAP and DANGLING misuse, each risk's impact, and the dangling reference located", () => {
    const a = assessImpact(
      manifest({
        intended_purpose: 'Screen applications.',
        decisions: ['approve', 'refer'],
        affected_persons: ['applicants'],
        potential_misuses: [
          {id: 'mu.ok', description: 'used on minors', addressed_by: ['risk.a']},
          {id: 'mu.gap', description: 'used for hiring', addressed_by: []},
          {id: 'mu.none', description: 'used as sole decider'},
          {id: 'mu.bad', description: 'reused elsewhere', addressed_by: ['risk.b', 'risk.c']},
        ],
      }),
    )
    assert.deepEqual(
      a.misuse.map((m) => [m.id, m.status]),
      [
        ['mu.ok', 'addressed'],
        ['mu.gap', 'gap'],
        ['mu.none', 'gap'],
        ['mu.bad', 'dangling'],
      ],
    )
    assert.deepEqual(a.misuse[3].addressed_by, [
      {risk_id: 'risk.b', title: 'Risk B', in_register: true},
      {risk_id: 'risk.c', title: undefined, in_register: false},
    ])
    assert.deepEqual(
      a.dangling.map((d) => [d.misuse, d.risk, d.path.join('.')]),
      [['mu.bad', 'risk.c', 'system.potential_misuses.3.addressed_by.1']],
    )
    assert.deepEqual(a.impacts, [
      {risk_id: 'risk.a', title: 'Risk A', individual: 'HIGH', society: 'LOW'},
      {risk_id: 'risk.b', title: 'Risk B', organization: 'MEDIUM'},
    ])
    assert.deepEqual(a.notes, [])
    const text = renderImpact(a)
    assert.match(text, /ADDRESSED {2}mu\.ok/)
    assert.match(text, /GAP {8}mu\.gap/)
    assert.match(text, /DANGLING {3}mu\.bad: reused elsewhere {2}← risk\.b, risk\.c \(not in the register\)/)
    assert.match(text, /1 addressed · 2 gap · 1 dangling/)
  })

  it('notes each missing input of an impact assessment', () => {
    const a = assessImpact(manifest({}))
    assert.equal(a.notes.length, 4)
    assert.match(renderImpact(a), /\(none declared\)/)
  })

  it('the retina fixture: its three misuse cases are all addressed by risks of its register', () => {
    const [v] = fileVersions('retina-screening', (p) => p === 'froga.yaml')
    const a = assessImpact(parseManifest(v.content.toString('utf8'), 'froga.yaml').manifest!)
    assert.deepEqual(
      a.misuse.map((m) => m.status),
      ['addressed', 'addressed', 'addressed'],
    )
    assert.deepEqual(a.affected_persons, ['pacientes', 'medicos_oftalmologos'])
    assert.equal(a.dangling.length, 0)
  })
})
