import type {CriterionName} from '@sei/sdk'
import {isIsoDuration} from '../manifest/index.js'
import {REVISION_SHA_LENGTH, shortSha} from '../repo/index.js'
import {type ConformanceEvidence, measuresWithRisk} from './conformance-evidence.js'

// The named criteria a catalog may bind a clause to (plugins/sdk CriterionName). Catalogs only name
// them; what each one checks lives here, in one place, so every standard that names a criterion
// decides it the same way. The rules reproduce every decision of the reference engine's reports
// (FORMATS §5); where the reference data cannot tell two readings apart, the stricter one is taken.

export type CriterionOutcome = {met: boolean; basis: string}
type Criterion = (e: ConformanceEvidence) => CriterionOutcome

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`
const firstFew = (ids: string[]): string =>
  ids.length <= 3 ? ids.join(', ') : `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more`

const riskEstimation: Criterion = ({manifest}) => {
  const risks = manifest.risk?.risks ?? []
  if (risks.length === 0) return {met: false, basis: 'risk_estimation criterion not met: no risk is declared'}
  const incomplete = risks
    .filter((r) => !r.likelihood || Object.values(r.impact ?? {}).filter(Boolean).length === 0)
    .map((r) => r.id)
  if (incomplete.length > 0)
    return {met: false, basis: `risk_estimation criterion not met: no likelihood or impact for ${firstFew(incomplete)}`}
  return {
    met: true,
    basis: `risk_estimation criterion met: every risk has likelihood and impact (${plural(risks.length, 'risk')})`,
  }
}

/**
 * Every gate measure that claims a residual reduction (its treatment declares residual_likelihood)
 * names its tier in the control hierarchy. A gate measure of a treatment with no residual_likelihood
 * (data acquisition, say) claims no reduction and is not held to a tier, as the reference decides.
 * `sei compile` still advises a tier for every measure without one.
 */
const controlHierarchy: Criterion = ({manifest}) => {
  const gates = (manifest.risk?.risks ?? []).flatMap((r) =>
    (r.treat ?? []).flatMap((t) =>
      (t.measures ?? [])
        .filter((m) => m.enforcement === 'gate')
        .map((measure) => ({measure, claimsResidual: Boolean(t.residual_likelihood)})),
    ),
  )
  if (gates.length === 0)
    return {met: false, basis: 'control_hierarchy criterion not met: no blocking (gate) measure is declared'}
  const untiered = gates
    .filter(({measure, claimsResidual}) => claimsResidual && !measure.control_tier)
    .map(({measure}) => measure.id)
  if (untiered.length > 0) {
    const which = `gate measure(s) whose treatment claims a residual_likelihood declare no control_tier`
    return {met: false, basis: `control_hierarchy criterion not met: ${which}: ${firstFew(untiered)}`}
  }
  const n = plural(gates.length, 'gate measure')
  return {
    met: true,
    basis:
      `control_hierarchy criterion met: every gate measure that claims a residual reduction declares its ` +
      `control tier (${n})`,
  }
}

/**
 * A residual is required of every risk with a blocking control and of every risk that needs
 * treatment (the reference data fit both readings; requiring both is the stricter one).
 */
const residualPresent: Criterion = ({manifest, bundle}) => {
  const risks = manifest.risk?.risks ?? []
  if (risks.length === 0) return {met: false, basis: 'residual_present criterion not met: no risk is declared'}
  const needsTreatment = new Set((bundle.risk_analysis ?? []).filter((r) => r.requires_treatment).map((r) => r.risk_id))
  const needing = risks.filter(
    (r) =>
      needsTreatment.has(r.id) || (r.treat ?? []).some((t) => (t.measures ?? []).some((m) => m.enforcement === 'gate')),
  )
  const missing = needing.filter((r) => !(r.treat ?? []).some((t) => t.residual_likelihood)).map((r) => r.id)
  if (missing.length > 0)
    return {met: false, basis: `residual_present criterion not met: no residual_likelihood for ${firstFew(missing)}`}
  return {
    met: true,
    basis:
      `residual_present criterion met: every risk with a gate control or requiring treatment declares a ` +
      `residual (${plural(needing.length, 'risk')})`,
  }
}

const overallResidual: Criterion = ({bundle}) => {
  const o = bundle.overall_residual
  if (!o?.evaluation)
    return {met: false, basis: 'overall_residual criterion not met: the bundle has no overall residual evaluation'}
  if (!o.criterion)
    return {met: false, basis: 'overall_residual criterion not met: no overall_residual_criterion is declared'}
  if (o.evaluation !== 'within')
    return {
      met: false,
      basis: `overall_residual criterion not met: overall residual ${o.level} exceeds the criterion ${o.criterion}`,
    }
  return {
    met: true,
    basis: `overall_residual criterion met: overall residual ${o.level} within the criterion ${o.criterion}`,
  }
}

const criteriaApplied: Criterion = ({manifest, bundle}) => {
  const appetite = Object.values(manifest.risk?.appetite ?? {}).filter(Boolean).length
  if (appetite === 0) return {met: false, basis: 'risk criteria not established: no risk appetite is declared'}
  const o = bundle.overall_residual
  if (!o?.criterion || !o.evaluation)
    return {
      met: false,
      basis: 'risk criteria not applied: the overall residual is not evaluated against a declared criterion',
    }
  return {
    met: true,
    basis:
      `criteria established and applied (overall residual ${o.level} evaluated ` +
      `against ${o.criterion}: ${o.evaluation})`,
  }
}

const stakeholdersIdentified: Criterion = ({manifest}) => {
  const persons = manifest.system.affected_persons ?? []
  if (persons.length === 0) return {met: false, basis: 'stakeholders not identified: system.affected_persons is empty'}
  return {met: true, basis: `stakeholders identified (affected persons: ${firstFew(persons)})`}
}

const managementReview: Criterion = ({approval}) => {
  if (approval.state === 'approved')
    return {
      met: true,
      basis:
        `current management approval${approval.by ? ` by ${approval.by}` : ''}` +
        (approval.date ? ` on ${approval.date}` : ''),
    }
  const later = approval.commit ? ` (${shortSha(approval.commit, REVISION_SHA_LENGTH)})` : ''
  const why: Record<string, string> = {
    none: 'no approval requested or given',
    pending: 'approval requested, not yet given',
    stale: `the approval is stale: ${approval.reason ?? 'a run came after it'}`,
    under_review: 'under periodic review since the approval',
    rejected: `the approval was rejected${approval.reason ? ` (${approval.reason})` : ''}`,
    retired: 'the system is retired',
    superseded: `this bundle revision was superseded by a later run${later}`,
    shallow: `unknown: ${approval.reason ?? 'the history is shallow'}`,
  }
  return {met: false, basis: `no current management approval (${why[approval.state] ?? approval.state})`}
}

const signedBundle: Criterion = ({signature}) =>
  signature.valid
    ? {met: true, basis: 'signed evidence bundle present (signature verifies)'}
    : {met: false, basis: `no valid signed bundle: ${signature.reason ?? 'the signature does not verify'}`}

/** Art. 72 semantics: a post-market measure with a citation, a trigger and an ISO 8601 frequency. */
const monitoringPlan: Criterion = ({manifest}) => {
  const measures = measuresWithRisk(manifest).map((m) => m.measure)
  const art72 = measures.filter(
    (m) =>
      m.art72_citation && /art-?72\b/i.test(m.art72_citation) && m.trigger && m.frequency && isIsoDuration(m.frequency),
  )
  if (art72.length > 0)
    return {
      met: true,
      basis:
        `post-market monitoring plan with Art. 72 semantics (citation + trigger + ISO 8601 ` +
        `frequency): ${firstFew(art72.map((m) => m.id))}`,
    }
  const interval = manifest.risk?.review_interval
  const monitoring = measures.filter((m) => (m.lifecycle ?? []).includes('monitoring'))
  if ((interval && isIsoDuration(interval)) || monitoring.length > 0) {
    const what = [
      interval && isIsoDuration(interval) ? `review_interval ${interval}` : '',
      monitoring.length > 0 ? plural(monitoring.length, 'monitoring measure') : '',
    ]
      .filter(Boolean)
      .join(', ')
    return {met: true, basis: `monitoring plan declared (${what}); no verifiable Art. 72 semantics, audit only`}
  }
  return {met: false, basis: 'no monitoring plan: no review_interval and no measure with lifecycle monitoring'}
}

const powerStatistics: Criterion = ({bundle}) => {
  const withCi = (bundle.control_results ?? []).filter(
    (c) => c.power && typeof c.power.ci_low === 'number' && typeof c.power.ci_high === 'number',
  )
  if (withCi.length === 0)
    return {met: false, basis: 'no power statistics: no control result carries a confidence interval'}
  return {met: true, basis: `power statistics present in ${plural(withCi.length, 'control')}`}
}

const bomPresent: Criterion = ({bundle, signature}) => {
  const n = bundle.bom?.components?.length ?? 0
  if (!bundle.bom || n === 0) return {met: false, basis: 'no BOM: the bundle lists no software components'}
  if (!signature.valid) return {met: false, basis: 'the BOM is not under a valid signature'}
  return {met: true, basis: `signed BOM present in the bundle (${plural(n, 'component')})`}
}

const misuseDeclared: Criterion = ({manifest}) => {
  const n = manifest.system.potential_misuses?.length ?? 0
  if (n === 0) return {met: false, basis: 'no reasonably foreseeable misuse declared (system.potential_misuses)'}
  return {met: true, basis: `reasonably foreseeable misuse declared (${plural(n, 'case')})`}
}

export const CRITERIA: Record<CriterionName, Criterion> = {
  risk_estimation: riskEstimation,
  control_hierarchy: controlHierarchy,
  residual_present: residualPresent,
  overall_residual: overallResidual,
  criteria_applied: criteriaApplied,
  stakeholders_identified: stakeholdersIdentified,
  management_review: managementReview,
  signed_bundle: signedBundle,
  monitoring_plan: monitoringPlan,
  power_statistics: powerStatistics,
  bom_present: bomPresent,
  misuse_declared: misuseDeclared,
}

/** What satisfies each criterion: the way out a gap names, in the manifest's own terms. */
const TO_COVER: Record<CriterionName, string> = {
  risk_estimation: 'declare each risk with a likelihood and at least one impact (risk.risks[].likelihood, .impact)',
  control_hierarchy:
    'declare a gate measure, and control_tier (inherent, protective or informative) on each ' +
    'gate measure whose treatment declares residual_likelihood',
  residual_present:
    'declare residual_likelihood on the treatment of each risk that needs treatment or has a ' + 'gate measure',
  overall_residual: 'declare risk.overall_residual_criterion, run `sei run`, and bring the overall residual within it',
  criteria_applied: 'declare risk.appetite and risk.overall_residual_criterion, then run `sei run`',
  stakeholders_identified: 'list the affected persons in system.affected_persons',
  management_review: 'a current approval: `sei request`, then `sei approve` by the accountable person',
  signed_bundle: 'run `sei run` so that a bundle signed by the configured signer is present',
  monitoring_plan: 'declare risk.review_interval (e.g. P6M) or a measure with lifecycle: [monitoring]',
  power_statistics: 'have the pipeline write {value, power: {ci_low, ci_high, n}} for at least one control',
  bom_present: 'run `sei run` so the signed bundle lists the software components (bom)',
  misuse_declared: 'declare the reasonably foreseeable misuse in system.potential_misuses',
}

/**
 * Decides a named criterion; a name this engine does not know (a newer plugin) is never met. A
 * criterion not met says in its basis what would meet it.
 */
export function decideCriterion(name: string, evidence: ConformanceEvidence): CriterionOutcome {
  const criterion = (CRITERIA as Record<string, Criterion | undefined>)[name]
  if (!criterion)
    return {
      met: false,
      basis: `criterion "${name}" is unknown to this version of sei (update sei or the standard plugin)`,
    }
  const outcome = criterion(evidence)
  const remedy = (TO_COVER as Record<string, string | undefined>)[name]
  return outcome.met || !remedy ? outcome : {met: false, basis: `${outcome.basis}; to cover: ${remedy}`}
}
