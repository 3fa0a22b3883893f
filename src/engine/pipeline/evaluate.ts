import type {StandardCatalog} from '@sei/sdk'
import {ExitCode, SeiError} from '../errors.js'
import type {ComputedSections} from '../lock/index.js'
import type {LoadedManifest} from '../manifest/index.js'
import {type GateRow, gateRows} from './gate.js'
import {gitIdentity} from './git.js'

export type Evaluation = {
  gate: 'GREEN' | 'RED'
  controls: GateRow[]
  treatment_events: unknown[]
  bundleBytes: Uint8Array
}

export type EvaluateInput = {
  root: string
  loaded: LoadedManifest
  computed: ComputedSections
  metricsText: string
  metricsPath: string
  previousBundleText?: string
  standards: Map<string, StandardCatalog>
}

type Fn = (...args: unknown[]) => unknown

async function concern(spec: string, names: string[]): Promise<Record<string, Fn>> {
  let mod: Record<string, unknown>
  try {
    mod = await import(spec)
  } catch (error) {
    throw new SeiError('ENGINE_INCOMPLETE', `this build of sei lacks ${spec} (${(error as Error).message})`, {exit: ExitCode.environment})
  }
  for (const n of names) {
    if (typeof mod[n] !== 'function') throw new SeiError('ENGINE_INCOMPLETE', `this build of sei lacks ${n} in ${spec}`, {exit: ExitCode.environment})
  }
  return mod as Record<string, Fn>
}

/** P7–P10 through the controls, risk and evidence concerns: metrics → controls → risks → bundle bytes. */
export async function evaluateRun(input: EvaluateInput): Promise<Evaluation> {
  const evidence = await concern('../evidence/index.js', ['parseEvidenceJson', 'stableJson', 'assembleBundle', 'treatmentEvents'])
  const controls = await concern('../controls/index.js', ['evaluateControls'])
  const risk = await concern('../risk/index.js', ['analyseRisks'])
  const {manifest} = input.loaded
  let metrics: unknown
  try {
    metrics = evidence.parseEvidenceJson(input.metricsText)
  } catch (error) {
    throw new SeiError('METRICS_INVALID', `${input.metricsPath} is not valid JSON: ${(error as Error).message}`, {exit: ExitCode.invalidInput, where: {file: input.metricsPath}})
  }
  const previousBundle = input.previousBundleText ? evidence.parseEvidenceJson(input.previousBundleText) : undefined
  const evaluated = await controls.evaluateControls(manifest, metrics)
  const controlResults = Array.isArray(evaluated) ? evaluated : ((evaluated as {control_results?: unknown[]; results?: unknown[]}).control_results ?? (evaluated as {results?: unknown[]}).results ?? [])
  const riskAnalysis = await risk.analyseRisks(manifest, controlResults)
  const events = await evidence.treatmentEvents(previousBundle, controlResults, {anchoredCommit: input.computed.triple.code})
  const bundle = await evidence.assembleBundle({
    manifest,
    metrics,
    controlResults,
    riskAnalysis,
    treatmentEvents: events,
    previousBundle,
    triple: input.computed.triple,
    croissant: input.computed.croissant ? {json: input.computed.croissant.json, digest: input.computed.croissant.descriptor, path: input.computed.croissant.path} : undefined,
    pipelineLockDigest: input.computed.pipelineLock ? `sha256:${input.computed.pipelineLock.sha256}` : undefined,
    metricsFile: input.computed.metrics ? {path: input.computed.metrics.path, digest: `sha256:${input.computed.metrics.sha256}`} : undefined,
    sections: input.computed.sections,
    assessor: gitIdentity(input.root),
    standards: input.standards,
    root: input.root,
  }) as {control_results?: []; treatment_events?: unknown[]}
  const text = evidence.stableJson(bundle) as string
  const rows = gateRows(manifest, bundle)
  const red = rows.some((r) => r.blocking && !r.passed)
  return {gate: red ? 'RED' : 'GREEN', controls: rows, treatment_events: bundle.treatment_events ?? [], bundleBytes: Buffer.from(text, 'utf8')}
}
