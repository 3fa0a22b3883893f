import {existsSync, readFileSync, statSync} from 'node:fs'
import {posix} from 'node:path'
import type {RiskTemplate, StandardCatalog} from '@sei/sdk'
import {allMeasures, conclusive, isPostMarket, metricFamily, parseConstraint} from '../controls/index.js'
import {findManifest, type Manifest} from '../manifest/index.js'
import {readCurrentBundle} from '../evidence/index.js'
import {resolveInside} from '../repo/index.js'
import {BASE_TEMPLATES, MISUSE_TEMPLATE, SMALL_DATASET_RECORDS} from './assess-rules.js'
import type {BundleView} from './conformance-evidence.js'

// sei assess: a deterministic knowledge graph. Facts are read from the manifest (and, when a root is
// given, from the dataset's Croissant descriptor and the latest bundle); rules (assess-rules.ts and
// the standard plugins' riskTemplates) map facts to risk templates; templates the register does not
// already cover are proposed. No model, no randomness: the same inputs give the same proposals.

export type Fact = {name: string; why: string}

export type ProposedRisk = {
  id: string
  title: string
  domain: string
  rationale: string
  /** The facts that made the rule fire, with where each comes from. */
  because: Fact[]
  measures: {metric: string; constraint: string; article?: string}[]
  clauses: string[]
  /** `sei` for the built-in rules, else the standard whose catalog carries the template. */
  source: string
}

export type Assessment = {
  system: string
  facts: Fact[]
  proposals: ProposedRisk[]
  /** How many templates were checked, and how many of those already are in the register. */
  rules: number
  covered: string[]
  notes: string[]
}

const nonEmpty = (v: unknown): boolean =>
  typeof v === 'string'
    ? v.trim() !== ''
    : Array.isArray(v)
      ? v.length > 0
      : v !== undefined && v !== null && typeof v === 'object'

type Inputs = {croissant?: Record<string, unknown>; bundle?: BundleView; records?: number; notes: string[]}

/** Counting rows of files larger than this is not worth it on every `sei status`: such a dataset is not small. */
const MAX_COUNTED_BYTES = 64 * 1024 * 1024

/**
 * Records in the descriptor's local CSV files (non-empty lines after the header; a quoted field that
 * spans lines counts more than once, close enough for a fewer-than-1,000 advisory), or undefined when
 * any distribution cannot be counted (remote, not CSV, too large, unreadable): then size decides nothing.
 */
function countRecords(root: string, croissantPath: string, croissant: Record<string, unknown>): number | undefined {
  const entries = (Array.isArray(croissant.distribution) ? croissant.distribution : []) as Record<string, unknown>[]
  if (entries.length === 0) return undefined
  const baseDir = posix.dirname(croissantPath)
  let total = 0
  for (const f of entries) {
    const url = f?.contentUrl
    if (
      typeof url !== 'string' ||
      /^[a-z][a-z0-9+.-]*:/i.test(url) ||
      !(f.encodingFormat === 'text/csv' || /\.csv$/i.test(url))
    )
      return undefined
    try {
      // Relative to the repository root in the reference demos, else to the descriptor (as the digester resolves it).
      let abs = resolveInside(root, url, 'distribution.contentUrl')
      if (!existsSync(abs) && baseDir !== '.')
        abs = resolveInside(root, posix.join(baseDir, url), 'distribution.contentUrl')
      if (statSync(abs).size > MAX_COUNTED_BYTES) return undefined
      const lines = readFileSync(abs, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '').length
      total += Math.max(0, lines - 1)
    } catch {
      return undefined
    }
  }
  return total
}

/** The Croissant descriptor and the latest bundle, when there is a root to read them from (failures become notes). */
function readInputs(manifest: Manifest, root: string | undefined): Inputs {
  const notes: string[] = []
  if (!root) return {notes}
  let croissant: Record<string, unknown> | undefined
  const rel = manifest.dataset?.croissant
  if (rel) {
    try {
      croissant = JSON.parse(readFileSync(resolveInside(root, rel, 'dataset.croissant'), 'utf8')) as Record<
        string,
        unknown
      >
    } catch (error) {
      notes.push(
        `the Croissant descriptor ${rel} could not be read (${(error as Error).message}): dataset facts unknown`,
      )
    }
  }
  const family = findManifest(root)
  const bundle = family ? readCurrentBundle<BundleView>(root, family.evidenceDir)?.bundle : undefined
  const records = croissant && rel ? countRecords(root, rel, croissant) : undefined
  return {croissant, bundle, records, notes}
}

/** The facts the rules read, each with the manifest field (or file) it comes from. */
export function factsOf(
  manifest: Manifest,
  inputs: {croissant?: Record<string, unknown>; bundle?: BundleView; records?: number} = {},
): Fact[] {
  const facts: Fact[] = []
  const add = (name: string, why: string) => facts.push({name, why})
  const {system} = manifest
  if (manifest.task?.modality)
    add(`task.modality:${manifest.task.modality}`, `task.modality is ${manifest.task.modality}`)
  if (manifest.task?.type) add(`task.type:${manifest.task.type}`, `task.type is ${manifest.task.type}`)
  if (system.affected_persons?.length)
    add('affected_persons', `system.affected_persons: ${system.affected_persons.join(', ')}`)
  const decides = Boolean(system.decisions?.length && system.affected_persons?.length)
  if (decides)
    add(
      'decides_about_persons',
      `system.decisions (${system.decisions!.join(', ')}) affect ${system.affected_persons!.join(', ')}`,
    )
  for (const id of manifest.context?.applicable_standards ?? [])
    add(`context:${id}`, `context.applicable_standards lists ${id}`)
  const c = inputs.croissant
  const sensitive = c && (nonEmpty(c['rai:sensitiveData']) || nonEmpty(c['rai:personalSensitiveInformation']))
  if (sensitive)
    add(
      'sensitive_attributes',
      `${manifest.dataset?.croissant}: rai:sensitiveData / rai:personalSensitiveInformation is declared`,
    )
  // With a descriptor declared but not read, whether it documents sensitive data is unknown: no fact.
  // A measure grouping by a dimension shows the attribute is known to the pipeline.
  else if (
    decides &&
    (c || !manifest.dataset?.croissant) &&
    !allMeasures(manifest).some(({measure}) => measure.inputs?.dimension)
  ) {
    const descriptor = c
      ? `${manifest.dataset?.croissant} declares no rai:sensitiveData`
      : 'no dataset.croissant descriptor is declared'
    add('no_sensitive_attributes', `${descriptor} and no measure groups by an inputs.dimension`)
  }
  if (c && nonEmpty(c['rai:dataBiases']))
    add('data_biases', `${manifest.dataset?.croissant}: rai:dataBiases is declared`)
  if (inputs.records !== undefined && inputs.records < SMALL_DATASET_RECORDS)
    add(
      'small_dataset',
      `the CSV files of ${manifest.dataset?.croissant} hold ${inputs.records} records (fewer ` +
        `than ${SMALL_DATASET_RECORDS})`,
    )
  const measures = allMeasures(manifest)
  if (!measures.some(({measure}) => isPostMarket(measure) || measure.enforcement === 'monitor'))
    add('no_monitoring_plan', 'no measure has lifecycle [monitoring] or enforcement monitor')
  for (const r of inputs.bundle?.control_results ?? []) {
    const m = measures.find(({measure}) => measure.id === r.control_id)?.measure
    const constraint = m && parseConstraint(m.constraint)
    const power = r.power as {ci_low?: number; ci_high?: number; n?: number} | null | undefined
    const n = typeof power?.n === 'number' ? power.n : undefined
    if (
      r.passed === true &&
      constraint &&
      (conclusive(power ?? undefined, constraint) === false || (n !== undefined && n < 100))
    ) {
      add(
        'inconclusive_evidence',
        `bundle: control ${r.control_id} passed but ` +
          (n !== undefined && n < 100
            ? `rests on n=${n} cases`
            : `its confidence interval [${power?.ci_low}, ${power?.ci_high}] crosses ${m.constraint}`),
      )
      break
    }
  }
  return facts
}

/**
 * A template is already in the register: same risk id, or a declared measure measures one of its
 * metrics, under any spelling of that metric's family (`accuracy` covers `accuracy_score`).
 */
function coveredBy(manifest: Manifest, t: Pick<RiskTemplate, 'id' | 'measures'>): boolean {
  if ((manifest.risk?.risks ?? []).some((r) => r.id === t.id)) return true
  const families = new Set(t.measures.map((m) => metricFamily(m.metric)))
  return allMeasures(manifest).some(({measure}) => families.has(metricFamily(measure.metric)))
}

const slug = (id: string) =>
  id
    .replace(/^mu[.-]/, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()

/** Runs the graph: every template whose facts hold and that the register does not cover is proposed. */
export function assess(
  manifest: Manifest,
  catalogs: Iterable<StandardCatalog> = [],
  inputs: {croissant?: Record<string, unknown>; bundle?: BundleView; records?: number; notes?: string[]} = {},
): Assessment {
  const facts = factsOf(manifest, inputs)
  const holds = new Map(facts.map((f) => [f.name, f]))
  const applicable = new Set(manifest.context?.applicable_standards ?? [])
  const templates: {t: RiskTemplate; source: string}[] = BASE_TEMPLATES.map((t) => ({t, source: 'sei'}))
  for (const catalog of catalogs)
    if (applicable.has(catalog.id)) for (const t of catalog.riskTemplates ?? []) templates.push({t, source: catalog.id})
  const proposals: ProposedRisk[] = []
  const covered: string[] = []
  const seen = new Set<string>()
  for (const {t, source} of templates) {
    if (seen.has(t.id) || !t.when.every((f) => holds.has(f))) continue
    seen.add(t.id)
    if (coveredBy(manifest, t)) {
      covered.push(t.id)
      continue
    }
    proposals.push({
      id: t.id,
      title: t.title,
      domain: t.domain,
      rationale: t.rationale,
      because: t.when.map((f) => holds.get(f)!),
      measures: t.measures,
      clauses: t.clauses,
      source,
    })
  }
  const riskIds = new Set((manifest.risk?.risks ?? []).map((r) => r.id))
  for (const m of manifest.system.potential_misuses ?? []) {
    if ((m.addressed_by ?? []).length > 0) continue
    const id = `risk.misuse-${slug(m.id)}`
    if (riskIds.has(id)) {
      covered.push(id)
      continue
    }
    proposals.push({
      id,
      title: `Foreseeable misuse: ${m.description}`,
      domain: MISUSE_TEMPLATE.domain,
      rationale: `Misuse ${m.id} is declared but no risk of the register addresses it (EU AI Act Art. 9(2)(b)).`,
      because: [{name: 'unaddressed_misuse', why: `system.potential_misuses ${m.id} has no addressed_by`}],
      measures: MISUSE_TEMPLATE.measures,
      clauses: MISUSE_TEMPLATE.clauses,
      source: 'sei',
    })
  }
  return {system: manifest.system.name, facts, proposals, rules: templates.length, covered, notes: inputs.notes ?? []}
}

/**
 * The proposals for `sei run` / `sei status` advisories and `sei assess`: reads the Croissant
 * descriptor and latest bundle under `root` when given.
 */
export function proposedRisks(
  manifest: Manifest,
  catalogs: Iterable<StandardCatalog> | Map<string, StandardCatalog> = [],
  options: {root?: string} = {},
): Assessment {
  const list = catalogs instanceof Map ? catalogs.values() : catalogs
  return assess(manifest, list, readInputs(manifest, options.root))
}
