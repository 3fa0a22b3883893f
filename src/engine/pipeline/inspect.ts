import {readFile} from 'node:fs/promises'
import type {Reproducer} from '@sei/sdk'
import {Digester} from '../digest/index.js'
import {ExitCode, SeiError} from '../errors.js'
import {type ComputedSections, type Drift, type LockFile, computeSections, drift, readLock} from '../lock/index.js'
import {type LoadedManifest, loadManifest, locateManifestError} from '../manifest/index.js'
import {type PluginHost, findReproducer} from '../plugins/index.js'
import {resolveInside} from '../repo/index.js'
import {validatePipelineOptions} from './options.js'
import {settlePendingWrite} from './recover.js'

export type PlanState = {checked: false; why: string} | {checked: true; path: string; current: boolean; digest?: string}

export type RepoState = {
  root: string
  loaded: LoadedManifest
  reproducer?: Reproducer
  digester: Digester
  computed: Omit<ComputedSections, 'triple'>
  lock?: LockFile
  drift: Drift[]
  plan: PlanState
}

export type InspectOptions = {config: PluginHost; cacheDir?: string; requirePipeline?: boolean; holdsRunLock?: boolean}

/**
 * Is the compiled OSCAL plan what `sei compile` would write now (byte for byte: the plan depends on
 * the manifest alone)?
 */
async function checkPlan(root: string, loaded: LoadedManifest, toolFiles: string[]): Promise<PlanState> {
  const rel = loaded.manifest.oscal?.assessment_plan
  if (!rel) return {checked: false, why: 'no oscal.assessment_plan in the manifest'}
  // loaded only for a manifest that has a plan: it brings the yaml library (start-up of status)
  const {compilePlan, planDigest, refusePlanTarget} = await import('../oscal/index.js')
  const {text} = compilePlan(loaded.manifest, {root})
  const path = resolveInside(root, rel, 'oscal.assessment_plan')
  let onDisk: string | undefined
  try {
    onDisk = await readFile(path, 'utf8')
  } catch {
    onDisk = undefined
  }
  // The same targets compile refuses; a file that is byte for byte the compiled plan needs no parse.
  refusePlanTarget(root, rel, loaded.manifest, {pipelineFiles: toolFiles, isPlan: onDisk === text})
  return {checked: true, path: rel, current: onDisk === text, digest: onDisk === undefined ? undefined : planDigest(onDisk)}
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
  const pipeline = loaded.manifest.pipeline as (Record<string, unknown> & {tool: string; metrics: string | string[]}) | undefined
  if (!pipeline && options.requirePipeline) {
    throw new SeiError('PIPELINE_MISSING', 'the manifest has no pipeline: section', {exit: ExitCode.invalidInput, field: 'pipeline', actions: ['Declare pipeline: {tool: dvc|mlflow|dagster, metrics: <path of metrics.json>} in the manifest.']})
  }
  let reproducer: Reproducer | undefined
  if (pipeline) {
    reproducer = await findReproducer(options.config, pipeline.tool)
    await validatePipelineOptions(pipeline, reproducer.optionsSchema, loaded.file, loaded.text)
  }
  const digester = new Digester(root, {cacheDir: options.cacheDir})
  const pipelineFiles = reproducer && pipeline && reproducer.pipelineFiles ? await reproducer.pipelineFiles(pipeline, root) : []
  const plan = await checkPlan(root, loaded, [...(reproducer?.lockFile ? [reproducer.lockFile] : []), ...pipelineFiles])
  // Drift never compares the code commit (sections.ts), so HEAD is not read here (a git process of
  // status, the CI gate): run reads it for the bundle's triple after the pipeline.
  const {triple: _notRead, ...computed} = await computeSections(digester, loaded.manifest, {
    code: '',
    pipeline: reproducer && pipeline ? {lockFile: reproducer.lockFile, pipelineFiles} : undefined,
    planDigest: plan.checked ? plan.digest ?? 'missing' : undefined,
  })
  const lock = readLock(root, loaded.family)
  const drifts = lock ? drift(lock, computed.sections) : []
  if (plan.checked && !plan.current && !drifts.some((d) => d.section === 'plan')) {
    drifts.push({section: 'plan', type: 'plan', change: 'changed', action: 'The compiled plan is stale; run `sei compile`.'})
  }
  return {root: digester.root, loaded, reproducer, digester, computed, lock, drift: drifts, plan}
}
