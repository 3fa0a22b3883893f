/** Exit codes of every sei command (DESIGN §10); `--help` lists them. */
export const ExitCode = {
  ok: 0,
  /** Gate red, drift, or an invalid signature: an outcome, not a crash. */
  failed: 1,
  /** Usage error or invalid input (manifest errors, bad flags). */
  invalidInput: 2,
  /** The environment failed: a tool missing, a plugin broken, a service unreachable, I/O. */
  environment: 3,
  /** The pipeline tool ran and failed (dvc repro exit ≠ 0): nothing measured, nothing written. */
  pipelineFailed: 4,
  /** Stopped by SIGINT (128 + 2) while the pipeline ran: its process group was stopped, evidence untouched. */
  interrupted: 130,
  /** Stopped by SIGTERM (128 + 15) or SIGHUP while the pipeline ran: the same. */
  terminated: 143,
} as const
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

/** A place in a file an error points at, printed `file:line:col`. */
export type Where = {file: string; line?: number; col?: number}

export type SeiErrorOptions = {
  exit?: ExitCode
  actions?: string[]
  where?: Where
  problems?: string[]
  cause?: unknown
  field?: string
}

/**
 * A SeiError is an expected failure shown to a user: a stable code, the exit code it maps to,
 * what to do about it, and where in which file it comes from.
 */
export class SeiError<C extends string = string> extends Error {
  readonly code: C
  readonly exit: ExitCode
  readonly actions: string[]
  readonly where?: Where
  /** Further located problems reported together (every manifest error at once). */
  readonly problems?: string[]
  /** The manifest field that caused it (`dataset.croissant`): the manifest locates it as `sei.yaml:LINE:COL`. */
  readonly field?: string

  constructor(code: C, message: string, options: SeiErrorOptions = {}) {
    super(message, {cause: options.cause})
    this.name = 'SeiError'
    this.code = code
    this.exit = options.exit ?? ExitCode.invalidInput
    this.actions = options.actions ?? []
    this.where = options.where
    this.problems = options.problems
    this.field = options.field
  }
}

export function formatWhere(where: Where): string {
  return [where.file, where.line, where.col].filter((part) => part !== undefined).join(':')
}

/** The same error, attributed to a manifest field (kept when it already names one). */
export function withField(error: unknown, field: string): unknown {
  if (!(error instanceof SeiError) || error.field) return error
  const {exit, actions, where, problems, cause} = error
  return new SeiError(error.code, error.message, {exit, actions, where, problems, cause, field})
}
