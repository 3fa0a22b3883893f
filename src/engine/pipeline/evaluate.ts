import {createHash} from 'node:crypto'
import type {StandardCatalog} from '@sei/sdk'
import {domainProblems, evaluateControls} from '../controls/index.js'
import {ExitCode, SeiError} from '../errors.js'
import {assembleBundle, parseEvidenceJson, scanJsonKeys, stableJson, treatmentEvents} from '../evidence/index.js'
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

/**
 * Metrics that cannot be evidence are refused before anything is evaluated or signed: a key written
 * twice (JSON keeps the last silently) and a value outside its metric's domain (a fairness difference
 * of -0.5 would pass `< 0.1`). METRICS_INVALID names the key, the measure and the place in the file.
 */
function checkMetrics(manifest: LoadedManifest['manifest'], metrics: unknown, text: string, file: string): void {
  const {keys, duplicates} = scanJsonKeys(text)
  if (duplicates.length > 0) {
    const d = duplicates[0]
    const message = `${file} writes the key "${d.path.join('.')}" twice: JSON would keep the last value silently`
    throw new SeiError('METRICS_INVALID', message, {
      exit: ExitCode.invalidInput,
      where: {file, line: d.line, col: d.col},
      problems: duplicates.map((x) => `${file}:${x.line}:${x.col} duplicate key "${x.path.join('.')}"`),
      actions: ['Make the pipeline write each measure once.'],
    })
  }
  const problems = domainProblems(manifest, metrics)
  if (problems.length === 0) return
  const at = (measure: string) => keys.find((k) => k.path.length === 1 && k.key === measure)
  const first = at(problems[0].measure)
  const [p0] = problems
  const message = `${p0.measure} (${p0.metric}) is ${p0.value}, outside its domain [${p0.domain.join(', ')}]; nothing signed`
  throw new SeiError('METRICS_INVALID', message, {
    exit: ExitCode.invalidInput,
    where: {file, line: first?.line, col: first?.col},
    problems: problems.map((p) => {
      const k = at(p.measure)
      const place = k ? `:${k.line}:${k.col}` : ''
      return `${file}${place} ${p.measure}: ${p.metric} = ${p.value} is outside [${p.domain.join(', ')}]`
    }),
    actions: ['Fix the metric computation (out of domain: a sign, scale or overflow bug), then run `sei run` again.'],
  })
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
  checkMetrics(manifest, metrics, input.metricsText, input.metricsPath)
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
