import type {RiskAnalysis} from './analysis.js'

export type CycleState = 'OPEN' | 'CLOSED' | 'DISCREPANCY' | 'ACCEPTED' | 'MONITORED'

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
  const residualExceeds =
    risk.residual_overall === undefined
      ? risk.requires_treatment
      : risk.dimensions.some((d) => d.residual_eval === 'exceeds')
  if (risk.cycle.status === 'monitored') return residualExceeds && options.approvalCurrent ? 'ACCEPTED' : 'MONITORED'
  if (!residualExceeds) return 'CLOSED'
  return options.approvalCurrent ? 'ACCEPTED' : 'DISCREPANCY'
}
