import type {GateRow} from './gate.js'
import type {StatusResult} from './status.js'

function fmt(v: number | null): string {
  return v === null ? '—' : String(Number.isInteger(v) ? v : Number(v.toPrecision(6)))
}

/** The gate as a table: control, value, constraint, PASS/FAIL, conclusive?, blocking. */
export function renderGate(rows: GateRow[], gate: string): string[] {
  const head = ['control', 'value', 'constraint', 'result', 'conclusive', 'enforcement']
  const body = rows.map((r) => [r.control_id, fmt(r.value), r.constraint, r.passed ? 'PASS' : 'FAIL', r.conclusive === null ? '—' : r.conclusive ? 'yes' : 'no', r.blocking ? 'gate' : 'audit'])
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()
  const notes = rows.filter((r) => r.note).map((r) => `  ${r.control_id}: ${r.note}`)
  return [`risk gate: ${gate}`, line(head), ...body.map(line), ...notes]
}

export function renderStatus(s: StatusResult): string[] {
  const out: string[] = []
  out.push(`freshness: ${s.fresh ? 'FRESH' : 'STALE'}${s.neverRun ? ' (never run: no lock)' : ''}`)
  for (const d of s.drift) out.push(`  ${d.section}: drift ${d.type} (${d.change}${d.inputs?.length ? `: ${d.inputs.join(', ')}` : ''}) — ${d.action}`)
  for (const e of s.evidence) out.push(`  evidence: ${e.file} ${e.problem}`)
  for (const m of s.mismatches) out.push(`  ${m}`)
  for (const p of s.pinned) out.push(`  ${p}`)
  if (!s.plan.checked) out.push(`  plan: not checked (${s.plan.why})`)
  out.push(`controls: ${s.failing.length === 0 ? 'all blocking controls pass' : `${s.failing.length} blocking control(s) fail`}`)
  for (const f of s.failing) out.push(`  FAIL ${f.control_id}: ${fmt(f.value)} (needs ${f.constraint})${f.note ? ` — ${f.note}` : ''}`)
  out.push(s.green ? 'status: GREEN' : 'status: RED')
  return out
}
