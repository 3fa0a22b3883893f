import type {Constraint} from '../controls/index.js'

// The reference flags a lax bound with `threshold_plausibility: suspect` (FORMATS §7: seen only on
// `precision_score > 0.30`; its rule is unknown). Ours, written down: metrics whose family is known
// from the name live in [0, 1]; a bound outside that range is impossible or vacuous, a bound in the
// direction that rewards the harm is backwards, and a bound too lax to separate a useful model from a
// poor one (a performance floor under 0.5, a disparity ceiling over 0.25, a disparate-impact floor
// under the four-fifths rule) is suspect. Unknown metric names are never judged.

type Family = 'performance' | 'disparity' | 'ratio'

const PERFORMANCE =
  /(^|_)(accuracy|recall|precision|f1|auc|roc_auc|sensitivity|specificity|dice|iou|balanced_accuracy)(_|$)/
const DISPARITY = /(_diff|_difference|_gap)$/

function familyOf(metric: string): Family | undefined {
  if (metric === 'disparate_impact' || metric === 'demographic_parity_ratio') return 'ratio'
  if (DISPARITY.test(metric)) return 'disparity'
  if (PERFORMANCE.test(metric)) return 'performance'
  return undefined
}

const lower = (c: Constraint) => c.operator === 'gt' || c.operator === 'gte'
const upper = (c: Constraint) => c.operator === 'lt' || c.operator === 'lte'

/** Why a measure's threshold is implausible for its metric, or undefined when nothing is suspect. */
export function implausibleThreshold(metric: string, c: Constraint): string | undefined {
  const family = familyOf(metric)
  if (!family) return undefined
  const t = c.threshold
  if (t < 0 || t > 1)
    return `${metric} lies in [0, 1]; a threshold of ${t} makes the constraint impossible or always true`
  if (family === 'performance') {
    if (upper(c)) return `${metric} is better when higher; an upper bound rewards a worse model`
    if (lower(c) && t < 0.5) return `${metric} floor ${t} is below 0.5: too lax to tell a useful model from a poor one`
  }
  if (family === 'disparity') {
    if (lower(c)) return `${metric} is a disparity (better when lower); a lower bound rewards a larger gap`
    if (upper(c) && t > 0.25)
      return `${metric} ceiling ${t} is above 0.25: allows gaps large enough to be the harm itself`
  }
  if (family === 'ratio') {
    if (upper(c)) return `${metric} is better when closer to 1; an upper bound rewards a larger disparity`
    if (lower(c) && t < 0.8) return `${metric} floor ${t} is below the four-fifths rule (0.8)`
  }
  return undefined
}
