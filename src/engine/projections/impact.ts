import {type Manifest, type ManifestPath, danglingMisuseReferences} from '../manifest/index.js'

// The AI system impact assessment (ISO/IEC 42001 §6.1.4, A.5): the system's intended purpose, the
// decisions it takes part in and the persons they affect; each risk's impact on individuals, society
// and the organization; and reasonably foreseeable misuse (EU AI Act Art. 9(2)(b)) crossed with the
// risk register. An addressed_by naming no risk of the register is a broken programme (the only
// failing outcome); misuse that no risk addresses is a gap to fix, not a failure.

/**
 * addressed: ≥1 named risk exists and none is missing; gap: names no risk; dangling: names a risk not in the
 * register.
 */
export type MisuseStatus = 'addressed' | 'gap' | 'dangling'

export type MisuseRow = {
  id: string
  description: string
  status: MisuseStatus
  addressed_by: {risk_id: string; title?: string; in_register: boolean}[]
}

export type DanglingReference = {misuse: string; risk: string; path: ManifestPath; suggestion?: string}

export type ImpactAssessment = {
  system: string
  intended_purpose?: string
  decisions: string[]
  affected_persons: string[]
  impacts: {risk_id: string; title: string; individual?: string; society?: string; organization?: string}[]
  misuse: MisuseRow[]
  dangling: DanglingReference[]
  /** Missing inputs an impact assessment needs (purpose, decisions, affected persons, misuse). */
  notes: string[]
}

export function assessImpact(manifest: Manifest): ImpactAssessment {
  const system = manifest.system
  const risks = manifest.risk?.risks ?? []
  const byId = new Map(risks.map((r) => [r.id, r]))
  const misuse: MisuseRow[] = (system.potential_misuses ?? []).map((m) => {
    const addressed_by = (m.addressed_by ?? []).map((id) => ({
      risk_id: id,
      title: byId.get(id)?.title,
      in_register: byId.has(id),
    }))
    const status: MisuseStatus = addressed_by.some((a) => !a.in_register)
      ? 'dangling'
      : addressed_by.length === 0
        ? 'gap'
        : 'addressed'
    return {id: m.id, description: m.description, status, addressed_by}
  })
  const notes: string[] = []
  if (!system.intended_purpose?.trim())
    notes.push(
      'no system.intended_purpose: the impact cannot be judged against the intended use (EU AI Act Art. 13(3)(b))',
    )
  if (!system.decisions?.length) notes.push('no system.decisions: declare the decisions the system takes part in')
  if (!system.affected_persons?.length)
    notes.push('no system.affected_persons: declare who the decisions affect (ISO/IEC 42001 A.5.4)')
  if (!system.potential_misuses?.length)
    notes.push('no system.potential_misuses: declare reasonably foreseeable misuse (EU AI Act Art. 9(2)(b))')
  return {
    system: system.name,
    intended_purpose: system.intended_purpose,
    decisions: system.decisions ?? [],
    affected_persons: system.affected_persons ?? [],
    impacts: risks.map((r) => ({risk_id: r.id, title: r.title, ...r.impact})),
    misuse,
    dangling: danglingMisuseReferences(manifest).map((d) => ({
      misuse: d.misuse,
      risk: d.risk,
      path: d.path,
      suggestion: d.suggestion,
    })),
    notes,
  }
}
