import type {GateRow} from '../../../engine/pipeline/index.js'
import {formatValue} from '../status.js'
import type {FormatReport} from './report.js'

/** A table cell: pipes would end the cell, newlines the row. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}

function gateTable(rows: GateRow[]): string[] {
  const head = ['control', 'value', 'constraint', 'result', 'enforcement']
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`
  return [
    line(head),
    `|${head.map(() => ' --- |').join('')}`,
    ...rows.map((r) =>
      line([
        r.control_id,
        r.value === null ? 'no value' : formatValue(r.value, r.constraint),
        r.constraint,
        r.passed ? 'PASS' : 'FAIL',
        r.blocking ? 'gate' : 'audit',
      ]),
    ),
  ]
}

/** The gate table and the list of what else fails (drift, blocking reasons, errors): a CI step summary. */
export function renderMarkdown(report: FormatReport): string {
  const out = [`### sei ${report.command}: ${cell(report.headline)}`, '']
  if (report.gate && report.gate.length > 0) out.push(...gateTable(report.gate), '')
  const findings = report.checks.filter((c) => !c.passed && c.suite !== 'controls')
  if (findings.length > 0) {
    for (const c of findings) out.push(`- **${cell(c.suite)}** ${cell(c.message)}`)
    out.push('')
  }
  return out.join('\n').replace(/\n+$/, '')
}
