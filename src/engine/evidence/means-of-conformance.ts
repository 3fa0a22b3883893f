import type {Authority as DeclaredAuthority} from '@sei/sdk'
import type {Constraint} from '../controls/index.js'
import {allMeasures, conclusive} from '../controls/index.js'
import type {ControlResult} from '../controls/index.js'
import type {Manifest, Measure} from '../manifest/index.js'

// Per AI-Act article, which standards the measures cite and how many of its controls pass
// conclusively (FORMATS.md §3 `means_of_conformance`, reproduced on every reference bundle).

/** What weighs towards a presumption of conformity; a regulation is not a means of conformance to itself. */
type Authority = Exclude<DeclaredAuthority, 'regulation'>

/** Standard id → the authority its catalog declares (StandardCatalog.authority of the standards plugins). */
export type DeclaredAuthorities = ReadonlyMap<string, DeclaredAuthority>

/**
 * The authority of a standard id; undefined for a regulation. The standard's catalog decides. The reference
 * bundles also cite standards no catalog describes (iso/42105, mlcommons/croissant-rai, …): those are placed
 * by their standards body, as the reference engine places them.
 */
export function authorityOf(standardId: string, declared: DeclaredAuthorities = new Map()): Authority | undefined {
  const stated = declared.get(standardId)
  if (stated !== undefined) return stated === 'regulation' ? undefined : stated
  return authorityOfBody(standardId)
}

function authorityOfBody(standardId: string): Authority | undefined {
  const body = standardId.split('@')[0]
  if (/^eu\/(ai-act|dora|mdr|ivdr|gdpr|nis2|cra)$/.test(body)) return undefined
  if (body.startsWith('eu/pren-') || body.startsWith('eu/en-') || body === 'iso/iec-12792') return 'harmonized_draft'
  if (body.startsWith('iso/') || body.startsWith('iec/') || body.startsWith('ieee/')) return 'international'
  if (body.startsWith('mlcommons/') || body.startsWith('nist/') || body.startsWith('oecd/')) return 'de_facto'
  return undefined
}

const AUTHORITY_RANK: Authority[] = ['de_facto', 'harmonized_draft', 'international']

type Source = {id: string; authority?: Authority; clauses: string[]}
export type ArticleConformance = {
  article: string
  status: 'covered' | 'partial' | 'declared' | 'gap'
  sources?: Source[]
  highest_authority?: Authority
  presumption: false
  control_count: number
  passed_count: number
}

const FIXED = ['9', '10', '11', '13', '14', '15']

/** Sources grouped by standard id; with `declared`, each with its authority (the Art. 72 row has none). */
function groupSources(clauses: string[], declared?: DeclaredAuthorities): Source[] {
  const byId = new Map<string, string[]>()
  for (const ref of clauses) {
    const hash = ref.indexOf('#')
    const id = hash < 0 ? ref : ref.slice(0, hash)
    const list = byId.get(id) ?? []
    list.push(!declared && hash >= 0 ? ref.slice(hash + 1) : ref)
    byId.set(id, list)
  }
  return [...byId.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((id) => {
      const authority = declared && authorityOf(id, declared)
      return {id, ...(authority ? {authority} : {}), clauses: byId.get(id)!}
    })
}

const citations = (m: Measure): string[] => [...(m.standard_clauses ?? []), ...(m.frameworks ?? [])]

/** Every standard id the measures cite (`<id>#<clause>`), each once: the catalogs a bundle's authorities need. */
export function citedStandards(manifest: Manifest): string[] {
  const refs = allMeasures(manifest).flatMap(({measure}) => citations(measure))
  return [...new Set(refs.map((ref) => ref.split('#')[0]))].sort()
}

/** Passed and conclusive: a control with a confidence interval counts only if it lies wholly on the passing side. */
function passedConclusively(r: ControlResult): boolean {
  if (!r.passed) return false
  const constraint: Constraint = {operator: r.operator, threshold: Number(r.threshold)}
  const power = r.power as {ci_low?: number; ci_high?: number} | undefined
  const ci = power && {
    ci_low: power.ci_low === undefined ? undefined : Number(power.ci_low),
    ci_high: power.ci_high === undefined ? undefined : Number(power.ci_high),
  }
  return conclusive(ci, constraint) !== false
}

export function meansOfConformance(
  manifest: Manifest,
  results: ControlResult[],
  declared: DeclaredAuthorities = new Map(),
): ArticleConformance[] {
  const measures = allMeasures(manifest).map((m) => m.measure)
  const extra = [
    ...new Set(
      measures.flatMap((m) =>
        m.article && !FIXED.includes(m.article) && m.article !== '72' ? [m.article as string] : [],
      ),
    ),
  ]
  const rows: ArticleConformance[] = []
  for (const article of [...FIXED, ...extra]) {
    const sources = groupSources(measures.filter((m) => m.article === article).flatMap(citations), declared)
    const controls = results.filter((r) => r.article === article)
    const passed = controls.filter(passedConclusively).length
    const status =
      controls.length > 0
        ? passed === controls.length
          ? 'covered'
          : 'partial'
        : sources.length > 0
          ? 'declared'
          : 'gap'
    const ranks = sources.flatMap((s) => (s.authority ? [AUTHORITY_RANK.indexOf(s.authority)] : []))
    const row: ArticleConformance = {
      article,
      status,
      presumption: false,
      control_count: controls.length,
      passed_count: passed,
    }
    if (sources.length > 0) row.sources = sources
    if (ranks.length > 0) row.highest_authority = AUTHORITY_RANK[Math.max(...ranks)]
    rows.push(reorder(row))
  }
  // Art. 72 (post-market monitoring) is a plan, not a control: its row lists the plan's citations.
  const plans = measures.filter((m) => m.article === '72')
  const sources = groupSources(plans.flatMap((m) => [...(m.art72_citation ? [m.art72_citation] : []), ...citations(m)]))
  rows.push(
    reorder({
      article: '72',
      status: plans.length > 0 ? 'declared' : 'gap',
      ...(sources.length > 0 ? {sources} : {}),
      presumption: false,
      control_count: 0,
      passed_count: 0,
    }),
  )
  return rows
}

function reorder(r: ArticleConformance): ArticleConformance {
  return {
    article: r.article,
    status: r.status,
    sources: r.sources,
    highest_authority: r.highest_authority,
    presumption: r.presumption,
    control_count: r.control_count,
    passed_count: r.passed_count,
  }
}
