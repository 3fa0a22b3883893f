import {metricsFilesOf, type Manifest} from '../manifest/index.js'
import {type CroissantDigest, type Digester, digestCroissant, sha256Hex} from '../digest/index.js'
import {withField} from '../errors.js'
import {inputHash} from './canonical.js'

export type EdgeType = 'scope' | 'data' | 'impl' | 'plan'
export type SectionName = 'classification' | 'risks' | 'data_governance' | 'measurement-data' | 'measurement-model' | 'plan'

export type Section = {
  status: 'valid'
  input_hash: string
  edge_type: EdgeType
  /** Per-input digests (sei's addition to the reference format) so drift can name what changed. */
  inputs?: Record<string, string>
}

export type Triple = {code: string; model: string; dataset: string}

export type ComputedSections = {
  triple: Triple
  sections: Partial<Record<SectionName, Section>>
  croissant?: CroissantDigest
  /** Repository-relative pipeline lock (dvc.lock) and its digest, for the bundle's pipeline_lock_digest. */
  pipelineLock?: {path: string; sha256: string}
  /** Absent while any metrics file is missing. */
  metrics?: {path: string; sha256: string} | {path: string; sha256: string}[]
}

/** What the reproducer contributes to the measurement-model section (from its plugin). */
export type PipelineShape = {lockFile?: string; pipelineFiles: string[]}

/**
 * The input hashes of every section (DESIGN §6): file contents and manifest values only, never a
 * commit id, so committing the evidence does not make it stale. `code` (HEAD at run time) is part of
 * the triple for provenance and is never compared.
 */
export async function computeSections(digester: Digester, manifest: Manifest, options: {code: string; pipeline?: PipelineShape; planDigest?: string}): Promise<ComputedSections> {
  const sections: ComputedSections['sections'] = {}
  const s = manifest.system
  sections.classification = {status: 'valid', edge_type: 'scope', input_hash: inputHash({system: s, task: manifest.task ?? null, context: manifest.context ?? null, classification: manifest.classification ?? null})}
  sections.risks = {status: 'valid', edge_type: 'scope', input_hash: inputHash(manifest.risk ?? null)}

  let dataset = ''
  let croissant: CroissantDigest | undefined
  if (manifest.dataset?.croissant) {
    croissant = await digestCroissant(digester, manifest.dataset.croissant).catch((error: unknown) => {
      throw withField(error, 'dataset.croissant')
    })
    sections.data_governance = {status: 'valid', edge_type: 'data', input_hash: `sha256:${croissant.descriptor}`, inputs: {[croissant.path]: `sha256:${croissant.descriptor}`}}
    // When every local file's sha256 is declared (and was just verified) the descriptor pins the data
    // and the dataset id is the descriptor digest, as in the reference; otherwise the file digests join it.
    const declared = (croissant.json.distribution as Record<string, unknown>[] | undefined ?? []).filter((d) => typeof d.sha256 === 'string').length
    dataset = croissant.files.length > 0 && declared < croissant.files.length
      ? `sha256:${sha256Hex(`${croissant.descriptor}  ${croissant.path}\n${croissant.files.map((f) => `${f.sha256}  ${f.path}\n`).join('')}`)}`
      : `sha256:${croissant.descriptor}`
  }
  const dataInputs: Record<string, string> = {}
  for (const f of croissant?.files ?? []) dataInputs[f.path] = `sha256:${f.sha256}`
  sections['measurement-data'] = {status: 'valid', edge_type: 'data', input_hash: `sha256:${sha256Hex(dataset)}`, ...(croissant ? {inputs: dataInputs} : {})}

  const model: Record<string, string> = {}
  const addFile = async (key: string, rel: string | undefined, what: string, optional = false) => {
    if (!rel) return
    try {
      model[key] = `sha256:${await digester.path(rel, what)}`
    } catch (error) {
      if (optional && (error as {code?: string}).code === 'INPUT_MISSING') model[key] = 'missing'
      else throw /^[a-z]+\.[a-z_]+$/.test(what) ? withField(error, what) : error
    }
  }
  await addFile(manifest.eval?.script ?? '', manifest.eval?.script, 'eval.script')
  await addFile(manifest.pipeline?.params ?? '', manifest.pipeline?.params, 'pipeline.params')
  for (const f of options.pipeline?.pipelineFiles ?? []) await addFile(f, f, 'pipeline file', true)
  let pipelineLock: ComputedSections['pipelineLock']
  let metrics: ComputedSections['metrics']
  if (options.pipeline?.lockFile) {
    await addFile(options.pipeline.lockFile, options.pipeline.lockFile, 'pipeline lock file', true)
    const d = model[options.pipeline.lockFile]
    if (d && d !== 'missing') pipelineLock = {path: options.pipeline.lockFile, sha256: d.slice(7)}
  }
  const metricsPaths = metricsFilesOf(manifest)
  const present: {path: string; sha256: string}[] = []
  for (const path of metricsPaths) {
    await addFile(path, path, 'pipeline.metrics', true)
    const d = model[path]
    if (d && d !== 'missing') present.push({path, sha256: d.slice(7)})
  }
  // Several files are listed; one keeps the single-object shape the reference bundles have.
  if (present.length === metricsPaths.length && present.length > 0) {
    metrics = present.length === 1 ? present[0] : present
  }
  const modelDecl = manifest.artifacts?.model
  const tripleModel = modelDecl ? `${modelDecl.kind ?? 'model'}:seed=${modelDecl.seed ?? ''}` : ''
  const pipelineOptions = manifest.pipeline ? {...manifest.pipeline} : null
  sections['measurement-model'] = {status: 'valid', edge_type: 'impl', input_hash: inputHash({files: model, model: tripleModel, pipeline: pipelineOptions}), inputs: model}
  if (options.planDigest) sections.plan = {status: 'valid', edge_type: 'plan', input_hash: options.planDigest}
  return {triple: {code: options.code, model: tripleModel, dataset}, sections, croissant, pipelineLock, metrics}
}
