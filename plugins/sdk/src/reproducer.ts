import type {PythonEnvironment} from './python-env.js'

/** Everything a reproducer needs to rerun one governed repository's pipeline. */
export type ReproduceContext = {
  /** Absolute path of the repository. */
  root: string
  /**
   * The manifest's `pipeline:` section, validated by the engine and by `optionsSchema`. `metrics` is
   * one path or a list of paths (several metrics files).
   */
  pipeline: Record<string, unknown> & {tool: string; metrics: string | string[]}
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
  /**
   * The program `reproduce` runs (`dvc`): when it is not on PATH, sei says so before it spends time on
   * anything else (exit 3, naming it).
   */
  executable?: string
  /** Repository-relative lock file the tool maintains, part of the measurement-model section. */
  lockFile?: string
  /** JSON Schema of the extra `pipeline:` fields this tool needs (entry point, definitions file, job, …). */
  optionsSchema?: Record<string, unknown>
  /** Files (repository-relative) that define the pipeline and so belong to the measurement-model section. */
  pipelineFiles?(pipeline: ReproduceContext['pipeline'], root: string): Promise<string[]>
  /**
   * The pipeline's inputs as the tool declares them (API 2), read from the tool's own files without
   * running it. The freshness gate is judged from this graph.
   */
  inputs?(pipeline: ReproduceContext['pipeline'], root: string): Promise<InputGraph>
  reproduce(ctx: ReproduceContext): Promise<ReproduceResult>
  /**
   * The Python environment the pipeline's code runs in (additive, optional): sei describes it in the
   * run's CycloneDX SBOM. Return null when the pipeline runs no Python. Without this method sei takes
   * the `python3` (else `python`) on the run's PATH. `pythonEnvironmentOf(command, env)` finds the
   * interpreter of a console script (`mlflow`, `dagster`).
   */
  environment?(ctx: Pick<ReproduceContext, 'root' | 'pipeline' | 'env'>): Promise<PythonEnvironment | null | undefined>
}

export type ReproducerQuery = {root?: string}

/**
 * What a pipeline input is to the freshness gate. `code`, `params`, `stage` and `env` drift is Drift B
 * (re-measure); `data` drift is data drift; an `output` the tool records is checked so that an edited
 * output is stale, as the tool itself says.
 */
export type InputKind = 'code' | 'data' | 'params' | 'env' | 'stage' | 'output'

/** A content hash the pipeline tool itself records for an input (dvc.lock, a `*.dvc` file, a declared sha256). */
export type RecordedHash = {
  /** `md5` is DVC's: plain MD5 of a file's bytes, or of its `.dir` manifest for a directory (value ends in `.dir`). */
  algorithm: 'md5' | 'sha256'
  value: string
  /** Repository-relative path of the file that records it (`dvc.lock`, `data/x.csv.dvc`, the Croissant descriptor). */
  source: string
}

/** One input of the pipeline, read from the tool's own files without running the tool. */
export type PipelineInput = {
  /** Repository-relative path, POSIX separators. For `params`, the params file; for `stage`, the file defining it. */
  path: string
  kind: InputKind
  /**
   * For `params`: the dotted key read (absent: the whole file is the input). For `stage`: the stage name.
   * Inputs are identified by (kind, path, key).
   */
  key?: string
  /**
   * For `params` and `stage`: the parsed value the engine digests (canonical JSON), so a comment or a key
   * no stage reads is never drift. Absent for file inputs: the engine digests the file's bytes.
   */
  value?: unknown
  /** The hash the tool records for this input, when it records one; an absent file is judged by it. */
  recorded?: RecordedHash
  /** Who declares it (a stage name, an entry point, a definitions module), for drift messages. */
  declaredBy?: string
}

/** The pipeline's input graph and anything the reproducer wants the user to know about it. */
export type InputGraph = {
  inputs: PipelineInput[]
  /** One-line notes shown by `sei run` (a stage that reads a file it does not declare, …). */
  warnings?: string[]
  /**
   * Repository-relative files the reproducer read to build the graph, absent ones it looked for included.
   * With it the engine reuses the graph while none of them changed (stat only), so `sei status` does not
   * load the reproducer's parsers on every run; without it `inputs` is called every time.
   */
  sources?: string[]
}
