import type {ExitCode} from '../engine/errors.js'
import type {PluginHost} from '../engine/plugins/index.js'
import type {ArgSpecs, ArgValues, FlagSpecs, FlagValues, NoArgs} from './flags.js'
import type {FormatReport, Locator} from './render/formats/report.js'

/** What a command needs of whoever started it (oclif, or the start-up path): plugins, directories, output mode. */
export type Host = {
  /** Fires sei's plugin hooks: oclif's Config, or bundledHost on the start-up path. */
  plugins: PluginHost
  /** The CLI's own package root (schemas/, package.json). */
  cliRoot: string
  cacheDir: string
  /** --json: machine output only on stdout. */
  json: boolean
  /** An advisory: stderr in text mode, `warnings` in the JSON envelope. */
  advise(message: string): void
}

/** What a command produced and the exit code that outcome means. */
export type Outcome<R> = {result: R; exit: ExitCode}

/**
 * One command, free of any CLI framework: its help, its flags as data, what it does and how its result
 * reads for a person. src/commands/<id>.ts (oclif) and src/fast-path.ts (start-up) are adapters over it.
 */
export type CommandCore<S extends FlagSpecs = FlagSpecs, R = unknown, A extends ArgSpecs = NoArgs> = {
  id: string
  summary: string
  /** Paragraphs; help appends the exit codes from `exitCodes`. */
  description?: string
  examples: string[]
  /** What each exit code means for this command, beyond the common table (output.ts). */
  exitCodes: Partial<Record<ExitCode, string>>
  flags: S
  /** Positional arguments, in order; their values reach `execute` beside the flags', under their names. */
  args?: A
  execute(flags: FlagValues<S> & ArgValues<A>, host: Host): Promise<Outcome<R>>
  /** The human output on stdout ('' prints nothing). */
  render(result: R): string | Promise<string>
  /** The checks the CI formats render (--format junit|sarif|github|markdown): for cores with a `format` flag. */
  report?(result: R, at: Locator, version: string): FormatReport | Promise<FormatReport>
  /** Appends the Markdown summary to $GITHUB_STEP_SUMMARY when it is set, whatever the format. */
  stepSummary?: boolean
}

/** Declares a core with its flag types inferred from its spec. */
export function defineCore<S extends FlagSpecs, R, A extends ArgSpecs = NoArgs>(
  core: CommandCore<S, R, A>,
): CommandCore<S, R, A> {
  return core
}
