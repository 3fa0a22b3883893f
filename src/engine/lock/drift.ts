import {VERSION_DIGEST} from '../graph/index.js'
import type {LockFile} from './lock-file.js'
import type {Section, SectionName} from './sections.js'

/**
 * Drift kinds (DESIGN §6): A = the system's identity/purpose changed (re-triage, confirm the
 * classification); B = what is measured changed (code, params, stage, env, outputs: re-measure, no
 * re-triage); data = the dataset changed; risks = the risk register changed; plan = the compiled
 * OSCAL plan is stale.
 */
export type DriftType = 'A' | 'B' | 'data' | 'risks' | 'plan'

/** One input of a measurement section that changed, named with its kind. */
export type InputChange = {input: string; kind: string; change: 'changed' | 'added' | 'removed'; why?: string}

export type Drift = {
  section: SectionName
  type: DriftType
  change: 'changed' | 'added' | 'removed'
  was?: string
  now?: string
  /** What changed, as shown: `src/prep.py (code)`, `params.yaml#train.C (params)`. */
  inputs?: string[]
  changes?: InputChange[]
  action: string
}

// The plan section is not here: it is judged by recompiling the plan (pipeline/inspect, stalePlanDrift), not by
// its recorded digest, so that a fresh `sei compile` after a risk edit does not itself look like drift.
const TYPE: Partial<Record<SectionName, DriftType>> = {
  classification: 'A',
  risks: 'risks',
  data_governance: 'data',
  'measurement-data': 'data',
  'measurement-model': 'B',
}

const ACTION: Record<DriftType, string> = {
  A: 'Drift A: intended purpose/classification changed; re-triage and confirm the classification, then `sei run`.',
  B: 'Drift B: the measurement changed; re-measure with `sei run` (no re-triage needed).',
  data: 'Data drift: the dataset changed; re-measure with `sei run`.',
  risks: 'The risk register changed; `sei compile`, then `sei run`.',
  plan: 'The compiled plan is stale; run `sei compile`.',
}

/** The lock's input-graph generation this sei writes (sei.lock `input_graph`). */
export const INPUT_GRAPH_VERSION = 1

const MEASUREMENT = new Set<SectionName>(['measurement-data', 'measurement-model'])
const KINDS = new Set(['code', 'data', 'params', 'env', 'stage', 'output'])

/** The drift line of a compiled plan that is not what `sei compile` would write now. */
export function stalePlanDrift(): Drift {
  return {section: 'plan', type: 'plan', change: 'changed', action: ACTION.plan}
}

/** `code:src/a.py` → `src/a.py (code)`; `params:params.yaml#train.C` → `params.yaml#train.C (params)`. */
function label(id: string): {input: string; kind: string} {
  const colon = id.indexOf(':')
  const kind = id.slice(0, colon)
  return KINDS.has(kind) ? {input: `${id.slice(colon + 1)} (${kind})`, kind} : {input: id, kind: 'file'}
}

function changedInputs(was?: Section, now?: Section): string[] | undefined {
  if (!was?.inputs && !now?.inputs) return undefined
  const keys = new Set([...Object.keys(was?.inputs ?? {}), ...Object.keys(now?.inputs ?? {})])
  return [...keys].filter((k) => was?.inputs?.[k] !== now?.inputs?.[k]).sort()
}

/**
 * Per input of a measurement section: changed when its digest differs from the lock's, or when the
 * hash the tool records for it no longer is the one the lock holds (a `.dvc` pointer moved on while
 * the old bytes are still in the workspace: `dvc status` calls that a change as well).
 */
function inputChanges(was: Section, now: Section): InputChange[] {
  const out: InputChange[] = []
  const ids = [...new Set([...Object.keys(was.inputs ?? {}), ...Object.keys(now.inputs ?? {})])].sort()
  // A whole environment recorded on one side only (a lock written before env inputs): one line, not one per package.
  const [envWas, envNow] = [environmentIds(was), environmentIds(now)]
  const wholeEnvironment = (envWas.length === 0) !== (envNow.length === 0)
  if (wholeEnvironment) {
    const count = envWas.length + envNow.length
    const [change, what] =
      envWas.length === 0 ? (['added', 'not in the lock'] as const) : (['removed', 'no longer read'] as const)
    out.push({
      input: WHOLE_ENVIRONMENT,
      kind: 'env',
      change,
      why: `${what} (${count} inputs: the interpreter and its distributions)`,
    })
  }
  const version = (d?: string) => (d?.startsWith(VERSION_DIGEST) ? d.slice(VERSION_DIGEST.length) : undefined)
  for (const id of ids) {
    if (wholeEnvironment && (envWas.includes(id) || envNow.includes(id))) continue
    const before = was.inputs?.[id]
    const after = now.inputs?.[id]
    const pin = now.pinned?.[id]
    const {input, kind} = label(id)
    // An env input valued by a version is named with it: `scikit-learn (env) 1.5.2 → 1.6.1`.
    const [v1, v2] = [version(before), version(after)]
    const moved = v1 !== undefined && v2 !== undefined ? {why: `${v1} → ${v2}`} : {}
    if (before === undefined)
      out.push({input, kind, change: 'added', ...(v2 !== undefined ? {why: `added ${v2}`} : {})})
    else if (after === undefined)
      out.push({input, kind, change: 'removed', ...(v1 !== undefined ? {why: `removed ${v1}`} : {})})
    else if (before !== after)
      out.push({input, kind, change: 'changed', ...(after === 'missing' ? {why: 'not in the workspace'} : moved)})
    else if (pin !== undefined && pin !== before)
      out.push({input, kind, change: 'changed', why: 'its recorded hash changed'})
  }
  return out
}

/** How a drift line names a whole environment recorded on one side only. */
const WHOLE_ENVIRONMENT = 'the pipeline environment (env)'

/**
 * Did a package or the interpreter of the pipeline's environment change? The pipeline tool does not
 * track the environment (`dvc repro` would rerun nothing), so `sei run` forces the reproduction.
 */
export function environmentChanged(drifts: Drift[]): boolean {
  // `why` carries the versions; an env file (requirements.txt) without one is a dep the tool itself tracks.
  const versionChange = (c: InputChange) => c.kind === 'env' && c.input !== WHOLE_ENVIRONMENT && c.why !== undefined
  return drifts.some((d) => d.changes?.some(versionChange))
}

/** The env inputs of a section valued by a version (the pipeline's Python environment). */
function environmentIds(section: Section): string[] {
  return Object.entries(section.inputs ?? {})
    .filter(([id, d]) => id.startsWith('env:') && d.startsWith(VERSION_DIGEST))
    .map(([id]) => id)
}

/** Typed drift of the current sections against the lock (sorted by section name). */
export function drift(
  lock: Pick<LockFile, 'sections' | 'input_graph'>,
  current: Partial<Record<SectionName, Section>>,
): Drift[] {
  const out: Drift[] = []
  const graphLock = lock.input_graph === INPUT_GRAPH_VERSION
  const names = new Set([...Object.keys(lock.sections), ...Object.keys(current)] as SectionName[])
  for (const name of [...names].sort()) {
    const type = TYPE[name]
    if (!type) continue
    const was = lock.sections[name]
    const now = current[name]
    const base = {section: name, type, was: was?.input_hash, now: now?.input_hash}
    if (MEASUREMENT.has(name) && was && now) {
      if (!graphLock) {
        // A lock of an older sei keeps file-level digests under other names: comparing them would
        // list every input; say once what to do instead.
        if (name === 'measurement-model')
          out.push({
            ...base,
            change: 'changed',
            inputs: [],
            action:
              `${ACTION.B} The lock predates the input graph (written by an older sei): ` +
              '`sei run` once records every pipeline input.',
          })
        continue
      }
      const changes = inputChanges(was, now)
      if (changes.length === 0 && was.input_hash === now.input_hash) continue
      out.push({
        ...base,
        change: 'changed',
        inputs: changes.map((c) =>
          c.why ? `${c.input} ${c.why}` : c.change === 'changed' ? c.input : `${c.input} ${c.change}`,
        ),
        changes,
        action: ACTION[type],
      })
      continue
    }
    if (was && now && was.input_hash === now.input_hash) continue
    out.push({
      ...base,
      change: !was ? 'added' : !now ? 'removed' : 'changed',
      inputs: changedInputs(was, now),
      action: ACTION[type],
    })
  }
  return out
}
