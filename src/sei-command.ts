import {Command, Flags} from '@oclif/core'
import {ExitCode, SeiError, formatWhere} from './engine/errors.js'

/** The --repo flag every command takes. */
export const repoFlag = Flags.directory({
  char: 'r',
  default: '.',
  description: 'Path to the git repository to operate on.',
})

/** The trust root outside the repository (DESIGN §7): repeatable, added to SEI_TRUSTED_KEYS. */
export const keyFlag = Flags.string({
  multiple: true,
  multipleNonGreedy: true,
  description:
    'Trusted signer public key: 130 hex characters (as `sei pubkey` prints) or a file holding them. Repeatable; SEI_TRUSTED_KEYS (comma- or space-separated) adds more. With a trust root, evidence signed by any other key is invalid, whatever .sei/PUBKEY.txt says.',
})

/** Exit codes shared by all commands; commands add their own meaning of 1 in `static exitCodes`. */
export const COMMON_EXIT_CODES: Record<string, string> = {
  '0': 'success',
  '2': 'usage error or invalid input (the message names file:line:col and the fix)',
  '3': 'environment failure (missing tool, broken plugin, unreachable service, I/O)',
}

/**
 * Base class of sei's commands: `--json` prints `{status, result, warnings}` on success and
 * `{status, error}` on failure; SeiErrors render with their location and a "Try this" list.
 */
export abstract class SeiCommand<T> extends Command {
  static enableJsonFlag = true
  static exitCodes: Record<string, string> = COMMON_EXIT_CODES
  static baseFlags = {}

  protected warnings: string[] = []

  /** Advisories go to stderr (never stdout) and are collected for --json. */
  protected advise(message: string): void {
    this.warnings.push(message)
    if (!this.jsonEnabled()) process.stderr.write(`${message}\n`)
  }

  /** Machine output is for machines: plain JSON, never colour (oclif's colouriser costs more than the work on big reports). */
  logJson(json: unknown): void {
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`)
  }

  protected toSuccessJson(result: T): unknown {
    return {status: process.exitCode ?? 0, result, warnings: this.warnings}
  }

  protected toErrorJson(error: unknown): unknown {
    const e = error as Partial<SeiError> & Error
    return {
      status: e.exit ?? ExitCode.environment,
      error: {
        code: e.code ?? 'INTERNAL',
        message: e.message,
        actions: e.actions ?? [],
        where: e.where ? formatWhere(e.where) : undefined,
        problems: e.problems,
      },
    }
  }

  async catch(error: Error & {exitCode?: number; oclif?: {exit?: number}}): Promise<unknown> {
    if (error instanceof SeiError) {
      process.exitCode = error.exit
      if (this.jsonEnabled()) {
        this.logJson(this.toErrorJson(error))
        return
      }
      const lines = [`Error (${error.code}): ${error.where ? `${formatWhere(error.where)} ` : ''}${error.message}`]
      for (const p of error.problems ?? []) lines.push(`  ${p}`)
      if (error.actions.length > 0) lines.push('Try this:', ...error.actions.map((a) => `  ${a}`))
      if (process.env.DEBUG && error.stack) lines.push(error.stack)
      process.stderr.write(`${lines.join('\n')}\n`)
      return
    }
    // oclif's own usage errors (unknown flag, missing required flag) exit 2 already.
    if (this.jsonEnabled() && error.oclif?.exit !== 0) {
      process.exitCode = error.oclif?.exit ?? ExitCode.environment
      this.logJson(this.toErrorJson(error))
      return
    }
    return super.catch(error)
  }
}
