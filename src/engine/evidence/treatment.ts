import type {JsonFloat} from '../canonical/index.js'

type Num = number | JsonFloat | null

/** A FAIL→PASS arc (kind Treatment) or a PASS→FAIL one (kind Regression) of one control between two runs. */
export type TreatmentEvent = {
  control_id: string
  risk_id?: string
  kind: 'Treatment' | 'Regression'
  previous_value: Num
  current_value: Num
  anchored_commit: string
  previous_commit: string | null
}

type ResultLike = {control_id: string; risk_id?: string; passed: boolean; actual_value?: Num}
type BundleLike = {control_results?: ResultLike[]; triple?: {code?: string}}

/**
 * P8: compares each control with the previously committed bundle. Only a change of `passed` is an
 * event; a value that moves without crossing its threshold is not.
 */
export function treatmentEvents(
  previous: unknown,
  current: ResultLike[],
  options: {anchoredCommit: string},
): TreatmentEvent[] {
  const prev = previous as BundleLike | undefined
  if (!prev?.control_results) return []
  const before = new Map(prev.control_results.map((r) => [r.control_id, r]))
  const events: TreatmentEvent[] = []
  for (const r of current) {
    const p = before.get(r.control_id)
    if (!p || p.passed === r.passed) continue
    events.push({
      control_id: r.control_id,
      risk_id: r.risk_id,
      kind: r.passed ? 'Treatment' : 'Regression',
      previous_value: p.actual_value ?? null,
      current_value: r.actual_value ?? null,
      anchored_commit: options.anchoredCommit,
      previous_commit: prev.triple?.code ?? null,
    })
  }
  return events
}
