import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {evaluateControls} from '../../../src/engine/controls/index.js'
import {createHash} from 'node:crypto'
import {bomSummary} from '../../../src/engine/environment/index.js'
import {parseEvidenceJson, stableJson} from '../../../src/engine/canonical/index.js'
import {assembleBundle, treatmentEvents} from '../../../src/engine/evidence/index.js'
import {bundledHost, listStandards} from '../../../src/engine/plugins/index.js'
import {analyseRisks} from '../../../src/engine/risk/index.js'
import {projectRoot} from '../../helpers/cli.js'
import {referenceRuns} from './bundle-reference.js'

type Bundle = Record<string, unknown> & {
  triple: {code: string; model: string; dataset: string}
  assessor: {name: string; email: string}
  control_results: {control_id: string; enforcement_mode: string; passed: boolean}[]
  bom: unknown
  pipeline_lock_digest: string | null
}

const runs = referenceRuns()

describe('the bundle against every bundle the reference engine signed', async () => {
  // The authorities the bundled standards catalogs declare, as a run passes them.
  const catalogs = await listStandards(bundledHost(projectRoot))
  const authorities = new Map([...catalogs].map(([id, c]) => [id, c.authority]))

  it('covers the four reference bundles (novacredit, quickstart, retina V1 and V2)', () => {
    assert.deepEqual(
      runs.map((r) => `${r.fixture}@${r.commit.slice(0, 7)}`),
      ['novacredit@41abfe7', 'quickstart@a87cdcf', 'retina-screening@1c8f4b0', 'retina-screening@328b88f'],
    )
  })

  for (const run of runs) {
    it(`${run.fixture}@${run.commit.slice(0, 7)}: every field equal byte for byte, bom too (not provenance)`, () => {
      const reference = parseEvidenceJson(run.bundleText) as Bundle
      const metrics = parseEvidenceJson(run.metricsText)
      const previous = run.previousBundleText ? parseEvidenceJson(run.previousBundleText) : undefined
      const controlResults = evaluateControls(run.manifest, metrics)
      const riskAnalysis = analyseRisks(run.manifest, controlResults)
      const events = treatmentEvents(previous, controlResults, {anchoredCommit: reference.triple.code})
      const ours = assembleBundle({
        manifest: run.manifest,
        controlResults,
        riskAnalysis,
        treatmentEvents: events,
        triple: reference.triple,
        assessor: reference.assessor,
        croissant: run.croissant,
        pipelineLock: reference.pipeline_lock_digest
          ? {path: 'dvc.lock', sha256: reference.pipeline_lock_digest.slice(7)}
          : undefined,
        manifestFile: {path: 'sei.yaml'},
        authorities,
        // The reference's CycloneDX file, summarised by sei: digest of its bytes, components in its order.
        bom: {
          sha256: createHash('sha256').update(run.bomBytes!).digest('hex'),
          components: bomSummary(JSON.parse(run.bomBytes!.toString('utf8'))),
        },
      })
      assert.ok(ours.provenance, 'provenance is recorded')
      delete ours.provenance
      for (const key of Object.keys(reference))
        assert.equal(stableJson(ours[key]), stableJson(reference[key]), `field ${key}`)
      assert.deepEqual(
        Object.keys(ours).filter((k) => ours[k] !== undefined),
        Object.keys(reference),
        'top-level keys and their order',
      )
      assert.equal(stableJson(ours), run.bundleText)
    })
  }

  it('retina V2 has exactly one FAIL→PASS arc, on the recall control, tied to the treatment commit', () => {
    const v2 = runs.find((r) => r.commit.startsWith('328b88f'))!
    const current = evaluateControls(v2.manifest, parseEvidenceJson(v2.metricsText))
    const events = treatmentEvents(parseEvidenceJson(v2.previousBundleText!), current, {
      anchoredCommit: '6004635619e894a343724e5a7c3a95ca4c5749e5',
    })
    assert.equal(events.length, 1)
    assert.equal(events[0].control_id, 'model-dr-sensitivity')
    assert.equal(events[0].kind, 'Treatment')
    assert.equal(events[0].previous_commit, '338afe79f1cad739273a8777ab9c0d8d1a3f319a')
  })
})
