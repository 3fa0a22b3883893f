import type {Manifest, Measure} from '../manifest/index.js'

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

const OPS: Record<string, string> = {lt: '<', lte: '<=', gt: '>', gte: '>=', eq: '==', ne: '!=', neq: '!='}

/** Measures the risk gate computes and blocks on: enforcement gate, automated, not post-market only. */
export function blockingMeasures(manifest: Manifest): {measure: Measure; riskId: string}[] {
  const out: {measure: Measure; riskId: string}[] = []
  for (const risk of manifest.risk?.risks ?? []) {
    for (const t of risk.treat ?? []) {
      for (const m of t.measures ?? []) {
        if (m.enforcement !== 'gate' || m.evaluation === 'manual') continue
        if (m.lifecycle && m.lifecycle.length > 0 && m.lifecycle.every((l) => l === 'monitoring')) continue
        out.push({measure: m, riskId: risk.id})
      }
    }
  }
  return out
}

type ControlResult = {control_id: string; risk_id?: string; actual_value?: number; operator?: string; threshold?: number; enforcement_mode?: string; passed?: boolean; power?: {ci_low?: number; ci_high?: number}}

function conclusiveOf(r: ControlResult): boolean | null {
  const lo = r.power?.ci_low
  const hi = r.power?.ci_high
  if (typeof lo !== 'number' || typeof hi !== 'number' || typeof r.threshold !== 'number') return null
  switch (r.operator) {
    case 'lt': return hi < r.threshold
    case 'lte': return hi <= r.threshold
    case 'gt': return lo > r.threshold
    case 'gte': return lo >= r.threshold
    default: return null
  }
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
      value: typeof r.actual_value === 'number' ? r.actual_value : null,
      constraint: `${OPS[r.operator ?? ''] ?? r.operator ?? '?'} ${r.threshold ?? '?'}`,
      passed: r.passed === true,
      blocking: r.enforcement_mode === 'block',
      conclusive: conclusiveOf(r),
    })
  }
  for (const {measure, riskId} of blockingMeasures(manifest)) {
    if (seen.has(measure.id)) continue
    rows.push({control_id: measure.id, risk_id: riskId, value: null, constraint: measure.constraint, passed: false, blocking: true, conclusive: null, note: 'no value in the evidence (missing from metrics)'})
  }
  return rows
}
