import {createHash} from 'node:crypto'
import type {StandardCatalog} from '@sei/sdk'
import {evaluateControls} from '../controls/index.js'
import {ExitCode, SeiError} from '../errors.js'
import {assembleBundle, parseEvidenceJson, stableJson, treatmentEvents} from '../evidence/index.js'
import type {GeneratedBom} from '../environment/index.js'
import type {ComputedSections} from '../lock/index.js'
import type {LoadedManifest} from '../manifest/index.js'
import {analyseRisks} from '../risk/index.js'
import {type GateRow, gateRows} from './gate.js'
import {gitIdentity} from './git.js'

export type Evaluation = {
  gate: 'GREEN' | 'RED'
  controls: GateRow[]
  treatment_events: unknown[]
  bundleBytes: Uint8Array
  bom?: GeneratedBom
}

export type EvaluateInput = {
  root: string
  loaded: LoadedManifest
  computed: ComputedSections
  metricsText: string
  metricsPath: string
  previousBundleText?: string
  standards: Map<string, StandardCatalog>
  /** The SBOM of the pipeline's environment: its digest and summary go into the bundle's `bom`. */
  bom?: GeneratedBom
}

/** P7–P10: metrics → controls → treatment events → risks → bundle bytes. */
export async function evaluateRun(input: EvaluateInput): Promise<Evaluation> {
  const {manifest} = input.loaded
  let metrics: unknown
  try {
    metrics = parseEvidenceJson(input.metricsText)
  } catch (error) {
    throw new SeiError('METRICS_INVALID', `${input.metricsPath} is not valid JSON: ${(error as Error).message}`, {exit: ExitCode.invalidInput, where: {file: input.metricsPath}})
  }
  let previousBundle: unknown
  try {
    previousBundle = input.previousBundleText ? parseEvidenceJson(input.previousBundleText) : undefined
  } catch {
    previousBundle = undefined // a committed bundle that is not JSON has no results to compare with
  }
  const controlResults = evaluateControls(manifest, metrics)
  const {triple, croissant, pipelineLock, metrics: metricsFile} = input.computed
  const bundle = assembleBundle({
    manifest,
    controlResults,
    riskAnalysis: analyseRisks(manifest, controlResults),
    treatmentEvents: treatmentEvents(previousBundle, controlResults, {anchoredCommit: triple.code}),
    triple,
    assessor: gitIdentity(input.root),
    croissant: croissant && {json: croissant.json, sha256: croissant.descriptor, path: croissant.path},
    pipelineLock,
    manifestFile: {path: input.loaded.file, sha256: createHash('sha256').update(input.loaded.text).digest('hex')},
    metricsFile,
    bom: input.bom && {sha256: input.bom.sha256, components: input.bom.components},
    previousCommit: previousBundle ? ((previousBundle as {triple?: {code?: string}}).triple?.code ?? null) : undefined,
  })
  const rows = gateRows(manifest, bundle as {control_results: []})
  const red = rows.some((r) => r.blocking && !r.passed)
  return {gate: red ? 'RED' : 'GREEN', controls: rows, treatment_events: bundle.treatment_events as unknown[], bundleBytes: Buffer.from(stableJson(bundle), 'utf8'), bom: input.bom}
}
