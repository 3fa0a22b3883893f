import {asFloat, numberOf, type JsonFloat} from '../canonical/index.js'
import type {Manifest} from '../manifest/index.js'
import {parseConstraint, satisfies, type Operator} from './constraint.js'
import {lookupMeasure, metricsTable, missingReason, pointerOf, type MetricsTable} from './metrics-table.js'
import {enforcementMode, exAnteControls} from './select.js'

type Num = number | JsonFloat

/** One entry of the bundle's `control_results`, field order as the reference writes it. */
export type ControlResult = {
  control_id: string
  metric_key: string
  actual_value: Num | null
  threshold: Num
  operator: Operator
  severity?: string
  enforcement_mode: string
  passed: boolean
  eval_passed: null
  lifecycle_phase?: string
  risk_id: string
  article?: string
  frameworks?: string[]
  power?: Record<string, unknown>
  /** Only when the value is missing or unusable: why the control fails. */
  note?: string
  /** The dotted key path (DVC notation) the value came from, only when it is not the control id. */
  metrics_key?: string
}

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Map)

/** The `power` block as the reference keeps it: null n_clusters and empty groups dropped, groups sorted. */
function powerOf(raw: unknown): Record<string, unknown> | undefined {
  if (!isObj(raw)) return undefined
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'n_clusters' && v === null) continue
    if (k === 'groups') {
      if (!isObj(v) || Object.keys(v).length === 0) continue
      const sorted = Object.keys(v).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      // A JS object would put integer-like keys ("10" before "9" in Python's order) first: keep order in a Map.
      out[k] = new Map(sorted.map((g) => [g, v[g]]))
      continue
    }
    out[k] = v
  }
  return out
}

/** The value of a measure in metrics.json: a bare number or `{value, power}`. */
function measuredValue(entry: unknown): {value?: number; power?: Record<string, unknown>; problem?: string} {
  const bare = numberOf(entry)
  if (bare !== undefined) return Number.isFinite(bare) ? {value: bare} : {problem: 'the value is not a finite number'}
  if (isObj(entry)) {
    const v = numberOf(entry.value)
    if (v === undefined || !Number.isFinite(v)) return {problem: '`value` is missing or not a number'}
    return {value: v, power: powerOf(entry.power)}
  }
  return {problem: 'the value is neither a number nor {value, power}'}
}

/** A bare metrics object (one flat metrics.json, as tests and old callers pass it) or a table. */
export function asMetricsTable(metrics: unknown): MetricsTable {
  const t = metrics as MetricsTable | undefined
  return t && t.byKey instanceof Map ? t : metricsTable([{path: 'metrics.json', data: metrics}])
}

/** Per control with a value: the file and JSON pointer it was read from (the bundle's provenance). */
export function valueSources(manifest: Manifest, metrics: unknown): Record<string, string> {
  const table = asMetricsTable(metrics)
  const out: Record<string, string> = {}
  for (const {measure} of exAnteControls(manifest)) {
    const hit = lookupMeasure(table, measure)
    if ('found' in hit) out[measure.id] = pointerOf(hit.found)
  }
  return out
}

/**
 * P8: every ex-ante control of the manifest against the metrics, in plan (manifest) order. A control
 * with no usable value is recorded as not passed with the reason (`note`): a blocking one so the gate
 * cannot turn green by a metric going missing, an audit one so it does not vanish from the evidence.
 * (The reference bundles never miss a value, so this changes none of their bytes.)
 */
export function evaluateControls(manifest: Manifest, metrics: unknown): ControlResult[] {
  const table = asMetricsTable(metrics)
  const out: ControlResult[] = []
  for (const {measure, riskId} of exAnteControls(manifest)) {
    const constraint = parseConstraint(measure.constraint)
    if (!constraint) continue // the manifest validator has already refused it
    const hit = lookupMeasure(table, measure)
    const {value, power, problem} =
      'found' in hit
        ? measuredValue(hit.found.node)
        : 'missing' in hit
          ? {problem: missingReason(table, hit.missing)}
          : {problem: `"${hit.key}" names ${hit.ambiguous.length} values (${hit.ambiguous.map(pointerOf).join(', ')})`}
    const mode = enforcementMode(measure)
    const result: ControlResult = {
      control_id: measure.id,
      metric_key: measure.metric,
      actual_value: value === undefined ? null : asFloat(value),
      threshold: asFloat(constraint.threshold),
      operator: constraint.operator,
      severity: measure.severity,
      enforcement_mode: mode,
      passed: value !== undefined && satisfies(value, constraint),
      eval_passed: null,
      lifecycle_phase: measure.lifecycle?.[0],
      risk_id: riskId,
      article: measure.article,
      frameworks: measure.frameworks?.length ? measure.frameworks : undefined,
      power,
    }
    if (problem) result.note = `${measure.id}: ${problem}`
    if ('key' in hit && hit.key !== measure.id) result.metrics_key = hit.key
    out.push(result)
  }
  return out
}
