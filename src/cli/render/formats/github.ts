import type {Check, FormatReport} from './report.js'

// Escaping as @actions/core's workflow commands do: the runner decodes these and nothing else.
const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
const property = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C')

function annotation(command: string, c: Check): string {
  const where = c.location
    ? [
        `file=${property(c.location.file)}`,
        ...(c.location.line === undefined ? [] : [`line=${c.location.line}`]),
        ...(c.location.col === undefined ? [] : [`col=${c.location.col}`]),
      ]
    : []
  const props = [...where, `title=${property(`sei ${command}: ${c.name}`)}`].join(',')
  return `::${c.level} ${props}::${data(c.message)}`
}

/** GitHub Actions workflow commands: an ::error (gate) or ::warning (audit) per failing check, then the headline. */
export function renderGithub(report: FormatReport): string {
  const lines = report.checks.filter((c) => !c.passed).map((c) => annotation(report.command, c))
  return [...lines, `sei ${report.command}: ${report.headline}`].join('\n')
}
