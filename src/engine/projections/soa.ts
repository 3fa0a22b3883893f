import type {StandardCatalog} from '@sei/sdk'
import {isExAnte} from '../controls/index.js'
import type {Manifest, Measure} from '../manifest/index.js'
import {type BundleView, measuresWithRisk} from './conformance-evidence.js'

// The Statement of Applicability (ISO/IEC 42001 §6.1.3 b, c, f): every Annex A control is INCLUDED
// (a measure cites it, or it is declared applicable), EXCLUDED (with the justification declared in
// risk.applicability) or OMITTED (neither: a gap to review). An included control's implementation
// comes from its citing measures and the latest bundle.

export const SOA_STANDARD = 'iso/42001@2023'

export type SoaDecision = 'included' | 'excluded' | 'omitted'
export type Implementation = 'implemented' | 'partial' | 'planned' | 'not_implemented'
/**
 * One citing measure: passed (its control passed in the bundle), attested (a declared attestation,
 * evaluation manual), planned (a post-market or monitor plan: measured after release), failed (its
 * control failed), not_evaluated (an ex-ante control with no result in the bundle).
 */
export type MeasureState = 'passed' | 'attested' | 'planned' | 'failed' | 'not_evaluated'

export type SoaControl = {
  control_id: string
  title: string
  objective: string
  decision: SoaDecision
  implementation?: Implementation
  justification?: string
  measures: {id: string; risk_id: string; state: MeasureState}[]
}

export type SoaSummary = Record<SoaDecision, number> & Record<Implementation, number>

export type Soa = {
  standard: string
  title: string
  system: string
  /** False when no bundle was found: computed measures are then not_evaluated. */
  bundle: boolean
  controls: SoaControl[]
  summary: SoaSummary
  /** Citations and applicability keys that name no Annex A control, and exclusions that measures contradict. */
  notes: string[]
}

const citesControl = (m: Measure, ref: string): boolean =>
  (m.standard_clauses ?? []).includes(ref) || (m.frameworks ?? []).includes(ref)

function measureState(m: Measure, bundle: BundleView | undefined): MeasureState {
  // A declared attestation counts as done, like conformance's covered_attested, whatever its lifecycle.
  if (m.evaluation === 'manual') return 'attested'
  if (!isExAnte(m) || m.enforcement === 'monitor') return 'planned'
  const result = bundle?.control_results?.find((r) => r.control_id === m.id)
  if (!result || typeof result.passed !== 'boolean') return 'not_evaluated'
  return result.passed ? 'passed' : 'failed'
}

/**
 * The implementation of an included control from the states of its citing measures (none: declared applicable
 * only).
 */
export function implementationOf(states: MeasureState[]): Implementation {
  const done = states.filter((s) => s === 'passed' || s === 'attested').length
  const missing = states.filter((s) => s === 'failed' || s === 'not_evaluated').length
  const planned = states.filter((s) => s === 'planned').length
  if (done > 0) return missing === 0 && planned === 0 ? 'implemented' : 'partial'
  if (planned > 0 && missing === 0) return 'planned'
  return 'not_implemented'
}

export function projectSoa(manifest: Manifest, catalog: StandardCatalog, bundle: BundleView | undefined): Soa {
  const applicability = manifest.risk?.applicability ?? {}
  const measures = measuresWithRisk(manifest)
  const notes: string[] = []
  const controls: SoaControl[] = catalog.clauses.map((clause) => {
    const ref = `${catalog.id}#${clause.clause_id}`
    const citing = measures
      .filter(({measure}) => citesControl(measure, ref))
      .map(({measure, riskId}) => ({id: measure.id, risk_id: riskId, state: measureState(measure, bundle)}))
    const declared = applicability[ref]
    const base = {control_id: clause.clause_id, title: clause.title, objective: clause.cycle_phase, measures: citing}
    if (declared?.excluded) {
      if (citing.length > 0)
        notes.push(
          `${clause.clause_id} is excluded in risk.applicability but cited ` +
            `by ${citing.map((m) => m.id).join(', ')}: resolve the contradiction`,
        )
      return {...base, decision: 'excluded', justification: declared.justification?.trim() ?? ''}
    }
    if (citing.length > 0 || declared)
      return {...base, decision: 'included', implementation: implementationOf(citing.map((m) => m.state))}
    return {...base, decision: 'omitted'}
  })
  const known = new Set(catalog.clauses.map((c) => c.clause_id))
  const prefix = `${catalog.id}#`
  for (const key of Object.keys(applicability)) {
    if (key.startsWith(prefix) && !known.has(key.slice(prefix.length)))
      notes.push(`risk.applicability names ${key}, which is not an Annex A control`)
  }
  for (const {measure} of measures) {
    for (const ref of [...(measure.standard_clauses ?? []), ...(measure.frameworks ?? [])]) {
      const id = ref.startsWith(prefix) ? ref.slice(prefix.length) : undefined
      if (id?.startsWith('A.') && !known.has(id))
        notes.push(`measure ${measure.id} cites ${ref}, which is not an Annex A control`)
    }
  }
  const summary: SoaSummary = {
    included: 0,
    excluded: 0,
    omitted: 0,
    implemented: 0,
    partial: 0,
    planned: 0,
    not_implemented: 0,
  }
  for (const c of controls) {
    summary[c.decision]++
    if (c.implementation) summary[c.implementation]++
  }
  return {
    standard: catalog.id,
    title: catalog.title,
    system: manifest.system.name,
    bundle: bundle !== undefined,
    controls,
    summary,
    notes,
  }
}

/** The signed `.sei/soa.json` document (keys in a fixed order, like the conformance reports). */
export function soaDocument(soa: Soa): unknown {
  return {
    schema_version: 1,
    kind: 'soa',
    system: soa.system,
    payload: {
      standard: soa.standard,
      controls: soa.controls.map((c) => ({
        control_id: c.control_id,
        decision: c.decision,
        ...(c.implementation ? {implementation: c.implementation} : {}),
        ...(c.justification !== undefined ? {justification: c.justification} : {}),
        measures: c.measures,
        objective: c.objective,
        title: c.title,
      })),
      summary: soa.summary,
    },
  }
}
