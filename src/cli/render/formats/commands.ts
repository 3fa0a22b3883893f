import type {RunResult, StatusResult} from '../../../engine/pipeline/index.js'
import type {ConformanceResult} from '../../../engine/projections/index.js'
import {formatValue, freshnessProblems} from '../status.js'
import {type Check, controlChecks, type FormatReport, type Locator} from './report.js'

// Each command's outcome as checks, from its result alone (and where its fields are in sei.yaml).

const shown = (r: {value: number | null; constraint: string}) =>
  r.value === null ? 'no value' : formatValue(r.value, r.constraint)

const failed = (suite: string, name: string, message: string, rule: string, location?: Check['location']): Check => ({
  suite,
  name,
  passed: false,
  message,
  level: 'error',
  rule,
  location,
})

/** status: the signature, one testcase per drifted section (and per other freshness problem), one per control. */
export function statusReport(s: StatusResult, at: Locator, version: string): FormatReport {
  const checks: Check[] = []
  if (s.signature && !s.signature.valid) {
    const why = 'the evidence signature does not verify (firma INVÁLIDA): nothing else is reported'
    const headline = 'RED (invalid signature)'
    return {command: 'status', headline, version, checks: [failed('signature', 'signature', why, 'sei/signature')]}
  }
  for (const d of s.drift) {
    const inputs = d.inputs?.length ? `: ${d.inputs.join(', ')}` : ''
    const message = `${d.section}: drift ${d.type} (${d.change}${inputs}) — ${d.action}`
    checks.push(failed('freshness', d.section, message, 'sei/drift', at.field(d.section)))
  }
  // The other freshness problems have no section of their own: one check each, named by what they say.
  for (const line of freshnessProblems(s).slice(s.drift.length))
    checks.push(failed('freshness', line.split(':')[0], line, 'sei/freshness', at.manifest))
  if (s.neverRun)
    checks.push(failed('freshness', 'lock', 'never run: no lock — run `sei run`', 'sei/freshness', at.manifest))
  if (!checks.some((c) => c.suite === 'freshness'))
    checks.push({...failed('freshness', 'freshness', 'every section is fresh', 'sei/drift'), passed: true})
  checks.push(...controlChecks(s.controls, at, shown))
  if (s.retired) checks.push(failed('retired', 'retired', `withdrawn by ${s.retired.by}: never green`, 'sei/retired'))
  const headline = s.retired ? 'RETIRED' : s.green ? 'GREEN' : 'RED'
  return {command: 'status', headline, checks, gate: s.controls, version}
}

/** run: one testcase per control of the risk gate it evaluated. */
export function runReport(r: RunResult, at: Locator, version: string): FormatReport {
  return {command: 'run', headline: `risk gate ${r.gate}`, checks: controlChecks(r.controls, at, shown), version}
}

type Gated = ConformanceResult & {gates: {freshness: string; risk: string; blocking: string[]}}

/** conformance: one failing testcase per blocking reason, or one passing one when both gates are green. */
export function conformanceReport(r: Gated, _at: Locator, version: string): FormatReport {
  const {freshness, risk, blocking} = r.gates
  const checks: Check[] = blocking.map((b, i) => failed('blocking', `blocking-${i + 1}`, b, 'sei/blocking'))
  const green = freshness === 'FRESH' && risk === 'GREEN'
  if (checks.length === 0 && green)
    checks.push({...failed('blocking', 'gates', 'freshness FRESH, risk GREEN', 'sei/blocking'), passed: true})
  else if (checks.length === 0)
    checks.push(failed('blocking', 'gates', `freshness ${freshness}, risk ${risk}`, 'sei/blocking'))
  for (const s of r.standards) {
    const gaps = s.summary.gap
    const message = `${s.standard}: ${s.summary.covered} covered, ${s.summary.partial} partial, ${gaps} gap`
    checks.push({...failed('standards', s.standard, message, 'sei/conformance'), passed: true})
  }
  const headline = green ? 'projected (both gates green)' : `BLOCKED (freshness ${freshness}, risk ${risk})`
  return {command: 'conformance', headline, checks, version}
}
