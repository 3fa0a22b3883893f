import type {ImpactAssessment, MisuseStatus} from '../../engine/projections/index.js'

const STATUS: Record<MisuseStatus, string> = {addressed: 'ADDRESSED', gap: 'GAP', dangling: 'DANGLING'}

export function renderImpact(a: ImpactAssessment): string {
  const lines = [`Impact assessment · system ${a.system}`]
  lines.push(`  intended purpose: ${a.intended_purpose ?? '(not declared)'}`)
  lines.push(`  decisions: ${a.decisions.length > 0 ? a.decisions.join('; ') : '(none declared)'}`)
  lines.push(`  affected persons: ${a.affected_persons.length > 0 ? a.affected_persons.join('; ') : '(none declared)'}`)
  if (a.impacts.length > 0) {
    lines.push('  impact per risk (individual / society / organization):')
    for (const i of a.impacts)
      lines.push(
        `    ${i.risk_id}: ${i.individual ?? '—'} / ${i.society ?? '—'} / ${i.organization ?? '—'}  ${i.title}`,
      )
  }
  lines.push('  foreseeable misuse × risk register:')
  if (a.misuse.length === 0) lines.push('    (none declared)')
  for (const m of a.misuse) {
    const refs = m.addressed_by
      .map((r) => (r.in_register ? r.risk_id : `${r.risk_id} (not in the register)`))
      .join(', ')
    lines.push(
      `    ${STATUS[m.status].padEnd(9)}  ${m.id}: ${m.description}${
        refs ? `  ← ${refs}` : '  ← no risk ' + 'addresses it'
      }`,
    )
  }
  const counts = {addressed: 0, gap: 0, dangling: 0}
  for (const m of a.misuse) counts[m.status]++
  lines.push(`  ${counts.addressed} addressed · ${counts.gap} gap · ${counts.dangling} dangling`)
  for (const n of a.notes) lines.push(`  note: ${n}`)
  return lines.join('\n')
}
