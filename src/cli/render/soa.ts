import type {Implementation, SoaControl, SoaResult} from '../../engine/projections/index.js'

const IMPLEMENTATION: Record<Implementation, string> = {
  implemented: 'IMPLEMENTED',
  partial: 'PARTIAL',
  planned: 'PLANNED',
  not_implemented: 'NOT IMPLEMENTED',
}

export function soaLabel(c: SoaControl): string {
  if (c.decision === 'included') return `INCLUDED (${IMPLEMENTATION[c.implementation ?? 'not_implemented']})`
  return c.decision === 'excluded' ? 'EXCLUDED' : 'OMITTED'
}

/** Human output of sei soa: controls grouped by Annex A objective, a summary line, notes. */
export function renderSoa(r: SoaResult): string {
  const lines = [
    `${r.standard} · Statement of Applicability · system ${r.system}${
      r.bundle ? '' : ' · no bundle yet ' + '(computed measures not evaluated)'
    }`,
  ]
  const width = Math.max(...r.controls.map((c) => c.control_id.length))
  for (const objective of [...new Set(r.controls.map((c) => c.objective))]) {
    lines.push(`  ${objective}`)
    for (const c of r.controls.filter((x) => x.objective === objective)) {
      lines.push(`    ${soaLabel(c).padEnd(26)}  ${c.control_id.padEnd(width)}  ${c.title}`)
      if (c.decision === 'excluded')
        lines.push(`    ${''.padEnd(26)}  ${''.padEnd(width)}  ↳ justification: ${c.justification}`)
      if (c.measures.length > 0)
        lines.push(
          `    ${''.padEnd(26)}  ${''.padEnd(width)}  ↳ measures: ${c.measures
            .map((m) => `${m.id} ` + `(${m.state.replace('_', ' ')})`)
            .join(', ')}`,
        )
    }
  }
  const s = r.summary
  lines.push(
    `  ${s.included} included (${s.implemented} implemented · ${s.partial} partial · ${s.planned} planned ` +
      `· ${s.not_implemented} not implemented) · ${s.excluded} excluded · ${s.omitted} omitted (gaps to review)`,
  )
  for (const n of r.notes) lines.push(`  note: ${n}`)
  for (const w of r.written) lines.push(`  wrote ${w}`)
  return lines.join('\n')
}
