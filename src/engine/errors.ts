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
  /** A bug in sei (an exception no code path expected): sysexits' EX_SOFTWARE; the message says how to report it. */
  internal: 70,
} as const
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

/**
 * Every error code sei reports, grouped by the exit code it maps to: the catalogue a user (or a script
 * reading `--json`) can rely on. A code belongs to one group; INTERRUPTED is 130 or 143 by the signal.
 */
export const ERROR_CODES = {
  failed: [
    'BUNDLE_INVALID',
    'BUNDLE_SIGNATURE_INVALID',
    'HISTORY_SHALLOW',
    'NO_EVIDENCE',
    'NO_MANIFEST_HISTORY',
    'RECORDED_HASH_MISMATCH',
  ],
  invalidInput: [
    'AS_OF_INVALID',
    'BAD_KEY',
    'BY_EMPTY',
    'BY_INVALID',
    'CROISSANT_INVALID',
    'CROISSANT_MISSING',
    'CROISSANT_REMOTE_UNPINNED',
    'EVIDENCE_DIR_MISSING',
    /** A --format value that names no format, or two formats for stdout. */
    'FORMAT_INVALID',
    'INPUT_MISSING',
    'INPUT_NOT_FILE',
    'LOCK_INVALID',
    'MANIFEST_INVALID',
    'MANIFEST_MISSING',
    'MANIFEST_NOT_FILE',
    'MANIFEST_TOO_LARGE',
    'METRICS_INVALID',
    'METRICS_MISSING',
    'NOT_A_GIT_REPO',
    'PATH_OUTSIDE_REPO',
    'PIPELINE_MISSING',
    'PIPELINE_OPTIONS_INVALID',
    'PIPELINE_UNREADABLE',
    'PLAN_FORMAT_UNKNOWN',
    'PLAN_INVALID',
    'PLAN_PATH_FORBIDDEN',
    'PLAN_PATH_MISSING',
    'PLAN_STALE',
    'REASON_INVALID',
    'REASON_REQUIRED',
    'REPO_MISSING',
    'REPRODUCER_UNKNOWN',
    'SIGNER_MISMATCH',
    'SIGNER_NOT_TRUSTED',
    'SIGNER_UNKNOWN',
    'STANDARD_UNKNOWN',
    'UNBORN',
    /** A flag or argument oclif refused (unknown flag, missing required flag, bad value). */
    'USAGE',
  ],
  environment: [
    'BUNDLE_UNREADABLE',
    'GIT_FAILED',
    'GIT_UNAVAILABLE',
    'INPUT_NOT_IN_WORKSPACE',
    'MANIFEST_UNREADABLE',
    'PLUGIN_CONFLICT',
    'PLUGIN_FAILED',
    'PLUGIN_INVALID',
    'PYTHON_ENV_NOT_FOUND',
    /** A --format FORMAT=PATH report could not be written. */
    'REPORT_WRITE_FAILED',
    'RUN_IN_PROGRESS',
    'RUN_LOCK_UNAVAILABLE',
    'SBOM_FAILED',
    'SBOM_TOOL_MISSING',
    'SCHEMA_MISSING',
    'SIGNER_FAILED',
    'STANDARD_ID_INVALID',
    'STANDARD_MISSING',
    'TOOL_MISSING',
    'WRITE_INTERRUPTED',
  ],
  pipelineFailed: ['REPRODUCE_FAILED'],
  interrupted: ['INTERRUPTED'],
  internal: ['INTERNAL'],
} as const satisfies Partial<Record<keyof typeof ExitCode, readonly string[]>>

type Groups = typeof ERROR_CODES
/** Every code sei reports. */
export type ErrorCode = Groups[keyof Groups][number]
/** The codes of one exit code's group (`CodeOf<'environment'>`). */
export type CodeOf<G extends keyof Groups> = Groups[G][number]

const EXIT_OF_CODE = new Map<string, ExitCode>(
  Object.entries(ERROR_CODES).flatMap(([group, codes]) =>
    codes.map((code): [string, ExitCode] => [code, ExitCode[group as keyof Groups]]),
  ),
)

/** The exit code a code maps to (its group's); undefined for a code outside the catalogue (a plugin's own). */
export function exitOfCode(code: string): ExitCode | undefined {
  return EXIT_OF_CODE.get(code)
}

/** A place in a file an error points at, printed `file:line:col`. */
export type Where = {file: string; line?: number; col?: number}

export type SeiErrorOptions = {
  /** What the user can do about it: at least one step (help prints them under "Try this:"). */
  actions: readonly [string, ...string[]] | string[]
  /** Only where the group's exit code is not the one (INTERRUPTED: the signal's). */
  exit?: ExitCode
  where?: Where
  problems?: string[]
  cause?: unknown
  field?: string
}

/**
 * A SeiError is an expected failure shown to a user: a stable code from the catalogue, the exit code
 * it maps to, what to do about it, and where in which file it comes from.
 */
export class SeiError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C
  readonly exit: ExitCode
  readonly actions: string[]
  readonly where?: Where
  /** Further located problems reported together (every manifest error at once). */
  readonly problems?: string[]
  /** The manifest field that caused it (`dataset.croissant`): the manifest locates it as `sei.yaml:LINE:COL`. */
  readonly field?: string

  constructor(code: C, message: string, options: SeiErrorOptions) {
    super(message, {cause: options.cause})
    this.name = 'SeiError'
    this.code = code
    this.exit = options.exit ?? exitOfCode(code) ?? ExitCode.internal
    this.actions = [...options.actions]
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
