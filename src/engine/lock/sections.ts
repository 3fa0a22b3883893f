import type {Manifest} from '../manifest/index.js'
import {type CroissantDigest, datasetId, sha256Hex} from '../digest/index.js'
import {type DigestedGraph, VERSION_DIGEST} from '../graph/index.js'
import {inputHash} from './canonical.js'

export type EdgeType = 'scope' | 'data' | 'impl' | 'plan'
export type SectionName =
  | 'classification'
  | 'risks'
  | 'data_governance'
  | 'measurement-data'
  | 'measurement-model'
  | 'plan'

export type Section = {
  status: 'valid'
  input_hash: string
  edge_type: EdgeType
  /**
   * Per-input digests (sei's addition to the reference format) so drift can name what changed. For
   * the measurement sections the keys are input ids (`code:src/train.py`, `params:params.yaml#train.C`).
   */
  inputs?: Record<string, string>
  /** Not written to the lock: the hash the pipeline tool records per input id, checked against the lock too. */
  pinned?: Record<string, string>
  /**
   * sei's addition, never compared nor hashed: per md5 input id (DVC's hash), `sha256:<hex>` of the same bytes,
   * so status can check those bytes in sha256 (graph/digest-graph.ts, ContentPair).
   */
  content?: Record<string, string>
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

const DATA_KINDS = new Set(['data'])

/**
 * The input hashes of every section (DESIGN §6) from the digested input graph and the manifest:
 * file contents and values only, never a commit id, so committing the evidence does not make it
 * stale. `code` (HEAD at run time) is part of the triple for provenance and is never compared.
 */
export function computeSections(
  manifest: Manifest,
  graph: DigestedGraph,
  options: {
    code: string
    pipelineLock?: {path: string; sha256: string}
    metrics?: ComputedSections['metrics']
    planDigest?: string
    locked?: Section
  },
): ComputedSections {
  const sections: ComputedSections['sections'] = {}
  const s = manifest.system
  sections.classification = {
    status: 'valid',
    edge_type: 'scope',
    input_hash: inputHash({
      system: s,
      task: manifest.task ?? null,
      context: manifest.context ?? null,
      classification: manifest.classification ?? null,
    }),
  }
  sections.risks = {status: 'valid', edge_type: 'scope', input_hash: inputHash(manifest.risk ?? null)}

  const {croissant} = graph
  if (croissant)
    sections.data_governance = {
      status: 'valid',
      edge_type: 'data',
      input_hash: `sha256:${croissant.descriptor}`,
      inputs: {[croissant.path]: `sha256:${croissant.descriptor}`},
    }
  const dataset = croissant ? datasetId(croissant) : ''

  const data: Record<string, string> = {}
  const model: Record<string, string> = {}
  const dataPins: Record<string, string> = {}
  const modelPins: Record<string, string> = {}
  const dataContent: Record<string, string> = {}
  const modelContent: Record<string, string> = {}
  for (const i of graph.inputs) {
    const [map, pins, content] = DATA_KINDS.has(i.kind)
      ? [data, dataPins, dataContent]
      : [model, modelPins, modelContent]
    map[i.id] = i.now
    if (i.pinned) pins[i.id] = i.pinned
    if (i.content) content[i.id] = i.content
  }
  const contentOf = (c: Record<string, string>) => (Object.keys(c).length > 0 ? {content: c} : {})
  // An environment that could not be read (no interpreter on this PATH) is taken as the lock records it:
  // the advisory says so, and the gate neither fails nor passes on packages it did not see.
  if (graph.environmentUnread) {
    for (const [id, d] of Object.entries(options.locked?.inputs ?? {}))
      if (id.startsWith('env:') && d.startsWith(VERSION_DIGEST)) model[id] ??= d
  }
  // Reference rule: with a Croissant dataset (or none), measurement-data is sha256 of the triple's dataset id.
  const dataHash = croissant || Object.keys(data).length === 0 ? `sha256:${sha256Hex(dataset)}` : inputHash(data)
  sections['measurement-data'] = {
    status: 'valid',
    edge_type: 'data',
    input_hash: dataHash,
    ...(Object.keys(data).length > 0 || croissant ? {inputs: data, pinned: dataPins, ...contentOf(dataContent)} : {}),
  }

  const modelDecl = manifest.artifacts?.model
  const tripleModel = modelDecl ? `${modelDecl.kind ?? 'model'}:seed=${modelDecl.seed ?? ''}` : ''
  const pipelineOptions = manifest.pipeline ? {...manifest.pipeline} : null
  sections['measurement-model'] = {
    status: 'valid',
    edge_type: 'impl',
    input_hash: inputHash({files: model, model: tripleModel, pipeline: pipelineOptions}),
    inputs: model,
    pinned: modelPins,
    ...contentOf(modelContent),
  }
  if (options.planDigest) sections.plan = {status: 'valid', edge_type: 'plan', input_hash: options.planDigest}
  return {
    triple: {code: options.code, model: tripleModel, dataset},
    sections,
    croissant,
    pipelineLock: options.pipelineLock,
    metrics: options.metrics,
  }
}
