import {numberOf} from '../canonical/index.js'
import type {Manifest} from '../manifest/index.js'
import {lookupMeasure, type MetricsEntry} from './metrics-table.js'
import {asMetricsTable} from './evaluate.js'
import {exAnteControls} from './select.js'

/**
 * The values a known metric can take. A fairness difference, a rate or a score outside [0, 1] is not a
 * measurement but a bug in the pipeline (a sign error, an overflow): a `< 0.1` constraint must not
 * turn -0.5 or -1e308 into a PASS.
 */
const UNIT_INTERVAL = [
  'demographic_parity_diff',
  'equalized_odds_diff',
  'accuracy',
  'recall',
  'precision',
  'f1',
  'auc',
  'dice',
]

/**
 * The metric's family: one name for the spellings of one metric. `recall_score`, `test_recall`,
 * `sensitivity` and `tpr` → recall; `demographic_parity_difference` → demographic_parity_diff;
 * `roc_auc` → auc. Used for the metric's domain and by `sei assess` to see a metric already measured.
 */
export function metricFamily(metric: string): string {
  return metric
    .toLowerCase()
    .replace(/^(test|val|valid|validation|eval|holdout)_/, '')
    .replace(/_score$/, '')
    .replace(/_difference$/, '_diff')
    .replace(/^(roc_auc|auc_roc|roc_auc_ovr|roc_auc_ovo)$/, 'auc')
    .replace(/^dice_(coefficient|coef)$/, 'dice')
    .replace(/^(sensitivity|tpr|true_positive_rate|hit_rate)$/, 'recall')
    .replace(/^(ppv|positive_predictive_value)$/, 'precision')
    .replace(/^f1_?macro$|^macro_f1$|^f_1$/, 'f1')
    .replace(/^acc$/, 'accuracy')
}

/** The closed interval a known metric lives in, or undefined for a metric sei knows nothing about. */
export function metricDomain(metric: string): readonly [number, number] | undefined {
  return UNIT_INTERVAL.includes(metricFamily(metric)) ? [0, 1] : undefined
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

export type DomainProblem = {
  measure: string
  metric: string
  value: number
  domain: readonly [number, number]
  /** Where the value was read. */
  at: MetricsEntry
}

/** Every control whose value in the metrics lies outside its metric's domain. */
export function domainProblems(manifest: Manifest, metrics: unknown): DomainProblem[] {
  const table = asMetricsTable(metrics)
  const out: DomainProblem[] = []
  for (const {measure} of exAnteControls(manifest)) {
    const domain = metricDomain(measure.metric)
    const hit = lookupMeasure(table, measure)
    if (!('found' in hit)) continue
    const entry = hit.found.node
    const value = numberOf(entry) ?? (isObject(entry) ? numberOf(entry.value) : undefined)
    if (!domain || value === undefined || !Number.isFinite(value)) continue
    if (value < domain[0] || value > domain[1]) {
      out.push({measure: measure.id, metric: measure.metric, value, domain, at: hit.found})
    }
  }
  return out
}
