import type {RawProblem} from './check-schema.js'
import {PATH_FIELDS} from './constants.js'
import {didYouMean} from './did-you-mean.js'
import type {ManifestPath} from './locate.js'

// Checks the schema cannot express: uniqueness, references between sections, the mini-languages
// (constraints, ISO 8601 durations, standard ids) and paths that would leave the repository.

const CONSTRAINT = /^\s*(<=|>=|==|!=|<|>)\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*$/
/** The number of one part of a duration, a fraction allowed (`1`, `0.5`, `0,5`). */
const AMOUNT = String.raw`(\d+(?:[.,]\d+)?)`
/** ISO 8601 duration: PnYnMnWnDTnHnMnS, at least one part, fractions allowed on the last part only by convention. */
const DURATION = new RegExp(
  String.raw`^P(?=\d|T\d)(?:${AMOUNT}Y)?(?:${AMOUNT}M)?(?:${AMOUNT}W)?(?:${AMOUNT}D)?` +
    String.raw`(?:T(?=\d)(?:${AMOUNT}H)?(?:${AMOUNT}M)?(?:${AMOUNT}S)?)?$`,
)
/** A canonical standard id (`iso/23894@2023`, `mlcommons/croissant-rai@1.0`) and a clause of one. */
const STANDARD_ID = /^[a-z0-9][a-z0-9._-]*(?:\/[a-z0-9][a-z0-9._-]*)+@[A-Za-z0-9][A-Za-z0-9._-]*$/
const CLAUSE_REF = /^[a-z0-9][a-z0-9._-]*(?:\/[a-z0-9][a-z0-9._-]*)+@[A-Za-z0-9][A-Za-z0-9._-]*#\S+$/

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v)
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])

/** The parsed comparison of a constraint (`< 0.10` → {op: '<', value: 0.1}), or undefined if malformed. */
export function parseConstraintText(
  text: string,
): {op: '<' | '<=' | '>' | '>=' | '==' | '!='; value: number} | undefined {
  const m = CONSTRAINT.exec(text)
  if (!m) return undefined
  const value = Number(m[2])
  return Number.isFinite(value) ? {op: m[1] as '<', value} : undefined
}

/** True for a non-zero ISO 8601 duration such as P6M, P1Y, P2W, PT12H. */
export function isIsoDuration(text: string): boolean {
  const m = DURATION.exec(text)
  return m?.slice(1).some((part) => part !== undefined && Number(part.replace(',', '.')) > 0) ?? false
}

/**
 * Why a duration is refused, or undefined. A fraction (P0.5Y, P1.5M) has no exact calendar meaning
 * (half of which year, which month?) and would move a review date by a guess: refused, with the
 * whole-unit spelling to use instead.
 */
function durationProblem(text: string, example: string): string | undefined {
  if (DURATION.exec(text) && /[.,]/.test(text)) {
    const instead = 'use whole units (P6M, not P0.5Y; P6W3D or P45D, not P1.5M)'
    return `${JSON.stringify(text)} has a fraction, which has no exact calendar length; ${instead}`
  }
  if (isIsoDuration(text)) return undefined
  return `${JSON.stringify(text)} is not an ISO 8601 duration longer than zero (e.g. ${example})`
}

/** Why a manifest path would leave the repository, judged on its text alone (symlinks are checked at load). */
export function pathEscape(path: string): string | undefined {
  if (path.includes('\0')) return 'contains a NUL byte'
  if (path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:/.test(path)) return 'is absolute'
  let depth = 0
  for (const part of path.split(/[/\\]/)) {
    if (part === '..') depth--
    else if (part !== '' && part !== '.') depth++
    if (depth < 0) return 'leaves the repository ("..")'
  }
  if (depth === 0) return 'names the repository itself, not a file in it'
  return undefined
}

export type MeasureAt = {path: ManifestPath; measure: Obj; riskId?: string}

/** Every measure of the risk register with its path (risk.risks[i].treat[j].measures[k]). */
export function measuresOf(manifest: unknown): MeasureAt[] {
  const out: MeasureAt[] = []
  const risk = isObj(manifest) ? manifest.risk : undefined
  list(isObj(risk) ? risk.risks : undefined).forEach((r, i) => {
    if (!isObj(r)) return
    list(r.treat).forEach((t, j) => {
      if (!isObj(t)) return
      list(t.measures).forEach((m, k) => {
        if (isObj(m))
          out.push({
            path: ['risk', 'risks', i, 'treat', j, 'measures', k],
            measure: m,
            riskId: typeof r.id === 'string' ? r.id : undefined,
          })
      })
    })
  })
  return out
}

function duplicates(
  items: {id: unknown; path: ManifestPath}[],
  what: string,
  out: RawProblem[],
  firstLine: (p: ManifestPath) => number,
): void {
  const seen = new Map<string, ManifestPath>()
  for (const {id, path} of items) {
    if (typeof id !== 'string') continue
    const first = seen.get(id)
    if (first) out.push({path, message: `duplicate ${what} id "${id}" (first declared on line ${firstLine(first)})`})
    else seen.set(id, [...path])
  }
}

/** The semantic problems of a manifest that already has the right shape where it matters. */
export function checkSemantics(manifest: unknown, firstLine: (p: ManifestPath) => number): RawProblem[] {
  const out: RawProblem[] = []
  if (!isObj(manifest)) return out
  const riskSection = isObj(manifest.risk) ? manifest.risk : {}
  const risks = list(riskSection.risks)
  duplicates(
    risks.map((r, i) => ({id: isObj(r) ? r.id : undefined, path: ['risk', 'risks', i, 'id']})),
    'risk',
    out,
    firstLine,
  )
  const measures = measuresOf(manifest)
  // A measure id is the key of its value in metrics.json and its OSCAL control id: unique across the register.
  duplicates(
    measures.map((m) => ({id: m.measure.id, path: [...m.path, 'id']})),
    'measure',
    out,
    firstLine,
  )
  const system = isObj(manifest.system) ? manifest.system : {}
  const misuses = list(system.potential_misuses)
  duplicates(
    misuses.map((m, i) => ({id: isObj(m) ? m.id : undefined, path: ['system', 'potential_misuses', i, 'id']})),
    'misuse',
    out,
    firstLine,
  )

  for (const {path, measure} of measures) {
    for (const field of ['constraint', 'metric_threshold'] as const) {
      const text = measure[field]
      if (typeof text === 'string' && !parseConstraintText(text)) {
        out.push({
          path: [...path, field],
          message: `${JSON.stringify(text)} is not "<op> <number>" with op one of < <= > >= == != (e.g. "< 0.10")`,
        })
      }
    }
    const frequencyProblem =
      typeof measure.frequency === 'string' ? durationProblem(measure.frequency, 'P3M, P1Y, P2W') : undefined
    if (frequencyProblem) {
      out.push({path: [...path, 'frequency'], message: frequencyProblem})
    }
    for (const field of ['standard_clauses', 'frameworks'] as const) {
      list(measure[field]).forEach((ref, i) => {
        if (typeof ref === 'string' && !CLAUSE_REF.test(ref))
          out.push({
            path: [...path, field, i],
            message: `${JSON.stringify(ref)} is not "<standard-id>#<clause>" (e.g. "iso/23894@2023#6.5")`,
          })
      })
    }
    if (typeof measure.art72_citation === 'string' && !CLAUSE_REF.test(measure.art72_citation)) {
      out.push({
        path: [...path, 'art72_citation'],
        message:
          `${JSON.stringify(measure.art72_citation)} is not "<standard-id>#<clause>" (e.g. ` +
          `"eu/ai-act@2024#art-72")`,
      })
    }
  }
  const intervalProblem =
    typeof riskSection.review_interval === 'string'
      ? durationProblem(riskSection.review_interval, 'P6M, P1Y')
      : undefined
  if (intervalProblem) {
    out.push({path: ['risk', 'review_interval'], message: intervalProblem})
  }
  if (isObj(riskSection.applicability)) {
    for (const [key, decision] of Object.entries(riskSection.applicability)) {
      if (!CLAUSE_REF.test(key))
        out.push({
          path: ['risk', 'applicability', key],
          on: 'key',
          message: `"${key}" is not "<standard-id>#<control>" (e.g. "iso/42001@2023#A.6.2.4")`,
        })
      if (
        isObj(decision) &&
        decision.excluded === true &&
        (typeof decision.justification !== 'string' || decision.justification.trim() === '')
      ) {
        out.push({
          path: ['risk', 'applicability', key],
          on: 'key',
          message: 'an excluded control needs a justification (ISO 42001 §6.1.3 d)',
        })
      }
    }
  }

  const context = isObj(manifest.context) ? manifest.context : {}
  list(context.applicable_standards).forEach((id, i) => {
    if (typeof id === 'string' && !STANDARD_ID.test(id))
      out.push({
        path: ['context', 'applicable_standards', i],
        message: `${JSON.stringify(id)} is not a standard id "<authority>/<name>@<version>" (e.g. "iso/23894@2023")`,
      })
  })

  for (const field of PATH_FIELDS) {
    const section = manifest[field[0]]
    const raw = isObj(section) ? section[field[1]] : undefined
    // pipeline.metrics may list several files: each is checked at its own index.
    const values: [unknown, ManifestPath][] = Array.isArray(raw)
      ? raw.map((v, i) => [v, [...field, i]])
      : [[raw, field]]
    for (const [value, path] of values) {
      if (typeof value !== 'string') continue
      const why = value.trim() === '' ? 'is empty' : pathEscape(value)
      if (why)
        out.push({
          path,
          message: `path ${JSON.stringify(value)} ${why}; use a path relative to the repository root, inside it`,
        })
    }
  }
  return out
}

/**
 * `potential_misuses[].addressed_by` entries that name no risk of the register. Not a manifest
 * error (the reference loads such manifests): `sei impact` reports them and exits non-zero.
 */
export function danglingMisuseReferences(
  manifest: unknown,
): {path: ManifestPath; misuse: string; risk: string; suggestion?: string}[] {
  if (!isObj(manifest)) return []
  const riskSection = isObj(manifest.risk) ? manifest.risk : {}
  const riskIds = list(riskSection.risks).flatMap((r) => (isObj(r) && typeof r.id === 'string' ? [r.id] : []))
  const system = isObj(manifest.system) ? manifest.system : {}
  const out: {path: ManifestPath; misuse: string; risk: string; suggestion?: string}[] = []
  list(system.potential_misuses).forEach((m, i) => {
    if (!isObj(m)) return
    list(m.addressed_by).forEach((ref, j) => {
      if (typeof ref === 'string' && !riskIds.includes(ref))
        out.push({
          path: ['system', 'potential_misuses', i, 'addressed_by', j],
          misuse: String(m.id),
          risk: ref,
          suggestion: didYouMean(ref, riskIds),
        })
    })
  })
  return out
}
