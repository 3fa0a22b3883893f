// The one place that turns an outcome or an error into what sei prints and the exit code it ends with:
// both ways of starting a command (oclif, src/fast-path.ts) go through runCore and printError.
import {appendFileSync, readFileSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {ExitCode, formatWhere, SeiError, type Where} from '../engine/errors.js'
import type {CommandCore, Host, Outcome} from './core.js'
import type {ArgSpecs, ArgValues, FlagSpecs, FlagValues} from './flags.js'
import type {Format, FormatReport, FormatTargets} from './render/formats/index.js'

/** What every command's exit codes mean unless its core says more (help lists the merge). */
export const COMMON_EXIT_CODES: Partial<Record<ExitCode, string>> = {
  [ExitCode.ok]: 'success',
  [ExitCode.invalidInput]: 'usage error or invalid input (the message names file:line:col and the fix)',
  [ExitCode.environment]: 'environment failure (missing tool, broken plugin, unreachable service, I/O)',
  [ExitCode.internal]: 'internal error: a bug in sei (the message says how to report it)',
}

/** A command's exit codes with their meanings, lowest first. */
export function exitCodesOf(core: Pick<CommandCore, 'exitCodes'>): [number, string][] {
  const merged: Partial<Record<number, string>> = {...COMMON_EXIT_CODES, ...core.exitCodes}
  return Object.entries(merged)
    .map(([code, meaning]): [number, string] => [Number(code), meaning ?? ''])
    .sort((a, b) => a[0] - b[0])
}

/** An error as sei reports it, whatever threw it. */
export type Reported = {
  code: string
  message: string
  exit: ExitCode
  actions: string[]
  where?: string
  /** `where` as data, for the formats that locate an error (SARIF, GitHub annotations). */
  location?: Where
  problems?: string[]
  stack?: string
}

const REPORT_A_BUG =
  'This is a bug in sei, not in your repository: report it with the command you ran, ' +
  'the output of `sei --version` and the stack trace (run again with DEBUG=1 to print it).'

/**
 * A SeiError as it is; a plugin's error that carries sei's fields (code, exit, actions); oclif's refusal
 * of a flag (usage, exit 2); anything else is a bug in sei (INTERNAL, exit 70).
 */
export function reportOf(error: unknown, commandId?: string): Reported {
  const e = error as Error & {code?: unknown; exit?: unknown; actions?: unknown; oclif?: {exit?: number}}
  if (error instanceof SeiError) {
    const where = error.where ? formatWhere(error.where) : undefined
    const {code, message, exit, actions, problems, stack} = error
    return {code, message, exit, actions, where, location: error.where, problems, stack}
  }
  const actions = Array.isArray(e?.actions) ? e.actions.map(String) : []
  if (typeof e?.code === 'string' && typeof e.exit === 'number')
    return {code: e.code, message: e.message, exit: e.exit as ExitCode, actions, stack: e.stack}
  if (e?.oclif && typeof e.oclif.exit === 'number') {
    const help = commandId ? `Run \`sei ${commandId} --help\` for its flags.` : 'Run `sei --help`.'
    return {code: 'USAGE', message: e.message, exit: e.oclif.exit as ExitCode, actions: [help], stack: e.stack}
  }
  const message = e instanceof Error ? e.message : String(error)
  return {code: 'INTERNAL', message, exit: ExitCode.internal, actions: [REPORT_A_BUG], stack: e?.stack}
}

/** The exit code of an outcome or of an error. */
export function exitCodeFor(x: Outcome<unknown> | {error: unknown}): ExitCode {
  return 'error' in x ? reportOf(x.error).exit : x.exit
}

/** `--json` on success: the exit code the process ends with, the result, the advisories. */
export function successJson(outcome: Outcome<unknown>, warnings: string[]): unknown {
  return {status: outcome.exit, result: outcome.result, warnings}
}

/** `--json` on failure. */
export function errorJson(r: Reported): unknown {
  const {code, message, actions, where, problems} = r
  return {status: r.exit, error: {code, message, actions, where, problems}}
}

function writeLine(stream: NodeJS.WriteStream, text: string): void {
  stream.write(`${text}\n`)
}

/** Machine output is for machines: plain JSON, never colour. */
function writeJson(value: unknown): void {
  writeLine(process.stdout, JSON.stringify(value, null, 2))
}

/** Prints an error (JSON on stdout, or the located message and "Try this" on stderr) and sets the exit code. */
export function printError(error: unknown, json: boolean, commandId?: string): void {
  const r = reportOf(error, commandId)
  // oclif's own "exit 0" (an --help or --version inside a command) is no error.
  if (r.exit === ExitCode.ok) return
  process.exitCode = r.exit
  if (json) {
    writeJson(errorJson(r))
    return
  }
  const lines = [`Error (${r.code}): ${r.where ? `${r.where} ` : ''}${r.message}`]
  for (const p of r.problems ?? []) lines.push(`  ${p}`)
  if (r.actions.length > 0) lines.push('Try this:', ...r.actions.map((a) => `  ${a}`))
  if (process.env.DEBUG && r.stack) lines.push(r.stack)
  writeLine(process.stderr, lines.join('\n'))
}

/** The host a core runs with: advisories go to stderr in text mode and are kept for the JSON envelope. */
export function makeHost(base: Omit<Host, 'advise'>): Host & {warnings: string[]} {
  const warnings: string[] = []
  return Object.assign(Object.create(base) as Host, {
    warnings,
    advise(message: string) {
      warnings.push(message)
      if (!base.json) writeLine(process.stderr, message)
    },
  }) as Host & {warnings: string[]}
}

/** The --format targets of a core that declares the flag; text (json with --json) for the others. */
async function targetsOf<S extends FlagSpecs>(
  core: CommandCore<S, unknown>,
  flags: FlagValues<S>,
  json: boolean,
): Promise<FormatTargets> {
  if (!Object.hasOwn(core.flags, 'format')) return {stdout: json ? 'json' : 'text', files: []}
  const {formatTargets} = await import('./render/formats/index.js')
  return formatTargets((flags as {format?: string[]}).format, json)
}

function versionOf(cliRoot: string): string {
  return (JSON.parse(readFileSync(join(cliRoot, 'package.json'), 'utf8')) as {version: string}).version
}

/** A report file the user asked for could not be written: an environment failure, named. */
function reportWriteFailed(what: string, path: string, cause: unknown): SeiError {
  return new SeiError('REPORT_WRITE_FAILED', `cannot write the ${what} to ${path}: ${String(cause)}`, {
    cause,
    actions: ['Name a file in a directory that exists and that you may write to.'],
  })
}

/** Writes each chosen format: files atomically (where the user asked), stdout, then the CI step summary. */
async function emit(
  targets: FormatTargets,
  summary: boolean,
  render: (f: Exclude<Format, 'text' | 'json'>) => Promise<string>,
  own: (f: 'text' | 'json') => Promise<string>,
): Promise<void> {
  const text = (f: Format) => (f === 'text' || f === 'json' ? own(f) : render(f))
  if (targets.files.length > 0) {
    const {writeFileAtomic} = await import('../engine/evidence/index.js')
    for (const {format, path} of targets.files) {
      const body = `${await text(format)}\n`
      await writeFileAtomic(resolve(path), body).catch((cause: unknown) => {
        throw reportWriteFailed(`${format} report`, path, cause)
      })
    }
  }
  const out = await text(targets.stdout)
  if (out !== '') writeLine(process.stdout, out)
  const stepSummary = process.env.GITHUB_STEP_SUMMARY
  if (!summary || !stepSummary) return
  const markdown = `${await render('markdown')}\n\n`
  try {
    appendFileSync(stepSummary, markdown)
  } catch (cause) {
    throw reportWriteFailed('step summary (GITHUB_STEP_SUMMARY)', stepSummary, cause)
  }
}

/** An error in the formats chosen: the located report where a CI format was asked, the usual output otherwise. */
async function emitError<S extends FlagSpecs, R>(
  core: CommandCore<S, R>,
  base: Omit<Host, 'advise'>,
  targets: FormatTargets,
  error: unknown,
): Promise<void> {
  const reportFormats = [targets.stdout, ...targets.files.map((f) => f.format)].filter((f) => f !== 'text')
  const summary = core.stepSummary === true && Boolean(process.env.GITHUB_STEP_SUMMARY)
  const r = reportOf(error, core.id)
  if (r.exit === ExitCode.ok || (reportFormats.length === 0 && !summary) || !core.report) {
    printError(error, targets.stdout === 'json', core.id)
    return
  }
  // The person reading the log still gets the message; stdout holds only the format asked for.
  if (targets.stdout !== 'json') printError(error, false, core.id)
  else process.exitCode = r.exit
  const formats = await import('./render/formats/index.js')
  const report = formats.errorReport(core.id, r, versionOf(base.cliRoot))
  const render = async (f: Exclude<Format, 'text' | 'json'>) => formats.renderReport(f, report)
  const own = async (f: 'text' | 'json') => (f === 'json' ? JSON.stringify(errorJson(r), null, 2) : '')
  // A report that cannot be written is said on stderr; the exit code stays the first error's.
  await emit(targets, core.stepSummary === true, render, own).catch((e: unknown) => printError(e, false, core.id))
  process.exitCode = r.exit
}

/** Runs a core and prints what it produced (or its error): the one behaviour of every command. */
export async function runCore<S extends FlagSpecs, R, A extends ArgSpecs>(
  core: CommandCore<S, R, A>,
  flags: FlagValues<S> & ArgValues<A>,
  base: Omit<Host, 'advise'>,
): Promise<void> {
  let targets: FormatTargets
  try {
    targets = await targetsOf(core, flags, base.json)
  } catch (error) {
    printError(error, base.json, core.id)
    return
  }
  const json = targets.stdout === 'json'
  const host = makeHost(json === base.json ? base : Object.assign(Object.create(base) as Host, {json}))
  let outcome: Outcome<R>
  try {
    outcome = await core.execute(flags, host)
  } catch (error) {
    await emitError(core, base, targets, error)
    return
  }
  let report: Promise<FormatReport> | undefined
  const render = async (f: Exclude<Format, 'text' | 'json'>) => {
    const formats = await import('./render/formats/index.js')
    const repo = (flags as {repo?: string}).repo ?? '.'
    const build = async () => {
      if (!core.report) throw new Error(`sei ${core.id} has no --format ${f}`)
      return core.report(outcome.result, formats.manifestLocator(repo), versionOf(base.cliRoot))
    }
    report ??= build()
    return formats.renderReport(f, await report)
  }
  const own = async (f: 'text' | 'json') =>
    f === 'json' ? JSON.stringify(successJson(outcome, host.warnings), null, 2) : await core.render(outcome.result)
  try {
    await emit(targets, core.stepSummary === true, render, own)
    process.exitCode = outcome.exit
  } catch (error) {
    // The command ran and stdout may hold its output already: the failure to write a report goes to stderr.
    printError(error, false, core.id)
  }
}
