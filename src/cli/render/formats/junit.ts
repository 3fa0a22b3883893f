import type {Check, FormatReport} from './report.js'

// Characters XML 1.0 cannot hold at all, even escaped.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

function xml(text: string): string {
  return text
    .replace(NOT_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

function testcase(report: FormatReport, c: Check): string[] {
  const open = `    <testcase name="${xml(c.name)}" classname="sei.${xml(report.command)}.${xml(c.suite)}"`
  if (c.passed) return [`${open}/>`]
  const tag = c.error ? 'error' : 'failure'
  const type = c.error ? c.rule : c.level === 'error' ? 'gate' : 'audit'
  return [
    `${open}>`,
    `      <${tag} type="${xml(type)}" message="${xml(c.message)}">${xml(c.message)}</${tag}>`,
    '    </testcase>',
  ]
}

/** JUnit XML (the Jenkins/Surefire schema): one testsuite per kind of check, one testcase per check. */
export function renderJunit(report: FormatReport): string {
  const suites = [...new Set(report.checks.map((c) => c.suite))]
  const count = (cs: Check[]) => {
    const failures = cs.filter((c) => !c.passed && !c.error).length
    const errors = cs.filter((c) => !c.passed && c.error).length
    return `tests="${cs.length}" failures="${failures}" errors="${errors}"`
  }
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="sei ${xml(report.command)}" ${count(report.checks)}>`,
  ]
  for (const suite of suites) {
    const cs = report.checks.filter((c) => c.suite === suite)
    out.push(`  <testsuite name="sei.${xml(report.command)}.${xml(suite)}" ${count(cs)}>`)
    for (const c of cs) out.push(...testcase(report, c))
    out.push('  </testsuite>')
  }
  out.push('</testsuites>')
  return out.join('\n')
}
