import {escapeText} from '../../engine/history/index.js'
import type {GateRow, StatusResult} from '../../engine/pipeline/index.js'
import {shortSha} from '../../engine/repo/index.js'
import {keyProvenance, renderVerification} from './verification.js'

/**
 * A value as the gate table prints it: 6 significant digits, or as many more as it takes to show why
 * it passes or fails against the constraint's threshold (0.09999999999999999 against `< 0.1` must not
 * read "0.1 < 0.1 PASS"); at most the shortest text that reads back as the exact value.
 */
export function formatValue(v: number | null, constraint?: string): string {
  if (v === null) return '—'
  if (Number.isInteger(v)) return String(v)
  const threshold = Number(/(-?[0-9.]+(?:e[+-]?\d+)?)\s*$/i.exec(constraint ?? '')?.[1])
  for (let digits = 6; digits < 17; digits++) {
    const shown = Number(v.toPrecision(digits))
    if (Number.isNaN(threshold) || Math.sign(shown - threshold) === Math.sign(v - threshold)) return String(shown)
  }
  return String(v)
}

/** The gate as a table: control, value (or "no value"), constraint, PASS/FAIL, conclusive?, blocking; then why. */
export function renderGate(rows: GateRow[], gate: string): string[] {
  const head = ['control', 'value', 'constraint', 'result', 'conclusive', 'enforcement']
  const shown = (r: GateRow) => (r.value === null ? 'no value' : formatValue(r.value, r.constraint))
  const body = rows.map((r) => [
    r.control_id,
    shown(r),
    r.constraint,
    r.passed ? 'PASS' : 'FAIL',
    r.conclusive === null ? '—' : r.conclusive ? 'yes' : 'no',
    r.blocking ? 'gate' : 'audit',
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)))
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd()
  const notes = rows.filter((r) => r.note).map((r) => `  ${r.control_id}: ${r.note}`)
  return [`risk gate: ${gate}`, line(head), ...body.map(line), ...notes]
}

/** Why a status is not fresh: one line per drift, evidence problem, mismatch, pinned input and unchecked plan. */
export function freshnessProblems(s: StatusResult): string[] {
  const lines: string[] = []
  for (const d of s.drift) {
    const inputs = d.inputs?.length ? `: ${d.inputs.join(', ')}` : ''
    lines.push(`${d.section}: drift ${d.type} (${d.change}${inputs}) — ${d.action}`)
  }
  for (const e of s.evidence) lines.push(`evidence: ${e.file} ${e.problem}`)
  lines.push(...s.mismatches, ...s.pinned)
  if (!s.plan.checked) lines.push(`plan: not checked (${s.plan.why})`)
  return lines
}

/** One line per failing blocking control: its value and the constraint it needs. */
export function failingLines(s: StatusResult): string[] {
  return s.failing.map(
    (f) =>
      `FAIL ${f.control_id}: ${formatValue(f.value, f.constraint)} (needs ${f.constraint})` +
      `${f.note ? ` — ${f.note}` : ''}`,
  )
}

export function renderStatus(s: StatusResult): string[] {
  if (s.signature && !s.signature.valid)
    return [
      ...renderVerification(s.signature),
      'status: RED (the evidence is not what its signer signed: nothing else is reported)',
    ]
  const out: string[] = [
    s.signature ? `signature: VALID · ${keyProvenance(s.signature)}` : 'signature: no signed bundle yet',
  ]
  out.push(`freshness: ${s.fresh ? 'FRESH' : 'STALE'}${s.neverRun ? ' (never run: no lock)' : ''}`)
  out.push(...freshnessProblems(s).map((l) => `  ${l}`))
  if (s.neverRun || !s.signature) out.push('controls: no evidence yet: run `sei run`')
  else
    out.push(
      `controls: ${
        s.failing.length === 0 ? 'all blocking controls pass' : `${s.failing.length} blocking control(s) fail`
      }`,
    )
  out.push(...failingLines(s).map((l) => `  ${l}`))
  if (s.retired) {
    const why = s.retired.reason ? `: ${escapeText(s.retired.reason.split('\n')[0])}` : ''
    out.push(
      `retired: withdrawn by ${escapeText(s.retired.by)} on ${s.retired.date.slice(0, 10)} ` +
        `(${shortSha(s.retired.commit)})${why}`,
      'status: RETIRED (a withdrawn system is never green)',
    )
    return out
  }
  out.push(s.green ? 'status: GREEN' : 'status: RED')
  return out
}
