import {allMeasures, isPostMarket, type ControlResult} from '../controls/index.js'
import type {Manifest, Measure} from '../manifest/index.js'
import type {OverallResidual, RiskAnalysis} from '../risk/index.js'
import {dataGovernance} from './data-governance.js'
import {type DeclaredAuthorities, meansOfConformance} from './means-of-conformance.js'
import type {TreatmentEvent} from './treatment.js'

export {treatmentEvents, type TreatmentEvent} from './treatment.js'
export {
  authorityOf,
  citedStandards,
  meansOfConformance,
  type ArticleConformance,
  type DeclaredAuthorities,
} from './means-of-conformance.js'

/** Where each value of a bundle came from, so an auditor can trace it without trusting sei. */
export type Provenance = {
  manifest: {path: string; sha256?: string}
  /** The metrics file, or every one of them when `pipeline.metrics` lists several. */
  metrics?: {path: string; sha256: string} | {path: string; sha256: string}[]
  /** Per control: the file and JSON pointer of its value. */
  values: Record<string, string>
  code: {commit: string; source: 'git HEAD at run time'}
  pipeline_lock?: {path: string; sha256: string}
  croissant?: {path: string; sha256: string}
  previous_bundle?: {commit: string | null}
}

export type BundleInput = {
  manifest: Manifest
  controlResults: ControlResult[]
  riskAnalysis: {risk_analysis: RiskAnalysis[]; overall_residual: OverallResidual}
  treatmentEvents: TreatmentEvent[]
  triple: {code: string; model: string; dataset: string}
  assessor: {name?: string; email?: string}
  croissant?: {json: Record<string, unknown>; sha256: string; path: string}
  pipelineLock?: {path: string; sha256: string}
  bom?: {sha256: string; components: unknown[]}
  manifestFile: {path: string; sha256?: string}
  metricsFile?: {path: string; sha256: string} | {path: string; sha256: string}[]
  /** Per control: the file and JSON pointer its value was read from (default: metrics file#/control id). */
  valueSources?: Record<string, string>
  previousCommit?: string | null
  /** The authority each cited standard's catalog declares; a standard without a catalog is placed by its body. */
  authorities?: DeclaredAuthorities
}

function postMarket(m: Measure): Record<string, unknown> {
  return {
    id: m.id,
    metric: m.metric,
    article: m.article,
    standard_clauses: m.standard_clauses?.length ? m.standard_clauses : undefined,
    frameworks: m.frameworks?.length ? m.frameworks : undefined,
    trigger: m.trigger,
    frequency: m.frequency,
    metric_threshold: m.metric_threshold,
    art72_citation: m.art72_citation,
  }
}

/**
 * P10: the evidence bundle, top-level keys in the reference's order (FORMATS.md §3) plus `provenance`
 * last. The run's gate is not a field: it is RED iff a `block` control has `passed: false`.
 */
export function assembleBundle(input: BundleInput): Record<string, unknown> {
  const {manifest} = input
  const s = manifest.system
  const pm = allMeasures(manifest)
    .filter(({measure}) => isPostMarket(measure))
    .map(({measure}) => postMarket(measure))
  const sections: Record<string, string> = {
    classification: 'Valid',
    ...(input.croissant ? {data_governance: 'Valid'} : {}),
    measurement: 'Valid',
    risks: 'Valid',
  }
  const defaultMetrics = [input.metricsFile ?? []].flat()[0]?.path ?? 'metrics.json'
  const sourceOf = (id: string) =>
    input.valueSources?.[id] ?? `${defaultMetrics}#/${id.replaceAll('~', '~0').replaceAll('/', '~1')}`
  const provenance: Provenance = {
    manifest: input.manifestFile,
    metrics: input.metricsFile,
    values: Object.fromEntries(
      input.controlResults.filter((r) => r.actual_value !== null).map((r) => [r.control_id, sourceOf(r.control_id)]),
    ),
    code: {commit: input.triple.code, source: 'git HEAD at run time'},
    pipeline_lock: input.pipelineLock,
    croissant: input.croissant && {path: input.croissant.path, sha256: input.croissant.sha256},
    previous_bundle: input.previousCommit === undefined ? undefined : {commit: input.previousCommit},
  }
  return {
    system_name: s.name,
    intended_purpose: s.intended_purpose ?? null,
    foreseeable_misuse: s.potential_misuses ?? [],
    assessor: {
      name: input.assessor.name ?? null,
      email: input.assessor.email ?? null,
      organization: s.organization ?? null,
    },
    triple: input.triple,
    classification: manifest.classification ?? null,
    risks: (manifest.risk?.risks ?? []).map((r) => ({
      id: r.id,
      domain: r.domain ?? null,
      title: r.title,
      rationale: r.rationale ?? null,
    })),
    data_governance: dataGovernance(input.croissant),
    measurement: null,
    control_results: input.controlResults,
    treatment_events: input.treatmentEvents,
    risk_analysis: input.riskAnalysis.risk_analysis,
    overall_residual: input.riskAnalysis.overall_residual,
    pipeline_lock_digest: input.pipelineLock ? `sha256:${input.pipelineLock.sha256}` : null,
    sections,
    power_stats: null,
    means_of_conformance: meansOfConformance(manifest, input.controlResults, input.authorities),
    post_market_measures: pm.length > 0 ? pm : undefined,
    bom: input.bom
      ? {format_version: 'cyclonedx-1.6', digest: `sha256:${input.bom.sha256}`, components: input.bom.components}
      : null,
    applicable_standards: manifest.context?.applicable_standards ?? [],
    review_interval: manifest.risk?.review_interval ?? null,
    roles: manifest.roles,
    provenance,
  }
}
