import type {RiskAnalysis} from './analysis.js'

export type CycleState = 'OPEN' | 'CLOSED' | 'DISCREPANCY' | 'ACCEPTED' | 'MONITORED'

/**
 * Whether the residual exceeds the appetite: some dimension's declared residual does, or, with no residual
 * declared, the inherent risk requires treatment (DESIGN §4: nothing declared cannot be within appetite).
 */
export function residualExceeds(
  risk: Pick<RiskAnalysis, 'requires_treatment' | 'dimensions' | 'residual_overall'>,
): boolean {
  if (risk.residual_overall === undefined) return risk.requires_treatment
  return risk.dimensions.some((d) => d.residual_eval === 'exceeds')
}

/**
 * The ⑤ residual state of DESIGN §4, finer than the bundle's open/closed/monitored: passing controls
 * with a residual still above appetite (or undeclared while treatment is required) is a DISCREPANCY
 * between evidence and declaration, which only a current management approval turns into ACCEPTED.
 */
export function cycleState(
  risk: Pick<RiskAnalysis, 'cycle' | 'requires_treatment' | 'dimensions' | 'residual_overall'>,
  options: {evaluatedControls: number; approvalCurrent: boolean},
): CycleState {
  if (risk.cycle.status === 'open') return 'OPEN'
  if (risk.requires_treatment && options.evaluatedControls === 0) return 'OPEN'
  const exceeds = residualExceeds(risk)
  if (risk.cycle.status === 'monitored') return exceeds && options.approvalCurrent ? 'ACCEPTED' : 'MONITORED'
  if (!exceeds) return 'CLOSED'
  return options.approvalCurrent ? 'ACCEPTED' : 'DISCREPANCY'
}
