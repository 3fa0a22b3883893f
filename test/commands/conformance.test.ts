import assert from 'node:assert/strict'
import {existsSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {stableJson} from '../../src/engine/canonical/index.js'
import {isolatedEnv, sei} from '../helpers/cli.js'
import {replayFixture} from '../helpers/fixtures.js'
import {referenceCases} from '../engine/projections/reference-conformance.js'
import {
  acmeCatalog,
  citeAcme,
  fixtureCopy,
  makeCatalogPlugin,
  resignedFixture,
  seiFamilyNovacredit,
} from './conformance-helpers.js'

type Clause = {clause_id: string; decision: string; measures: string[]; basis: string}
type Std = {standard: string; clauses: Clause[]}
type Result = {
  status: number
  result: {
    standards: Std[]
    withoutCatalog: string[]
    written: string[]
    history?: {subject: string; signature_valid: boolean; standards: Std[]}[]
    gates: {freshness: string; risk: string; blocking: string[]}
  }
  error?: {code: string; message: string}
}

const json = (args: string[], env = isolatedEnv()): Result => {
  const r = sei([...args, '--json'], {env})
  try {
    return JSON.parse(r.stdout) as Result
  } catch {
    throw new Error(`not JSON (exit ${r.status}): ${r.stdout}\n${r.stderr}`)
  }
}
const decisions = (s: Std) => Object.fromEntries(s.clauses.map((c) => [c.clause_id, c.decision]))
/**
 * The replayed reference exports carry no pipeline code and locks older than the input graph: for sei their
 * evidence is stale, so conformance projects them BLOCKED (exit 1) with the reasons (reference/002).
 */
const projectedBlocked = (r: Result) => {
  assert.equal(r.status, 1, JSON.stringify(r.error ?? r.result?.gates))
  assert.equal(r.result.gates.freshness, 'STALE')
  assert.ok(r.result.gates.blocking.length > 0)
}

describe('sei conformance', () => {
  it('on each replayed fixture, projects each applicable standard with a catalog, in order, as the reference', () => {
    const order: Record<string, string[]> = {
      novacredit: ['eu/pren-18228@2026', 'iso/23894@2023', 'eu/dora@2022', 'eu/pren-18283@2026', 'eu/pren-18282@2026'],
      'retina-screening': [
        'eu/pren-18228@2026',
        'iso/23894@2023',
        'eu/mdr@2017',
        'eu/pren-18283@2026',
        'eu/pren-18282@2026',
      ],
      quickstart: ['iso/23894@2023'],
    }
    const refs = referenceCases()
    for (const [fixture, expected] of Object.entries(order)) {
      const r = json(['conformance', '--repo', replayFixture(fixture as 'quickstart')])
      projectedBlocked(r)
      assert.deepEqual(
        r.result.standards.map((s) => s.standard),
        expected,
        fixture,
      )
      assert.deepEqual(r.result.withoutCatalog, fixture === 'quickstart' ? [] : ['eu/ai-act@2024'])
      for (const s of r.result.standards) {
        const ref = refs.find((c) => c.fixture === fixture && c.standard === s.standard)!
        // HEAD is an approval *request* (no approval given): cl. 11 stays a gap, as in the reference.
        assert.deepEqual(
          decisions(s),
          Object.fromEntries(ref.clauses.map((c) => [c.clause_id, c.decision])),
          `${fixture} ${s.standard}`,
        )
        assert.deepEqual(
          s.clauses.map((c) => c.measures),
          ref.clauses.map((c) => c.measures),
        )
      }
    }
  })

  it('prints clauses grouped by cycle phase with decision, basis and citing measures', () => {
    const r = sei(['conformance', '--repo', replayFixture('quickstart')], {env: isolatedEnv()})
    assert.equal(r.status, 1, r.stderr)
    const lines = r.stdout.split('\n')
    assert.match(lines[0], /^BLOCKED: freshness STALE, risk GREEN$/)
    assert.match(lines[1], /^ {2}\S.*(drift|not in the workspace)/)
    const header = lines.findIndex((l) => l.startsWith('iso/23894@2023 · '))
    assert.ok(header > 1, r.stdout)
    assert.equal(lines[header - 1], '', 'a blank line between the blocking reasons and the projection')
    assert.match(lines[header], /^iso\/23894@2023 · .* · system quickstart-education$/)
    const phase = lines.indexOf('  treatment')
    assert.ok(phase > 0, r.stdout)
    assert.match(lines[phase + 1], /^ {4}COVERED +6\.5 +Risks treated/)
    assert.match(
      lines[phase + 2],
      /↳ 2 of 2 citing measure\(s\) evaluated pass \[measures: accuracy-floor, fairness-parity\]/,
    )
    assert.match(r.stdout, /GAP +6\.4\.2/)
    assert.match(r.stdout, /6 covered · 0 covered \(attested\) · 0 partial · 2 gap/)
    // Retina's manifest cites iso/23894@2023#6.1, which the ISO 23894 catalog (6.2–6.7) does not have.
    const retina = sei(['conformance', '--repo', replayFixture('retina-screening'), '--standard', 'iso/23894@2023'], {
      env: isolatedEnv(),
    })
    assert.match(
      retina.stdout,
      /note: measure governance-risk-management cites iso\/23894@2023#6\.1, which is not a clause of this catalog/,
    )
  })

  it('an unknown --standard exits 2 and lists the available standards', () => {
    const r = json(['conformance', '--repo', replayFixture('quickstart'), '--standard', 'eu/nope@2030'])
    assert.equal(r.status, 2)
    assert.equal(r.error?.code, 'STANDARD_UNKNOWN')
    for (const id of [
      'eu/dora@2022',
      'eu/mdr@2017',
      'eu/pren-18228@2026',
      'eu/pren-18282@2026',
      'eu/pren-18283@2026',
      'iso/23894@2023',
    ])
      assert.ok(r.error?.message.includes(id), r.error?.message)
    const human = sei(['conformance', '--repo', replayFixture('quickstart'), '--standard', 'eu/nope@2030'], {
      env: isolatedEnv(),
    })
    assert.equal(human.status, 2)
    assert.match(human.stderr, /no standard plugin provides "eu\/nope@2030"; available: eu\/dora@2022, /)
  })

  it('--standard projects a standard the manifest does not list', () => {
    const r = json(['conformance', '--repo', replayFixture('quickstart'), '--standard', 'eu/pren-18228@2026'])
    projectedBlocked(r)
    assert.deepEqual(
      r.result.standards.map((s) => s.standard),
      ['eu/pren-18228@2026'],
    )
    // Quickstart declares one misuse case, and its gate measure has no control_tier.
    assert.equal(decisions(r.result.standards[0])['9.1.2'], 'gap')
    assert.equal(decisions(r.result.standards[0])['6.2.2'], 'covered')
  })

  it('each gap and partial says what would cover it: the clause id to cite, or the criterion and what meets it', () => {
    for (const fixture of ['quickstart', 'retina-screening', 'novacredit'] as const) {
      const repo = replayFixture(fixture)
      const standards = ['eu/pren-18228@2026', 'iso/23894@2023'].map((id) => {
        const r = json(['conformance', '--repo', repo, '--standard', id])
        projectedBlocked(r)
        return r.result.standards[0]
      })
      for (const std of standards) {
        for (const c of std.clauses.filter((x) => x.decision === 'gap' || x.decision === 'partial')) {
          assert.match(c.basis, /; to cover: |, or cite /, `${fixture} ${std.standard} ${c.clause_id}: ${c.basis}`)
        }
      }
      const iso = decisions(standards[1])
      // decisions stay the reference's (FORMATS §5.2: 6.4.2 and 6.4.3 are gaps in every fixture)
      assert.deepEqual([iso['6.4.2'], iso['6.4.3']], ['gap', 'gap'])
      const c642 = standards[1].clauses.find((c) => c.clause_id === '6.4.2')!
      assert.match(c642.basis, /iso\/23894@2023#6\.4\.2/)
    }
  })

  it('refuses a bundle whose signature does not verify (exit 1), and a repository without a bundle', () => {
    const repo = fixtureCopy('quickstart')
    const file = join(repo, '.froga', 'bundle.json')
    writeFileSync(file, readFileSync(file, 'utf8').replace('"quickstart-education"', '"quickstart-educatioN"'))
    const r = json(['conformance', '--repo', repo])
    assert.equal(r.status, 1)
    assert.equal(r.error?.code, 'BUNDLE_SIGNATURE_INVALID')
    const empty = fixtureCopy('quickstart')
    for (const f of ['bundle.json', 'bundle.json.sig']) rmSync(join(empty, '.froga', f))
    const none = json(['conformance', '--repo', empty])
    assert.deepEqual([none.status, none.error?.code], [1, 'NO_EVIDENCE'])
  })

  it('--history projects every committed bundle revision: retina V1 (red) has the gaps V2 (green) closed', () => {
    const r = json(['conformance', '--repo', replayFixture('retina-screening'), '--history'])
    projectedBlocked(r)
    const h = r.result.history!
    assert.deepEqual(
      h.map((x) => x.subject.slice(0, 6)),
      ['run: V', 'run: V'],
    )
    assert.deepEqual(
      h.map((x) => x.signature_valid),
      [true, true],
    )
    const at = (i: number, std: string) => decisions(h[i].standards.find((s) => s.standard === std)!)
    // V1: model-dr-sensitivity (the only gate, cited by 18228 7/9.2, ISO 6.4.4/6.5, MDR gspr-8) failed.
    for (const [std, clause] of [
      ['eu/pren-18228@2026', '7'],
      ['eu/pren-18228@2026', '9.2'],
      ['iso/23894@2023', '6.4.4'],
      ['iso/23894@2023', '6.5'],
      ['eu/mdr@2017', 'mdr.gspr-8-residual-risk'],
    ]) {
      assert.deepEqual([at(0, std)[clause], at(1, std)[clause]], ['gap', 'covered'], `${std} ${clause}`)
    }
    // V1 was replaced by V2: whatever approval it had is no longer current.
    const v1Review = h[0].standards
      .find((s) => s.standard === 'eu/pren-18228@2026')!
      .clauses.find((c) => c.clause_id === '11')!
    assert.match(v1Review.basis, /superseded by a later run/)
    // Everything else is the same in both runs, and V2 equals the current projection.
    assert.deepEqual(at(0, 'eu/pren-18283@2026'), at(1, 'eu/pren-18283@2026'))
    assert.deepEqual(h[1].standards.map(decisions), r.result.standards.map(decisions))
  })

  it('--out writes signed reports in the reference format that `sei verify --all` accepts', async () => {
    const {repo, keyFile} = await resignedFixture('quickstart', '.froga')
    const env = isolatedEnv({SEI_SIGNING_KEY: keyFile})
    const r = json(['conformance', '--repo', repo, '--out'], env)
    projectedBlocked(r)
    assert.deepEqual(r.result.written, [
      '.froga/conformance/iso_23894_2023.json',
      '.froga/conformance/iso_23894_2023.json.sig',
    ])
    const text = readFileSync(join(repo, '.froga', 'conformance', 'iso_23894_2023.json'), 'utf8')
    const doc = JSON.parse(text) as {
      schema_version: number
      kind: string
      system: string
      gates: {freshness: string; risk: string}
      payload: {standard: string; clauses: Clause[]}
    }
    assert.equal(text, stableJson(doc))
    // The reference format, and the gates the claim stands on (reference/002): this export is stale.
    assert.deepEqual(doc.gates, {freshness: 'STALE', risk: 'GREEN'})
    assert.deepEqual(
      [doc.schema_version, doc.kind, doc.system, doc.payload.standard],
      [1, 'conformance', 'quickstart-education', 'iso/23894@2023'],
    )
    const ref = referenceCases().find((c) => c.fixture === 'quickstart')!
    assert.deepEqual(
      doc.payload.clauses.map((c) => [c.clause_id, c.decision, c.measures]),
      ref.clauses.map((c) => [c.clause_id, c.decision, c.measures]),
    )
    const verify = sei(['verify', '--all', '--repo', repo], {env})
    assert.equal(verify.status, 0, verify.stdout + verify.stderr)
    assert.match(verify.stdout, /ok {3}\.froga\/conformance\/iso_23894_2023\.json/)
    // A changed report byte no longer verifies.
    writeFileSync(join(repo, '.froga', 'conformance', 'iso_23894_2023.json'), text.replace('"covered"', '"gap"'))
    assert.equal(sei(['verify', '--all', '--repo', repo], {env}).status, 1)
  })

  it('in a sei repository, --out writes .sei/conformance/<slug>.json per standard, all verifiable', async () => {
    const {repo, keyFile} = await seiFamilyNovacredit()
    const env = isolatedEnv({SEI_SIGNING_KEY: keyFile})
    const r = json(['conformance', '--repo', repo, '--out'], env)
    projectedBlocked(r)
    const slugs = ['eu_pren-18228_2026', 'iso_23894_2023', 'eu_dora_2022', 'eu_pren-18283_2026', 'eu_pren-18282_2026']
    assert.deepEqual(
      r.result.written,
      slugs.flatMap((s) => [`.sei/conformance/${s}.json`, `.sei/conformance/${s}.json.sig`]),
    )
    // Same file names as the reference engine wrote for this system.
    const refs = referenceCases().filter((c) => c.fixture === 'novacredit')
    assert.deepEqual(
      refs.map((c) => c.file.replace('.venth/', '.sei/')).sort(),
      slugs.map((s) => `.sei/conformance/${s}.json`).sort(),
    )
    for (const ref of refs) {
      const doc = JSON.parse(readFileSync(join(repo, ref.file.replace('.venth/', '.sei/')), 'utf8')) as {
        payload: {clauses: Clause[]}
      }
      assert.deepEqual(
        doc.payload.clauses.map((c) => [c.clause_id, c.decision]),
        ref.clauses.map((c) => [c.clause_id, c.decision]),
        ref.standard,
      )
    }
    const verify = sei(['verify', '--all', '--repo', repo], {env})
    assert.equal(verify.status, 0, verify.stdout)
    assert.equal(verify.stdout.split('\n').filter((l) => l.startsWith('ok   .sei/conformance/')).length, 5)
  })

  it('--out refuses a signer whose key is not the one that signed the bundle, and writes nothing', async () => {
    const {repo} = await resignedFixture('quickstart', '.froga')
    const other = await resignedFixture('quickstart', '.froga')
    const r = json(['conformance', '--repo', repo, '--out'], isolatedEnv({SEI_SIGNING_KEY: other.keyFile}))
    assert.equal(r.status, 2)
    assert.equal(r.error?.code, 'SIGNER_MISMATCH')
    assert.equal(existsSync(join(repo, '.froga', 'conformance')), false)
  })

  it('a third-party standard plugin linked with `sei plugins link` is projected like a bundled one', () => {
    const env = isolatedEnv()
    const plugin = makeCatalogPlugin('sei-standard-acme-linked', acmeCatalog)
    assert.equal(sei(['plugins', 'link', plugin, '--no-install'], {env}).status, 0)
    const repo = fixtureCopy('quickstart')
    citeAcme(repo)
    const r = json(['conformance', '--repo', repo], env)
    projectedBlocked(r)
    assert.deepEqual(
      r.result.standards.map((s) => s.standard),
      ['iso/23894@2023', 'acme/risk@2026'],
    )
    const acme = r.result.standards[1]
    assert.deepEqual(decisions(acme), {'R.1': 'covered', 'R.2': 'covered', 'R.3': 'covered', 'R.4': 'gap'})
    assert.deepEqual(
      acme.clauses.map((c) => c.measures),
      [[], ['fairness-parity'], [], []],
    )
  })

  it('a third-party catalog with a malformed clause is refused, naming the standard (exit 3)', () => {
    const env = isolatedEnv()
    const broken = {...acmeCatalog, clauses: [...acmeCatalog.clauses, {clause_id: 'R.5', title: 'no phase'}]}
    assert.equal(
      sei(['plugins', 'link', makeCatalogPlugin('sei-standard-acme-broken', broken), '--no-install'], {env}).status,
      0,
    )
    const r = json(['conformance', '--repo', replayFixture('quickstart'), '--standard', 'acme/risk@2026'], env)
    assert.equal(r.status, 3)
    assert.equal(r.error?.code, 'PLUGIN_INVALID')
    assert.match(r.error?.message ?? '', /acme\/risk@2026 .*clause 5 needs text "clause_id", "cycle_phase" and "title"/)
  })
})
