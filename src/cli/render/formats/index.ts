// The machine formats of status, run and conformance (--format): pure renderings of a FormatReport,
// which each command builds from its result (commands.ts) or from the error that stopped it (error.ts).
import {SeiError} from '../../../engine/errors.js'
import {renderGithub} from './github.js'
import {renderJunit} from './junit.js'
import {renderMarkdown} from './markdown.js'
import type {FormatReport} from './report.js'
import {renderSarif} from './sarif.js'

export {conformanceReport, runReport, statusReport} from './commands.js'
export {errorReport} from './error.js'
export {manifestLocator} from './locate.js'
export {renderMarkdown} from './markdown.js'
export {type FormatReport, type Locator, NO_LOCATOR} from './report.js'

export const FORMATS = ['text', 'json', 'junit', 'sarif', 'github', 'markdown'] as const
export type Format = (typeof FORMATS)[number]
/** The formats rendered from a FormatReport (text and json are the command's own output and envelope). */
export type ReportFormat = Exclude<Format, 'text' | 'json'>

const RENDER: Record<ReportFormat, (r: FormatReport) => string> = {
  junit: renderJunit,
  sarif: renderSarif,
  github: renderGithub,
  markdown: renderMarkdown,
}

export function renderReport(format: ReportFormat, report: FormatReport): string {
  return RENDER[format](report)
}

/** Where each chosen format goes: `stdout` once at most, every `FORMAT=PATH` to its file. */
export type FormatTargets = {stdout: Format; files: {format: Format; path: string}[]}

function formatOf(name: string): Format {
  if ((FORMATS as readonly string[]).includes(name)) return name as Format
  throw new SeiError('FORMAT_INVALID', `unknown format "${name}"`, {
    actions: [`Use one of ${FORMATS.join(', ')}, e.g. --format sarif or --format junit=report.xml.`],
  })
}

/** --format values (and --json, the same as a bare `--format json`) as targets; refuses two for stdout. */
export function formatTargets(values: string[] | undefined, json: boolean): FormatTargets {
  const bare: Format[] = json ? ['json'] : []
  const files: FormatTargets['files'] = []
  for (const v of values ?? []) {
    const eq = v.indexOf('=')
    if (eq < 0) bare.push(formatOf(v))
    else if (eq === v.length - 1)
      throw new SeiError('FORMAT_INVALID', `--format ${v} names no file`, {
        actions: [`Name the file after the "=": --format ${v}report.out.`],
      })
    else files.push({format: formatOf(v.slice(0, eq)), path: v.slice(eq + 1)})
  }
  const stdout = [...new Set(bare)]
  if (stdout.length > 1)
    throw new SeiError('FORMAT_INVALID', `one format at most goes to stdout; got ${stdout.join(' and ')}`, {
      actions: ['Write the others to files: --format junit=report.xml --format sarif=sei.sarif.'],
    })
  return {stdout: stdout[0] ?? 'text', files}
}
