import assert from 'node:assert/strict'
import {createHash} from 'node:crypto'
import {describe, it} from 'node:test'
import type {ControlResult} from '../../../src/engine/controls/index.js'
import {parseEvidenceJson, stableJson} from '../../../src/engine/canonical/index.js'
import {RESULTS_FILE, SEI_PROP_NS, buildAssessmentResults, compilePlan} from '../../../src/engine/oscal/index.js'
import {gateRows} from '../../../src/engine/pipeline/gate.js'
import {hasPythonEnv} from '../../helpers/python.js'
import {oscalValidator, trestleLoad} from '../../helpers/schemas.js'
import {referenceRuns, type ReferenceRun} from '../evidence/bundle-reference.js'

type Bundle = {control_results: ControlResult[]; triple: {code: string}}
const propsOf = (o: {props?: {name: string; ns?: string; value: string}[]}) =>
  Object.fromEntries((o.props ?? []).map((p) => [p.name, p.value]))

/** The results document sei writes for a reference bundle (the reference's own signed control results). */
function resultsFor(run: ReferenceRun, bom = true) {
  const bundle = parseEvidenceJson(run.bundleText) as Bundle
  const rows = gateRows(run.manifest, bundle)
  const seen = new Set(bundle.control_results.map((r) => r.control_id))
  const doc = buildAssessmentResults({
    manifest: run.manifest,
    manifestFile: 'froga.yaml',
    evidenceDir: '.froga',
    bundle,
    bundleSha256: createHash('sha256').update(run.bundleText).digest('hex'),
    missing: rows
      .filter((r) => !seen.has(r.control_id))
      .map((r) => ({control_id: r.control_id, constraint: r.constraint, note: r.note})),
    gate: rows.some((r) => r.blocking && !r.passed) ? 'RED' : 'GREEN',
    timestamp: '2026-06-12T07:59:23+00:00',
    plan: {path: run.manifest.oscal!.assessment_plan!, sha256: 'a'.repeat(64)},
    bom: bom
      ? {file: 'bom.cdx.json', sha256: 'b'.repeat(64), environment: 'the interpreter on PATH (/x/bin/python)'}
      : undefined,
  }) as any
  return {bundle, doc, ar: doc['assessment-results']}
}

describe("OSCAL assessment-results of a run (on the reference engine's bundles)", () => {
  const runs = referenceRuns()
  for (const run of runs) {
    const label = `${run.fixture}@${run.commit.slice(0, 7)}`
    it(`${label}: valid OSCAL 1.2.3 (NIST schema); one observation per control result, linked to its control`, () => {
      const {bundle, doc, ar} = resultsFor(run)
      const validate = oscalValidator()
      assert.ok(validate(doc), JSON.stringify(validate.errors?.slice(0, 5)))
      const [result] = ar.results
      assert.equal(result.observations.length, bundle.control_results.length)
      const plan = compilePlan(run.manifest).document['component-definition']
      const irs = new Map(
        plan.components[0]['control-implementations']![0]['implemented-requirements'].map((r) => [
          r.uuid,
          r['control-id'],
        ]),
      )
      for (const [i, r] of bundle.control_results.entries()) {
        const o = result.observations[i]
        const p = propsOf(o)
        assert.equal(p['control-id'], r.control_id)
        assert.equal(p.value, stableJson(r.actual_value))
        assert.equal(p.commit, bundle.triple.code)
        if (r.power) {
          assert.equal(p.ci_low, stableJson(r.power.ci_low))
          assert.equal(p.ci_high, stableJson(r.power.ci_high))
        } else {
          assert.equal(p.ci_low, undefined)
        }
        // The link names the implemented-requirement of the compiled plan by its UUID.
        const [path, uuid] = o.links[0].href.split('#')
        assert.equal(path, `../${run.manifest.oscal!.assessment_plan}`)
        assert.equal(irs.get(uuid), r.control_id)
        assert.equal(o['relevant-evidence'][0].href, `#${ar['back-matter'].resources[1].uuid}`)
      }
    })
    it(`${label}: a finding per failing control, as the reference decided; reviewed-controls name the measures`, () => {
      const {bundle, ar} = resultsFor(run)
      const [result] = ar.results
      const failing = bundle.control_results.filter((r) => !r.passed).map((r) => r.control_id)
      assert.deepEqual(
        (result.findings ?? []).map((f: any) => f.target['target-id']),
        failing,
      )
      for (const f of result.findings ?? []) {
        assert.equal(f.target.status.state, 'not-satisfied')
        const o = result.observations.find((x: any) => x.uuid === f['related-observations'][0]['observation-uuid'])
        assert.equal(propsOf(o)['control-id'], f.target['target-id'])
      }
      const compiled = compilePlan(run.manifest).document['component-definition'].components[0][
        'control-implementations'
      ]![0]['implemented-requirements'].map((r) => r['control-id'])
      assert.deepEqual(
        result['reviewed-controls']['control-selections'][0]['include-controls'].map((c: any) => c['control-id']),
        compiled,
      )
      // Every prop is sei's, in sei's namespace.
      const all = JSON.stringify(ar).match(/"name":"[^"]+","ns":"[^"]+"/g) ?? []
      assert.ok(all.length > 0)
      assert.equal(
        JSON.stringify(ar).split('"name":').length -
          1 -
          (JSON.stringify(ar).match(/"ns":"https:\/\/seigarrena\.dev\/ns\/oscal"/g) ?? []).length,
        0,
        'every prop has ns',
      )
      assert.ok(all.every((s) => s.endsWith(`"ns":"${SEI_PROP_NS}"`)))
    })
  }
  it('retina V1 (RED): the recall gate fails and is a finding; V2 (GREEN) has none', () => {
    const [v1, v2] = runs.filter((r) => r.fixture === 'retina-screening').map((r) => resultsFor(r).ar.results[0])
    assert.ok(v1.findings.some((f: any) => f.target['target-id'] === 'model-dr-sensitivity'))
    assert.equal(v2.findings, undefined)
  })
  it('deterministic: the same run gives the same bytes; UUIDs follow the bundle', () => {
    const run = runs[0]
    assert.equal(stableJson(resultsFor(run).doc), stableJson(resultsFor(run).doc))
    const other = resultsFor(runs[1]).ar
    assert.notEqual(resultsFor(run).ar.uuid, other.uuid)
    assert.equal(RESULTS_FILE, 'assessment-results.oscal.json')
  })
  it('a blocking control without a value is a finding too (no observation to relate)', () => {
    const run = runs.find((r) => r.fixture === 'quickstart')!
    const bundle = parseEvidenceJson(run.bundleText) as Bundle
    const cut = {...run, bundleText: stableJson({...bundle, control_results: bundle.control_results.slice(1)})}
    const missingId = bundle.control_results[0].control_id
    const {doc, ar} = resultsFor(cut)
    const f = ar.results[0].findings.find((x: any) => x.target['target-id'] === missingId)
    assert.ok(f, 'finding for the missing control')
    assert.equal(f['related-observations'], undefined)
    assert.ok(oscalValidator()(doc))
  })
  it("loads in compliance-trestle's pydantic AssessmentResults (project .venv), with and without a BOM", {
    skip: !hasPythonEnv && 'no project Python env',
  }, () => {
    for (const run of runs) assert.match(trestleLoad('assessment-results', resultsFor(run).doc), /^AssessmentResults /)
    assert.match(trestleLoad('assessment-results', resultsFor(runs[0], false).doc), /^AssessmentResults /)
  })
  it("the validators are real: a document without observations' required fields is refused by both", {
    skip: !hasPythonEnv && 'no project Python env',
  }, () => {
    const {doc} = resultsFor(runs[0])
    delete doc['assessment-results'].results[0].observations[0].collected
    assert.equal(oscalValidator()(doc), false)
    assert.throws(() => trestleLoad('assessment-results', doc))
  })
})
