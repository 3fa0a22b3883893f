import {createHash} from 'node:crypto'
import {
  domainProblems,
  evaluateControls,
  exAnteControls,
  gateVerdict,
  lookupMeasure,
  metricsTable,
  pointerOf,
  type MetricsTable,
  valueSources,
} from '../controls/index.js'
import {ExitCode, SeiError} from '../errors.js'
import {parseEvidenceJson, stableJson} from '../canonical/index.js'
import {assembleBundle, type DeclaredAuthorities, scanJsonKeys, treatmentEvents} from '../evidence/index.js'
import type {GeneratedBom} from '../environment/index.js'
import type {ComputedSections} from '../lock/index.js'
import type {LoadedManifest} from '../manifest/index.js'
import {analyseRisks} from '../risk/index.js'
import {type GateRow, gateRows} from './gate.js'
import {gitIdentity} from '../git/index.js'
import {yaml} from '../manifest/index.js'

const METRICS_ACTIONS = ['Fix the pipeline step that writes the metrics file, then run `sei run` again.']

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
  /** Every file of `pipeline.metrics`, as the pipeline wrote it (JSON, or YAML by its extension). */
  metricsFiles: {path: string; text: string}[]
  previousBundleText?: string
  /** The authority the catalog of each cited standard declares (means_of_conformance). */
  authorities: DeclaredAuthorities
  /** The SBOM of the pipeline's environment: its digest and summary go into the bundle's `bom`. */
  bom?: GeneratedBom
}

const isYaml = (path: string) => /\.ya?ml$/i.test(path)

/** One metrics file parsed; a text that is not JSON (or YAML) is METRICS_INVALID at its place. */
function parseMetrics(file: {path: string; text: string}): unknown {
  if (isYaml(file.path)) {
    const doc = yaml().parseDocument(file.text, {uniqueKeys: true})
    const e = doc.errors[0]
    if (!e) return doc.toJS()
    const [line, col] = [e.linePos?.[0].line, e.linePos?.[0].col]
    const message = `${file.path} is not valid YAML: ${e.message.split('\n')[0]}`
    throw new SeiError('METRICS_INVALID', message, {where: {file: file.path, line, col}, actions: METRICS_ACTIONS})
  }
  try {
    return parseEvidenceJson(file.text)
  } catch (error) {
    const message = `${file.path} is not valid JSON: ${(error as Error).message}`
    throw new SeiError('METRICS_INVALID', message, {where: {file: file.path}, actions: METRICS_ACTIONS})
  }
}

/**
 * Metrics that cannot be evidence are refused before anything is evaluated or signed: a key written
 * twice (JSON keeps the last silently), a lookup key naming two values (`{"a.b": 1, "a": {"b": 2}}`,
 * or one key in two files: `dvc metrics show` refuses it too), and a value outside its metric's domain
 * (a fairness difference of -0.5 would pass `< 0.1`). METRICS_INVALID names the key, the measure and
 * the place in the file.
 */
type MetricsText = {path: string; text: string}

function checkMetrics(manifest: LoadedManifest['manifest'], table: MetricsTable, files: MetricsText[]): void {
  const keysOf = new Map(files.filter((f) => !isYaml(f.path)).map((f) => [f.path, scanJsonKeys(f.text)]))
  for (const [file, {duplicates}] of keysOf) {
    if (duplicates.length === 0) continue
    const d = duplicates[0]
    const message = `${file} writes the key "${d.path.join('.')}" twice: JSON would keep the last value silently`
    throw new SeiError('METRICS_INVALID', message, {
      exit: ExitCode.invalidInput,
      where: {file, line: d.line, col: d.col},
      problems: duplicates.map((x) => `${file}:${x.line}:${x.col} duplicate key "${x.path.join('.')}"`),
      actions: ['Make the pipeline write each measure once.'],
    })
  }
  const place = (at: {file: string; path: string[]}) => {
    const same = (x: {path: string[]}) => x.path.length === at.path.length && x.path.every((p, i) => p === at.path[i])
    const k = keysOf.get(at.file)?.keys.find(same)
    return {file: at.file, line: k?.line, col: k?.col, text: k ? `${at.file}:${k.line}:${k.col}` : at.file}
  }
  const ambiguous = exAnteControls(manifest).flatMap(({measure}) => {
    const hit = lookupMeasure(table, measure)
    return 'ambiguous' in hit ? [{measure: measure.id, key: hit.key, at: hit.ambiguous}] : []
  })
  if (ambiguous.length > 0) {
    const [a] = ambiguous
    const places = a.at.map(pointerOf).join(', ')
    const message = `${a.measure}: the key "${a.key}" names ${a.at.length} values (${places}); nothing signed`
    throw new SeiError('METRICS_INVALID', message, {
      exit: ExitCode.invalidInput,
      where: place(a.at[0]),
      problems: ambiguous.map((x) => `${x.measure}: "${x.key}" at ${x.at.map((e) => place(e).text).join(' and ')}`),
      actions: ['Set metrics_key on the measure to one path, or make the pipeline write the key once.'],
    })
  }
  const problems = domainProblems(manifest, table)
  if (problems.length === 0) return
  const [p0] = problems
  const first = place(p0.at)
  const message = `${p0.measure} (${p0.metric}) is ${p0.value}, outside its domain [${p0.domain.join(
    ', ',
  )}]; nothing signed`
  throw new SeiError('METRICS_INVALID', message, {
    exit: ExitCode.invalidInput,
    where: {file: first.file, line: first.line, col: first.col},
    problems: problems.map((p) => {
      return `${place(p.at).text} ${p.measure}: ${p.metric} = ${p.value} is outside [${p.domain.join(', ')}]`
    }),
    actions: ['Fix the metric computation (out of domain: a sign, scale or overflow bug), then run `sei run` again.'],
  })
}

/** P7–P10: metrics → controls → treatment events → risks → bundle bytes. */
export async function evaluateRun(input: EvaluateInput): Promise<Evaluation> {
  const {manifest} = input.loaded
  const table = metricsTable(input.metricsFiles.map((f) => ({path: f.path, data: parseMetrics(f)})))
  checkMetrics(manifest, table, input.metricsFiles)
  let previousBundle: unknown
  try {
    previousBundle = input.previousBundleText ? parseEvidenceJson(input.previousBundleText) : undefined
  } catch {
    previousBundle = undefined // a committed bundle that is not JSON has no results to compare with
  }
  const controlResults = evaluateControls(manifest, table)
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
    valueSources: valueSources(manifest, table),
    authorities: input.authorities,
    previousCommit: previousBundle ? ((previousBundle as {triple?: {code?: string}}).triple?.code ?? null) : undefined,
  })
  const rows = gateRows(manifest, bundle as {control_results: []})
  return {
    gate: gateVerdict(rows),
    controls: rows,
    treatment_events: bundle.treatment_events as unknown[],
    bundleBytes: Buffer.from(stableJson(bundle), 'utf8'),
    bom: input.bom,
  }
}
