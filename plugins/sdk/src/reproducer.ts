/** Everything a reproducer needs to rerun one governed repository's pipeline. */
export type ReproduceContext = {
  /** Absolute path of the repository. */
  root: string
  /** The manifest's `pipeline:` section, validated by the engine and by `optionsSchema`. */
  pipeline: Record<string, unknown> & {tool: string; metrics: string}
  /** Recompute everything even when the tool thinks it is up to date. */
  force: boolean
  /** Environment for the child process (PATH already includes the project's Python tools). */
  env: Record<string, string | undefined>
  /** Receives the tool's output, one line at a time (stdout and stderr). */
  onOutput(line: string, stream: 'stdout' | 'stderr'): void
  signal?: AbortSignal
}

export type ReproduceResult = {
  /** The tool's command line, as run (an argument array, never a shell string). */
  command: string[]
  exitCode: number
  /** Repository-relative path of the tool's own lock file, when it writes one (dvc.lock). */
  lockFile?: string
}

/**
 * A Reproducer reruns the ML pipeline of a repository through one pipeline tool.
 *
 * @example
 * const dvc: Reproducer = {
 *   tool: 'dvc', description: 'DVC pipelines', lockFile: 'dvc.lock',
 *   reproduce: async (ctx) => runTool(['dvc', 'repro'], ctx),
 * }
 */
export type Reproducer = {
  /** The value of `pipeline.tool` this reproducer answers to. */
  tool: string
  description: string
  /** Repository-relative lock file the tool maintains, part of the measurement-model section. */
  lockFile?: string
  /** JSON Schema of the extra `pipeline:` fields this tool needs (entry point, definitions file, job, …). */
  optionsSchema?: Record<string, unknown>
  /** Files (repository-relative) that define the pipeline and so belong to the measurement-model section. */
  pipelineFiles?(pipeline: ReproduceContext['pipeline'], root: string): Promise<string[]>
  reproduce(ctx: ReproduceContext): Promise<ReproduceResult>
}

export type ReproducerQuery = {root?: string}
