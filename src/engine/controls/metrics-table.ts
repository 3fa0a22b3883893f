import type {Measure} from '../manifest/index.js'

/** One metrics file as parsed (JSON or YAML), by its path relative to the repository. */
export type MetricsFile = {path: string; data: unknown}

/** A node of a metrics file: where it is (file and key segments) and what it holds. */
export type MetricsEntry = {file: string; path: string[]; node: unknown}

/** Every metrics file's nodes by their dotted path, the notation `dvc metrics show` prints. */
export type MetricsTable = {files: string[]; byKey: Map<string, MetricsEntry[]>; leaves: string[]}

export type MetricsLookup =
  | {found: MetricsEntry; key: string}
  | {ambiguous: MetricsEntry[]; key: string}
  | {missing: string[]}

const isPlain = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Map) && v.constructor === Object

/**
 * DVC's flattening: nested objects joined with ".", lists left out. A dotted path that names two nodes
 * (`{"a.b": 1, "a": {"b": 2}}`, or one key in two files) is kept twice: looking it up is ambiguous.
 */
export function metricsTable(files: MetricsFile[]): MetricsTable {
  const byKey = new Map<string, MetricsEntry[]>()
  const leaves: string[] = []
  const walk = (file: string, node: Record<string, unknown>, path: string[]) => {
    for (const [k, v] of Object.entries(node)) {
      if (Array.isArray(v)) continue
      const at = [...path, k]
      const key = at.join('.')
      byKey.set(key, [...(byKey.get(key) ?? []), {file, path: at, node: v}])
      if (isPlain(v)) walk(file, v, at)
      else leaves.push(key)
    }
  }
  for (const f of files) if (isPlain(f.data)) walk(f.path, f.data, [])
  return {files: files.map((f) => f.path), byKey, leaves: [...new Set(leaves)]}
}

/** The keys a measure's value is looked up by: `metrics_key`, else its id, then its metric name. */
export const lookupKeys = (m: Measure): string[] => (m.metrics_key ? [m.metrics_key] : [...new Set([m.id, m.metric])])

/** The first lookup key present in the table; two nodes under that key are ambiguous, never a guess. */
export function lookupMeasure(table: MetricsTable, measure: Measure): MetricsLookup {
  const keys = lookupKeys(measure)
  for (const key of keys) {
    const entries = table.byKey.get(key) ?? []
    if (entries.length === 1) return {found: entries[0], key}
    if (entries.length > 1) return {ambiguous: entries, key}
  }
  return {missing: keys}
}

/** Where an entry is, as a JSON pointer into its file (RFC 6901): `metrics.json#/roc_auc/test`. */
export const pointerOf = (e: MetricsEntry): string =>
  `${e.file}#/${e.path.map((s) => s.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`

/** The key paths a table holds, for an error message: at most `max`, then how many more. */
export function existingKeys(table: MetricsTable, max = 12): string {
  if (table.leaves.length === 0) return 'none (no key holds a value)'
  const shown = table.leaves.slice(0, max).join(', ')
  return table.leaves.length > max ? `${shown}, … (${table.leaves.length - max} more)` : shown
}

/** Why a measure found no value: the keys tried, the files read and the key paths that do exist. */
export function missingReason(table: MetricsTable, tried: string[]): string {
  const files = table.files.join(', ') || 'the metrics file'
  return `no value in ${files} under ${tried.map((k) => `"${k}"`).join(' or ')}; keys there: ${existingKeys(table)}`
}
