import {readFile} from 'node:fs/promises'
import type {Reproducer} from '@sei/sdk'
import {Digester, sha256Hex} from '../digest/index.js'
import {ExitCode, SeiError} from '../errors.js'
import {type ContentPair, type DigestedGraph, assembleGraph, digestGraph} from '../graph/index.js'
import {
  type ComputedSections,
  type Drift,
  INPUT_GRAPH_VERSION,
  type LockFile,
  computeSections,
  drift,
  readLock,
  stalePlanDrift,
} from '../lock/index.js'
import {
  type LoadedManifest,
  type Manifest,
  loadManifest,
  locateManifestError,
  metricsFilesOf,
} from '../manifest/index.js'
import {type PluginHost, findReproducer} from '../plugins/index.js'
import {resolveInside} from '../repo/index.js'
import {validatePipelineOptions} from './options.js'
import {settlePendingWrite} from '../run-lock/index.js'

export type PlanState = {checked: false; why: string} | {checked: true; path: string; current: boolean; digest?: string}

export type RepoState = {
  root: string
  loaded: LoadedManifest
  reproducer?: Reproducer
  digester: Digester
  computed: Omit<ComputedSections, 'triple'>
  graph: DigestedGraph
  lock?: LockFile
  drift: Drift[]
  plan: PlanState
}

export type InspectOptions = {
  config: PluginHost
  cacheDir?: string
  requirePipeline?: boolean
  holdsRunLock?: boolean
  /** The environment the pipeline runs with (default: this process's): its PATH finds the pipeline's Python. */
  env?: Record<string, string | undefined>
}

/**
 * Is the compiled OSCAL plan what `sei compile` would write now (byte for byte: the plan depends on
 * the manifest alone)?
 */
async function checkPlan(root: string, loaded: LoadedManifest, toolFiles: string[]): Promise<PlanState> {
  const rel = loaded.manifest.oscal?.assessment_plan
  if (!rel) return {checked: false, why: 'no oscal.assessment_plan in the manifest'}
  const path = resolveInside(root, rel, 'oscal.assessment_plan')
  let onDisk: string | undefined
  try {
    onDisk = await readFile(path, 'utf8')
  } catch {
    onDisk = undefined
  }
  // planDigest's notation (oscal/index), computed here so that a cached compile loads neither the compiler nor yaml
  const digest = onDisk === undefined ? undefined : `sha256:${sha256Hex(onDisk)}`
  const {cachedPlanDigest, compilePlan, planDigest, refusePlanTarget, rememberPlanDigest} = await import(
    '../oscal/index.js'
  )
  // keyed by the manifest's file name too: the plan's back-matter links it
  const key = `${loaded.file}\0${rel}`
  let expected = cachedPlanDigest(loaded.text, key)
  if (!expected) {
    // the yaml library is loaded only here, for a plan the cache does not know (start-up of status)
    expected = planDigest(compilePlan(loaded.manifest, {manifestFile: loaded.file}).text)
    rememberPlanDigest(loaded.text, key, expected)
  }
  // The same targets compile refuses; a file that is byte for byte the compiled plan needs no parse.
  refusePlanTarget(root, rel, loaded.manifest, {pipelineFiles: toolFiles, isPlan: digest === expected})
  return {checked: true, path: rel, current: digest === expected, digest}
}

/** An optional file's sha256 (the bundle's provenance of dvc.lock and the metrics), undefined when absent. */
async function optionalSha(
  digester: Digester,
  rel: string | undefined,
  what: string,
): Promise<{path: string; sha256: string} | undefined> {
  if (!rel) return undefined
  try {
    return {path: rel, sha256: await digester.file(rel, what)}
  } catch (error) {
    if ((error as {code?: string}).code === 'INPUT_MISSING') return undefined
    throw error
  }
}

/** The lock's md5 inputs paired with the sha256 of the same bytes (digest-graph.ts, ContentPair). */
function contentPairs(lock: LockFile | undefined): Record<string, ContentPair> {
  const pairs: Record<string, ContentPair> = {}
  if (lock?.input_graph !== INPUT_GRAPH_VERSION) return pairs
  for (const section of [lock.sections['measurement-data'], lock.sections['measurement-model']]) {
    for (const [id, content] of Object.entries(section?.content ?? {})) {
      const digest = section?.inputs?.[id]
      if (typeof digest === 'string' && typeof content === 'string') pairs[id] = {digest, content}
    }
  }
  return pairs
}

/**
 * P3: the input graph (reproducer + engine inputs, graph/assemble.ts), digested, and every section's
 * input hash. Run calls it again after the tool rewrote its lock and the metrics, with `content: 'both'`:
 * the lock it writes pairs every md5 input with its sha256.
 */
export async function measureInputs(
  digester: Digester,
  manifest: Manifest,
  reproducer: Reproducer | undefined,
  options: {
    code: string
    planDigest?: string
    cacheDir?: string
    env?: Record<string, string | undefined>
    lock?: LockFile
    /** DigestOptions.content (default `both`). */
    content?: 'pairs' | 'both'
  },
): Promise<{graph: DigestedGraph; computed: ComputedSections}> {
  const graph = await digestGraph(
    digester,
    await assembleGraph(digester.root, manifest, {reproducer, cacheDir: options.cacheDir, env: options.env}),
    {content: options.content ?? 'both', pairs: contentPairs(options.lock)},
  )
  const pipelineLock = await optionalSha(
    digester,
    reproducer && manifest.pipeline ? reproducer.lockFile : undefined,
    'pipeline lock file',
  )
  const metricsPaths = metricsFilesOf(manifest)
  const present = (await Promise.all(metricsPaths.map((p) => optionalSha(digester, p, 'pipeline.metrics')))).filter(
    (m) => m !== undefined,
  )
  // Absent while any metrics file is missing; one file keeps the single-object shape of the reference bundles.
  const metrics =
    present.length === metricsPaths.length && present.length > 0
      ? present.length === 1
        ? present[0]
        : present
      : undefined
  return {
    graph,
    computed: computeSections(manifest, graph, {
      code: options.code,
      pipelineLock,
      metrics,
      planDigest: options.planDigest,
      locked: options.lock?.sections['measurement-model'],
    }),
  }
}

/** P1–P5 shared by run and status: manifest, reproducer, digests, drift against the lock, plan check. */
export async function inspect(root: string, options: InspectOptions): Promise<RepoState> {
  // Finish (or discard) an evidence write a killed run left behind, unless a run is writing now.
  settlePendingWrite(root, {holdsRunLock: options.holdsRunLock})
  const loaded = await loadManifest(root)
  try {
    return await inspectLoaded(root, loaded, options)
  } catch (error) {
    throw locateManifestError(error, loaded)
  }
}

async function inspectLoaded(root: string, loaded: LoadedManifest, options: InspectOptions): Promise<RepoState> {
  const pipeline = loaded.manifest.pipeline as
    | (Record<string, unknown> & {tool: string; metrics: string | string[]})
    | undefined
  if (!pipeline && options.requirePipeline) {
    throw new SeiError('PIPELINE_MISSING', 'the manifest has no pipeline: section', {
      exit: ExitCode.invalidInput,
      field: 'pipeline',
      actions: ['Declare pipeline: {tool: dvc|mlflow|dagster, metrics: <path of metrics.json>} in the manifest.'],
    })
  }
  let reproducer: Reproducer | undefined
  if (pipeline) {
    reproducer = await findReproducer(options.config, pipeline.tool)
    await validatePipelineOptions(pipeline, reproducer.optionsSchema, loaded.file, loaded.text)
  }
  const digester = new Digester(root, {cacheDir: options.cacheDir})
  const pipelineFiles =
    reproducer && pipeline && reproducer.pipelineFiles ? await reproducer.pipelineFiles(pipeline, root) : []
  const plan = await checkPlan(root, loaded, [...(reproducer?.lockFile ? [reproducer.lockFile] : []), ...pipelineFiles])
  // Drift never compares the code commit (sections.ts), so HEAD is not read here (a git process of
  // status, the CI gate): run reads it for the bundle's triple after the pipeline.
  const lock = readLock(root, loaded.family)
  const measured = await measureInputs(digester, loaded.manifest, reproducer, {
    code: '',
    planDigest: plan.checked ? (plan.digest ?? 'missing') : undefined,
    cacheDir: options.cacheDir,
    env: options.env ?? process.env,
    lock,
    content: 'pairs',
  })
  const {triple: _notRead, ...computed} = measured.computed
  const drifts = lock ? drift(lock, computed.sections) : []
  if (plan.checked && !plan.current) drifts.push(stalePlanDrift())
  return {root: digester.root, loaded, reproducer, digester, computed, graph: measured.graph, lock, drift: drifts, plan}
}
