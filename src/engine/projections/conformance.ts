import type {StandardCatalog} from '@sei/sdk'
import {decideCriterion} from './conformance-criteria.js'
import {type ConformanceEvidence, isDeclaredMeasure, measuresWithRisk} from './conformance-evidence.js'

/** The two gates of the chain as a report records them. */
export type Gates = {freshness: 'FRESH' | 'STALE'; risk: 'GREEN' | 'RED' | 'UNKNOWN'}

// Projects one revision's evidence onto a standard's clause catalog (DESIGN §9, FORMATS §5):
// 1. a clause bound to a `criterion` is decided by it, whatever cites it;
// 2. else the measures citing `<standard>#<clause>` decide it from their results in the bundle;
// 3. else a `fallback` artefact check decides it; else it is a gap.

export type Decision = 'covered' | 'covered_attested' | 'partial' | 'gap'
export const DECISIONS: readonly Decision[] = ['covered', 'covered_attested', 'partial', 'gap']

export type ClauseDecision = {
  clause_id: string
  cycle_phase: string
  title: string
  decision: Decision
  basis: string
  measures: string[]
}

export type StandardConformance = {
  standard: string
  title: string
  authority: string
  system: string
  clauses: ClauseDecision[]
  summary: Record<Decision, number>
  /** Citations of this standard naming a clause its catalog does not have (a typo, or a finer clause). */
  unknown_citations: {measure: string; clause: string}[]
}

function byCitation(
  standard: string,
  clauseId: string,
  evidence: ConformanceEvidence,
): Omit<ClauseDecision, 'clause_id' | 'cycle_phase' | 'title'> | undefined {
  const ref = `${standard}#${clauseId}`
  const citing = new Map<string, boolean>()
  for (const {measure} of measuresWithRisk(evidence.manifest)) {
    if ((measure.standard_clauses ?? []).includes(ref))
      citing.set(measure.id, (citing.get(measure.id) ?? true) && isDeclaredMeasure(measure))
  }
  if (citing.size === 0) return undefined
  const measures = [...citing.keys()].sort()
  const results = new Map<string, boolean>()
  for (const c of evidence.bundle.control_results ?? [])
    if (c.control_id) results.set(c.control_id, (results.get(c.control_id) ?? true) && c.passed === true)
  // A computed measure with no result in the bundle is missing evidence, never an attestation.
  const evaluated = measures.filter((id) => results.has(id) || !citing.get(id))
  if (evaluated.length === 0) {
    return {
      decision: 'covered_attested',
      basis: `${measures.length} measure(s) cite the clause, declared and not measured (attested)`,
      measures,
    }
  }
  const missing = evaluated.filter((id) => !results.has(id))
  const passed = evaluated.filter((id) => results.get(id) === true).length
  const total = evaluated.length
  const decision: Decision = passed === total ? 'covered' : passed > 0 ? 'partial' : 'gap'
  const note = missing.length > 0 ? `; no result in the bundle for ${missing.join(', ')}` : ''
  const failing = evaluated.filter((id) => results.has(id) && results.get(id) !== true)
  const remedy = [
    failing.length > 0 ? `make ${failing.join(', ')} pass (sei run)` : '',
    missing.length > 0 ? `make the pipeline write a value for ${missing.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(', and ')
  const toCover = decision === 'covered' ? '' : `; to cover: ${remedy}`
  return {decision, basis: `${passed} of ${total} citing measure(s) evaluated pass${note}${toCover}`, measures}
}

/** The decision of every clause of `catalog`, in catalog order. */
export function projectStandard(catalog: StandardCatalog, evidence: ConformanceEvidence): StandardConformance {
  const clauses = catalog.clauses.map((clause): ClauseDecision => {
    const head = {clause_id: clause.clause_id, cycle_phase: clause.cycle_phase, title: clause.title}
    if (clause.criterion) {
      const outcome = decideCriterion(clause.criterion, evidence)
      return {...head, decision: outcome.met ? 'covered' : 'gap', basis: outcome.basis, measures: []}
    }
    const cited = byCitation(catalog.id, clause.clause_id, evidence)
    if (cited) return {...head, ...cited}
    if (clause.fallback) {
      const outcome = decideCriterion(clause.fallback, evidence)
      const cite = `or cite ${catalog.id}#${clause.clause_id} in the standard_clauses of a measure that evidences it`
      const basis = outcome.met ? outcome.basis : `${outcome.basis}, ${cite}`
      return {...head, decision: outcome.met ? 'covered' : 'gap', basis, measures: []}
    }
    const cite = `${catalog.id}#${clause.clause_id}`
    const basis =
      'no measure cites it and no criterion or artefact covers it; ' +
      `to cover: add ${cite} to the standard_clauses of the measure that evidences it`
    return {...head, decision: 'gap', basis, measures: []}
  })
  const summary = Object.fromEntries(
    DECISIONS.map((d) => [d, clauses.filter((c) => c.decision === d).length]),
  ) as Record<Decision, number>
  const known = new Set(catalog.clauses.map((c) => c.clause_id))
  const unknown = new Map<string, {measure: string; clause: string}>()
  for (const {measure} of measuresWithRisk(evidence.manifest)) {
    for (const ref of measure.standard_clauses ?? []) {
      const clause = ref.startsWith(`${catalog.id}#`) ? ref.slice(catalog.id.length + 1) : undefined
      if (clause !== undefined && !known.has(clause))
        unknown.set(`${measure.id}#${clause}`, {measure: measure.id, clause})
    }
  }
  return {
    standard: catalog.id,
    title: catalog.title,
    authority: catalog.authority,
    system: evidence.manifest.system.name,
    clauses,
    summary,
    unknown_citations: [...unknown.values()],
  }
}

/** What is wrong with a catalog a plugin answered (it comes from third-party code), or undefined. */
export function catalogProblem(catalog: unknown): string | undefined {
  const c = catalog as Partial<StandardCatalog> | null
  if (!c || typeof c !== 'object') return 'the catalog is not an object'
  if (typeof c.id !== 'string' || typeof c.title !== 'string') return 'the catalog needs a text "id" and "title"'
  if (!Array.isArray(c.clauses) || c.clauses.length === 0) return `catalog ${c.id} has no "clauses" list`
  const seen = new Set<string>()
  for (const [i, clause] of c.clauses.entries()) {
    const x = clause as Partial<
      Record<'clause_id' | 'cycle_phase' | 'title' | 'criterion' | 'fallback', unknown>
    > | null
    if (
      !x ||
      typeof x.clause_id !== 'string' ||
      x.clause_id === '' ||
      typeof x.cycle_phase !== 'string' ||
      typeof x.title !== 'string'
    )
      return `catalog ${c.id}: clause ${i + 1} needs text "clause_id", "cycle_phase" and "title"`
    if (seen.has(x.clause_id)) return `catalog ${c.id}: clause "${x.clause_id}" appears twice`
    seen.add(x.clause_id)
    for (const k of ['criterion', 'fallback'] as const)
      if (x[k] !== undefined && typeof x[k] !== 'string')
        return `catalog ${c.id}: clause "${x.clause_id}" has a non-text "${k}"`
  }
  return undefined
}

/** `.sei/conformance/<slug>.json`: the id with `/` and `@` as `_` (`eu/pren-18228@2026` → `eu_pren-18228_2026`). */
export function conformanceSlug(standard: string): string | undefined {
  const slug = standard.replace(/[/@]/g, '_')
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(slug) && !slug.includes('..') ? slug : undefined
}

/**
 * The signed report file, in the reference engine's shape (FORMATS §5): keys of `payload` and of
 * each clause in alphabetical order, clauses in catalog order.
 */
export function conformanceDocument(c: StandardConformance, gates?: Gates): unknown {
  return {
    schema_version: 1,
    kind: 'conformance',
    system: c.system,
    // Absent in the reference engine's reports; sei's say which gates the claim stands on (reference/002).
    ...(gates ? {gates: {freshness: gates.freshness, risk: gates.risk}} : {}),
    payload: {
      clauses: c.clauses.map((x) => ({
        basis: x.basis,
        clause_id: x.clause_id,
        cycle_phase: x.cycle_phase,
        decision: x.decision,
        measures: x.measures,
        title: x.title,
      })),
      standard: c.standard,
    },
  }
}

/**
 * The standards to project: the one asked for, or every applicable standard (manifest order, which
 * is priority order) that has a clause catalog. Annex A control sets (ISO 42001) are left to sei soa
 * unless asked for by id. Returns what was skipped and why.
 */
export function selectStandards(
  catalogs: Map<string, StandardCatalog>,
  applicable: string[],
  asked?: string,
): {selected: StandardCatalog[]; withoutCatalog: string[]; controlSets: string[]} {
  if (asked !== undefined) {
    const hit = catalogs.get(asked)
    return {selected: hit ? [hit] : [], withoutCatalog: hit ? [] : [asked], controlSets: []}
  }
  const unique = [...new Set(applicable)]
  const isControlSet = (id: string) => catalogs.get(id)?.kind === 'annex-a'
  return {
    selected: unique
      .filter((id) => catalogs.has(id) && !isControlSet(id))
      .map((id) => catalogs.get(id) as StandardCatalog),
    withoutCatalog: unique.filter((id) => !catalogs.has(id)),
    controlSets: unique.filter(isControlSet),
  }
}
