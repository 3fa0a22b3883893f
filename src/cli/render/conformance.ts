import type {
  ConformanceResult,
  Decision,
  RevisionConformance,
  StandardConformance,
} from '../../engine/projections/index.js'
import {REVISION_SHA_LENGTH, shortSha} from '../../engine/repo/index.js'

// Human output of sei conformance: per standard, clauses grouped by cycle phase (in the order the
// catalog first names each phase), each with its decision, basis and citing measures.

export const DECISION_LABEL: Record<Decision, string> = {
  covered: 'COVERED',
  covered_attested: 'COVERED (attested)',
  partial: 'PARTIAL',
  gap: 'GAP',
}

function summaryLine(s: StandardConformance): string {
  return (
    `${s.summary.covered} covered · ${s.summary.covered_attested} covered (attested) ` +
    `· ${s.summary.partial} partial · ${s.summary.gap} gap`
  )
}

export function renderStandard(s: StandardConformance): string[] {
  const lines = [`${s.standard} · ${s.title} · system ${s.system}`]
  const phases = [...new Set(s.clauses.map((c) => c.cycle_phase))]
  const idWidth = Math.max(...s.clauses.map((c) => c.clause_id.length))
  for (const phase of phases) {
    lines.push(`  ${phase}`)
    for (const c of s.clauses.filter((x) => x.cycle_phase === phase)) {
      lines.push(`    ${DECISION_LABEL[c.decision].padEnd(18)}  ${c.clause_id.padEnd(idWidth)}  ${c.title}`)
      lines.push(
        `    ${''.padEnd(18)}  ${''.padEnd(idWidth)}  ↳ ${c.basis}${
          c.measures.length > 0 ? ` [measures: ${c.measures.join(', ')}]` : ''
        }`,
      )
    }
  }
  lines.push(`  ${summaryLine(s)}`)
  for (const u of s.unknown_citations)
    lines.push(`  note: measure ${u.measure} cites ${s.standard}#${u.clause}, which is not a clause of this catalog`)
  return lines
}

function renderRevision(rev: RevisionConformance, previous: RevisionConformance | undefined): string[] {
  const lines = [`${shortSha(rev.commit, REVISION_SHA_LENGTH)} ${rev.date} ${rev.subject}`]
  if (rev.skipped) return [...lines, `  not projected: ${rev.skipped}`]
  if (!rev.signature_valid) lines.push(`  signature does not verify: ${rev.signature_problem}`)
  for (const s of rev.standards) {
    lines.push(`  ${s.standard}: ${summaryLine(s)}`)
    const before = previous?.standards.find((p) => p.standard === s.standard)
    if (!before) continue
    for (const c of s.clauses) {
      const old = before.clauses.find((b) => b.clause_id === c.clause_id)
      if (old && old.decision !== c.decision)
        lines.push(`    ${c.clause_id}: ${DECISION_LABEL[old.decision]} → ${DECISION_LABEL[c.decision]} (${c.basis})`)
    }
  }
  return lines
}

export function renderConformance(r: ConformanceResult): string {
  const lines: string[] = []
  for (const s of r.standards) lines.push(...renderStandard(s), '')
  if (r.approval && r.standards.length > 0) {
    const a = r.approval
    lines.push(
      `management approval: ${a.state.toUpperCase().replace('_', ' ')}${a.by ? ` · ${a.by}` : ''}${
        a.date ? ` · ${a.date}` : ''
      }${a.reason ? ` · ${a.reason}` : ''}`,
      '',
    )
  }
  if (r.history) {
    lines.push(`History: ${r.history.length} bundle revision(s), oldest first`)
    let previous: RevisionConformance | undefined
    for (const rev of r.history) {
      lines.push(...renderRevision(rev, previous))
      if (!rev.skipped) previous = rev
    }
    lines.push('')
  }
  for (const w of r.written.filter((f) => !f.endsWith('.sig'))) lines.push(`wrote ${w} (+ .sig)`)
  return lines.join('\n').replace(/\n+$/, '')
}
