import {DIMENSIONS, type Level, type Manifest, type Risk} from '../manifest/index.js'
import {evaluateAgainst, maxLevel, riskLevel} from './levels.js'

/** What the analysis needs of a control result (the bundle's `control_results[]` entries). */
export type ControlOutcome = {control_id: string; risk_id?: string; enforcement_mode?: string; passed: boolean}

export type DimensionAnalysis = {
  dimension: string
  impact: string
  appetite?: Level
  inherent_level: Level
  inherent_eval: 'within' | 'exceeds'
  residual_level?: Level
  residual_eval?: 'within' | 'exceeds'
}

export type CycleStatus = 'open' | 'closed' | 'monitored'

export type RiskAnalysis = {
  risk_id: string
  kind: 'threat'
  provenance: 'declared'
  likelihood: string
  residual_declared_likelihood?: string
  dimensions: DimensionAnalysis[]
  inherent_overall: Level
  residual_overall?: Level
  requires_treatment: boolean
  control_confirmed: boolean
  cycle: {status: CycleStatus}
  priority: number
}

export type OverallResidual = {
  level: Level
  criterion?: Level
  evaluation: 'within' | 'exceeds'
  contributing: string[]
}

/** The residual likelihood a risk declares: the first treatment that declares one. */
export function residualLikelihood(risk: Risk): Risk['likelihood'] | undefined {
  return risk.treat?.find((t) => t.residual_likelihood)?.residual_likelihood
}

/** Cycle status as the bundle records it: open if a blocking control fails, closed if all of ≥1 pass. */
export function cycleStatus(controls: ControlOutcome[]): CycleStatus {
  const blocking = controls.filter((c) => c.enforcement_mode === 'block')
  if (blocking.some((c) => !c.passed)) return 'open'
  return blocking.length > 0 ? 'closed' : 'monitored'
}

function analyseRisk(
  risk: Risk,
  appetite: Partial<Record<string, Level>>,
  controls: ControlOutcome[],
): Omit<RiskAnalysis, 'priority'> {
  const residual = residualLikelihood(risk)
  const dimensions: DimensionAnalysis[] = []
  for (const dimension of DIMENSIONS) {
    const impact = risk.impact[dimension]
    if (!impact) continue
    const inherent = riskLevel(risk.likelihood, impact)
    const row: DimensionAnalysis = {
      dimension,
      impact,
      appetite: appetite[dimension],
      inherent_level: inherent,
      inherent_eval: evaluateAgainst(inherent, appetite[dimension]),
    }
    if (residual) {
      row.residual_level = riskLevel(residual, impact)
      row.residual_eval = evaluateAgainst(row.residual_level, appetite[dimension])
    }
    dimensions.push(row)
  }
  const mine = controls.filter((c) => c.risk_id === risk.id)
  return {
    risk_id: risk.id,
    kind: 'threat',
    provenance: 'declared',
    likelihood: risk.likelihood,
    residual_declared_likelihood: residual,
    dimensions,
    inherent_overall: maxLevel(dimensions.map((d) => d.inherent_level)) ?? 'LOW',
    residual_overall: residual ? maxLevel(dimensions.map((d) => d.residual_level!)) : undefined,
    requires_treatment: dimensions.some((d) => d.inherent_eval === 'exceeds'),
    control_confirmed: mine.length > 0 && mine.every((c) => c.passed),
    cycle: {status: cycleStatus(mine)},
  }
}

/**
 * Treatment priority (ISO 42001 §6.1.2 e): open cycles first, then risks requiring treatment, then
 * those not yet confirmed by controls, ties by id (code-unit order, as the reference sorts).
 */
export function treatmentPriority<
  T extends Pick<RiskAnalysis, 'risk_id' | 'requires_treatment' | 'control_confirmed' | 'cycle'>,
>(risks: T[]): T[] {
  const key = (r: T) =>
    [r.cycle.status === 'open' ? 0 : 1, r.requires_treatment ? 0 : 1, r.control_confirmed ? 1 : 0] as const
  return [...risks].sort((a, b) => {
    const ka = key(a)
    const kb = key(b)
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] - kb[i]
    return a.risk_id < b.risk_id ? -1 : a.risk_id > b.risk_id ? 1 : 0
  })
}

/** System residual: per risk the residual if declared else the inherent level; the maximum, against the criterion. */
export function overallResidual(manifest: Manifest, risks: RiskAnalysis[]): OverallResidual {
  const effective = risks.map((r) => ({id: r.risk_id, level: r.residual_overall ?? r.inherent_overall}))
  const level = maxLevel(effective.map((e) => e.level)) ?? 'LOW'
  const criterion = manifest.risk?.overall_residual_criterion
  return {
    level,
    criterion,
    evaluation: evaluateAgainst(level, criterion),
    contributing: effective.filter((e) => e.level === level).map((e) => e.id),
  }
}

/** The bundle's `risk_analysis` (manifest order, with priority) and `overall_residual`. */
export function analyseRisks(
  manifest: Manifest,
  controls: ControlOutcome[],
): {risk_analysis: RiskAnalysis[]; overall_residual: OverallResidual} {
  const appetite = manifest.risk?.appetite ?? {}
  const analysed = (manifest.risk?.risks ?? []).map((r) => analyseRisk(r, appetite, controls))
  const rank = new Map(treatmentPriority(analysed).map((r, i) => [r.risk_id, i + 1]))
  const risk_analysis = analysed.map((r) => ({...r, priority: rank.get(r.risk_id)!}))
  return {risk_analysis, overall_residual: overallResidual(manifest, risk_analysis)}
}
