// The one place that turns an outcome or an error into what sei prints and the exit code it ends with:
// both ways of starting a command (oclif, src/fast-path.ts) go through runCore and printError.
import {ExitCode, formatWhere, SeiError} from '../engine/errors.js'
import type {CommandCore, Host, Outcome} from './core.js'
import type {ArgSpecs, ArgValues, FlagSpecs, FlagValues} from './flags.js'

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
    return {code, message, exit, actions, where, problems, stack}
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

/** Runs a core and prints what it produced (or its error): the one behaviour of every command. */
export async function runCore<S extends FlagSpecs, R, A extends ArgSpecs>(
  core: CommandCore<S, R, A>,
  flags: FlagValues<S> & ArgValues<A>,
  base: Omit<Host, 'advise'>,
): Promise<void> {
  const host = makeHost(base)
  try {
    const outcome = await core.execute(flags, host)
    if (host.json) writeJson(successJson(outcome, host.warnings))
    else {
      const text = await core.render(outcome.result)
      if (text !== '') writeLine(process.stdout, text)
    }
    process.exitCode = outcome.exit
  } catch (error) {
    printError(error, host.json, core.id)
  }
}
