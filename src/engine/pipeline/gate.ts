import {blockingControls, blocksGate, conclusive, operatorSymbol, type Operator} from '../controls/index.js'
import {numberOf} from '../canonical/index.js'
import type {Manifest} from '../manifest/index.js'

export type GateRow = {
  control_id: string
  risk_id?: string
  value: number | null
  constraint: string
  passed: boolean
  blocking: boolean
  /** true/false when a confidence interval was given; null when the value is bare or missing. */
  conclusive: boolean | null
  note?: string
}

type ControlResult = {
  control_id: string
  risk_id?: string
  actual_value?: unknown
  operator?: string
  threshold?: unknown
  enforcement_mode?: string
  passed?: boolean
  power?: {ci_low?: unknown; ci_high?: unknown}
  note?: string
}

/** The signed result's interval against its own constraint; null when either is missing or not a bound. */
function conclusiveOf(r: ControlResult): boolean | null {
  const threshold = numberOf(r.threshold)
  if (threshold === undefined) return null
  const ci = {ci_low: numberOf(r.power?.ci_low), ci_high: numberOf(r.power?.ci_high)}
  // A bundle's operator is text as signed; one the controls concern does not know decides nothing.
  return conclusive(ci, {operator: r.operator as Operator, threshold}) ?? null
}

/**
 * The gate as a bundle records it: every control result, plus each blocking measure of the manifest
 * that has no result (no value = failing, said so). A bundle's `passed` is taken as signed.
 */
export function gateRows(manifest: Manifest, bundle: {control_results?: ControlResult[]} | undefined): GateRow[] {
  const rows: GateRow[] = []
  const seen = new Set<string>()
  for (const r of bundle?.control_results ?? []) {
    seen.add(r.control_id)
    rows.push({
      control_id: r.control_id,
      risk_id: r.risk_id,
      value: numberOf(r.actual_value) ?? null,
      constraint: `${r.operator === undefined ? '?' : operatorSymbol(r.operator)} ${numberOf(r.threshold) ?? '?'}`,
      passed: r.passed === true,
      blocking: blocksGate(r),
      conclusive: conclusiveOf(r),
      // the reason a value is missing or unusable, as signed (the bundle's note starts with the control id)
      ...(typeof r.note === 'string' ? {note: r.note.replace(`${r.control_id}: `, '')} : {}),
    })
  }
  for (const {measure, riskId} of blockingControls(manifest)) {
    if (seen.has(measure.id)) continue
    rows.push({
      control_id: measure.id,
      risk_id: riskId,
      value: null,
      constraint: measure.constraint,
      passed: false,
      blocking: true,
      conclusive: null,
      note: 'no value in the evidence (missing from metrics)',
    })
  }
  return rows
}
