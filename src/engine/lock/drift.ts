import type {LockFile} from './lock-file.js'
import type {Section, SectionName} from './sections.js'

/**
 * Drift kinds (DESIGN §6): A = the system's identity/purpose changed (re-triage, confirm the
 * classification); B = what is measured changed (re-measure, no re-triage); data = the dataset
 * changed; risks = the risk register changed; plan = the compiled OSCAL plan is stale.
 */
export type DriftType = 'A' | 'B' | 'data' | 'risks' | 'plan'

export type Drift = {section: SectionName; type: DriftType; change: 'changed' | 'added' | 'removed'; was?: string; now?: string; inputs?: string[]; action: string}

const TYPE: Record<SectionName, DriftType> = {
  classification: 'A',
  risks: 'risks',
  data_governance: 'data',
  'measurement-data': 'data',
  'measurement-model': 'B',
  plan: 'plan',
}

const ACTION: Record<DriftType, string> = {
  A: 'Drift A: intended purpose/classification changed; re-triage and confirm the classification, then `sei run`.',
  B: 'Drift B: the measurement changed; re-measure with `sei run` (no re-triage needed).',
  data: 'Data drift: the dataset changed; re-measure with `sei run`.',
  risks: 'The risk register changed; `sei compile`, then `sei run`.',
  plan: 'The compiled plan is stale; run `sei compile`.',
}

export function driftTypeOf(section: SectionName): DriftType {
  return TYPE[section]
}

export function driftAction(type: DriftType): string {
  return ACTION[type]
}

function changedInputs(was?: Section, now?: Section): string[] | undefined {
  if (!was?.inputs && !now?.inputs) return undefined
  const keys = new Set([...Object.keys(was?.inputs ?? {}), ...Object.keys(now?.inputs ?? {})])
  return [...keys].filter((k) => was?.inputs?.[k] !== now?.inputs?.[k]).sort()
}

/** Typed drift of the current sections against the lock (sorted by section name). */
export function drift(lock: Pick<LockFile, 'sections'>, current: Partial<Record<SectionName, Section>>): Drift[] {
  const out: Drift[] = []
  const names = new Set([...Object.keys(lock.sections), ...Object.keys(current)] as SectionName[])
  for (const name of [...names].sort()) {
    if (!(name in TYPE)) continue
    const was = lock.sections[name]
    const now = current[name]
    if (was && now && was.input_hash === now.input_hash) continue
    // The plan is judged by recompiling it (pipeline/inspect), not by its recorded digest: a fresh
    // `sei compile` after a risk edit must not itself look like drift.
    if (name === 'plan') continue
    const type = TYPE[name]
    out.push({section: name, type, change: !was ? 'added' : !now ? 'removed' : 'changed', was: was?.input_hash, now: now?.input_hash, inputs: changedInputs(was, now), action: ACTION[type]})
  }
  return out
}
