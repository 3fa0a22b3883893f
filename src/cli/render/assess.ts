import type {Assessment} from '../../engine/projections/index.js'

export function renderAssessment(a: Assessment): string {
  const lines: string[] = []
  if (a.proposals.length === 0) {
    lines.push(
      `The risk register of ${a.system} is up to date: no rule proposes a risk it does not already cover ` +
        `(${a.rules} templates checked against ${a.facts.length} facts).`,
    )
  } else {
    lines.push(
      `${a.proposals.length} proposed risk${a.proposals.length === 1 ? '' : 's'} not yet in the register ` +
        `of ${a.system} (advisory; review, curate and commit them to the risk section):`,
    )
    for (const p of a.proposals) {
      lines.push(`  ${p.id}  [${p.domain}]  ${p.title}`)
      lines.push(`    why: ${p.because.map((f) => f.why).join('; ')}`)
      const measures = p.measures.map((m) => {
        const article = m.article ? (m.article === 'ext' ? ' (outside the AI Act)' : ` (Art. ${m.article})`) : ''
        return `${m.metric} ${m.constraint}${article}`
      })
      lines.push(`    suggested measures: ${measures.join(', ')}`)
      lines.push(`    clauses: ${p.clauses.join(', ')}`)
    }
  }
  if (a.covered.length > 0) lines.push(`  already covered: ${a.covered.join(', ')}`)
  for (const n of a.notes) lines.push(`  note: ${n}`)
  return lines.join('\n')
}
