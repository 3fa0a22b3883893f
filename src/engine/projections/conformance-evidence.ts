import type {Manifest, Measure} from '../manifest/index.js'

// What a conformance projection reads: the manifest and the signed bundle of one revision, whether
// that bundle's signature verifies, and the management approval at that point. Fields are read
// defensively: bundles of the earlier engines (froga, venth) and of older sei revisions are projected too.

/** The parts of an evidence bundle (FORMATS §3) that clause decisions depend on. */
export type BundleView = {
  control_results?: {control_id?: string; passed?: boolean; power?: {ci_low?: unknown; ci_high?: unknown} | null}[]
  risk_analysis?: {risk_id?: string; requires_treatment?: boolean}[]
  overall_residual?: {level?: string; criterion?: string | null; evaluation?: string} | null
  bom?: {digest?: string; components?: unknown[]} | null
  foreseeable_misuse?: unknown[]
}

/**
 * The approval state as the history concern reports it (`approvalState`), or `superseded` for a past
 * bundle revision that a later run replaced (whatever approval it had is no longer current: DESIGN §8,
 * a run after an approval makes it stale).
 */
export type ApprovalView = {
  state: 'none' | 'pending' | 'approved' | 'stale' | 'under_review' | 'rejected' | 'retired' | 'superseded' | 'shallow'
  commit?: string
  by?: string
  date?: string
  reason?: string
}

export type ConformanceEvidence = {
  manifest: Manifest
  bundle: BundleView
  signature: {valid: boolean; reason?: string}
  approval: ApprovalView
}

/** Every measure of the manifest with the risk it treats, in manifest order. */
export function measuresWithRisk(manifest: Manifest): {riskId: string; measure: Measure}[] {
  const out: {riskId: string; measure: Measure}[] = []
  for (const risk of manifest.risk?.risks ?? []) {
    for (const treat of risk.treat ?? [])
      for (const measure of treat.measures ?? []) out.push({riskId: risk.id, measure})
  }
  return out
}

/**
 * A measure that is declared rather than computed: a manual attestation, a monitor, or a post-market
 * plan (lifecycle monitoring only). Its absence from the bundle is expected, not missing evidence.
 */
export function isDeclaredMeasure(measure: Measure): boolean {
  if (measure.evaluation === 'manual' || measure.enforcement === 'monitor') return true
  const lifecycle = measure.lifecycle ?? []
  return lifecycle.length > 0 && lifecycle.every((l) => l === 'monitoring')
}
