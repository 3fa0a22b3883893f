import type {GateRow} from '../../../engine/pipeline/index.js'

/** A place in the repository: the manifest file (relative to the repository root) and, when known, line:col. */
export type Location = {file: string; line?: number; col?: number}

/**
 * One check a CI system shows: a JUnit testcase, and when it fails a SARIF result and a GitHub annotation.
 * `level` is how loudly a failure counts: `error` gates, `warning` is advisory (an audit control).
 */
export type Check = {
  suite: string
  name: string
  passed: boolean
  message: string
  level: 'error' | 'warning'
  /** SARIF ruleId: what kind of check it is (sei/control, sei/drift, or an error code). */
  rule: string
  location?: Location
  /** An error that stopped the command (JUnit <error>), not a check that ran and failed (<failure>). */
  error?: boolean
}

/** What every CI format renders: a command's outcome (or its error) as checks, a headline and the gate table. */
export type FormatReport = {
  command: string
  /** `status: RED`, `risk gate: GREEN`, `error: MANIFEST_INVALID`. */
  headline: string
  checks: Check[]
  gate?: GateRow[]
  /** sei's version, for SARIF's tool.driver. */
  version: string
}

/** Where the manifest's fields are: the formats locate controls and sections at their sei.yaml line:col. */
export type Locator = {
  /** The manifest file itself, for findings about no field in particular. */
  manifest?: Location
  /** The manifest's location, line:col of the control (a measure of the risk register) when declared. */
  control(id: string): Location | undefined
  /** The manifest's location, line:col of a top-level key when present. */
  field(key: string): Location | undefined
}

export const NO_LOCATOR: Locator = {control: () => undefined, field: () => undefined}

/** One check per gate row: failing blocking controls are errors, failing audit controls warnings. */
export function controlChecks(rows: GateRow[], at: Locator, shown: (r: GateRow) => string): Check[] {
  return rows.map((r) => ({
    suite: 'controls',
    name: r.control_id,
    passed: r.passed,
    message: `${r.control_id}: ${shown(r)} (needs ${r.constraint})${r.note ? ` — ${r.note}` : ''}`,
    level: r.blocking ? 'error' : 'warning',
    rule: 'sei/control',
    location: at.control(r.control_id),
  }))
}
