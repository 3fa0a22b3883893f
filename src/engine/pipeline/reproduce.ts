import {ToolMissingError, whichOnPath} from '@sei/sdk'
import type {GeneratedBom} from '../environment/index.js'
import {ExitCode, SeiError} from '../errors.js'
import {type Drift, environmentChanged} from '../lock/index.js'
import {startBom} from './attest.js'
import type {RepoState} from './inspect.js'
import {progressSink} from './progress.js'
import type {MetricsLocation} from './read-metrics.js'
import {absentForReproduce} from './tool-lock.js'

/** How many of the tool's last non-blank output lines a failed reproduction shows. */
export const FAILURE_OUTPUT_LINES = 12

const MEASUREMENT: Drift['type'][] = ['B', 'data']

export type RunPipelineBlock = Record<string, unknown> & {tool: string; metrics: string | string[]}
export const pipelineOf = (state: RepoState) => state.loaded.manifest.pipeline as RunPipelineBlock

export type Reproduction = {
  /** Why the pipeline ran (empty: every measurement section was fresh and it did not). */
  reasons: string[]
  /** The tool's command line, when it ran. */
  command?: string[]
  /** The SBOM of the pipeline's environment, made while the pipeline runs. */
  bom(): Promise<GeneratedBom | undefined>
}

type ReproduceOptions = {
  force?: boolean
  quiet?: boolean
  cacheDir?: string
  env: Record<string, string | undefined>
}

/** The reproducer's run, with a missing tool (exit 3) and a stop by signal (exit 130/143) said as such. */
async function reproduceOrExplain<T>(tool: string, lock: string, reproduce: () => Promise<T>): Promise<T> {
  try {
    return await reproduce()
  } catch (error) {
    const e = error as Error & {code?: string; tool?: string; signal?: string}
    if (e.code === 'TOOL_MISSING') {
      const missing = e.tool ?? tool
      const message =
        `${missing} is not installed or not on PATH (pipeline.tool: ${tool}); ` +
        `no evidence written, ${lock} untouched`
      throw new SeiError('TOOL_MISSING', message, {
        exit: ExitCode.environment,
        actions: [
          `Install ${missing} or put it on PATH ` +
            "(this project's Python tools: `npm run setup:python`, then .venv/bin).",
        ],
      })
    }
    if (e.code === 'TOOL_INTERRUPTED') {
      const message =
        `stopped by ${e.signal}: the pipeline's process group was terminated; ` +
        `no evidence written, the previous evidence and ${lock} are intact`
      throw new SeiError('INTERRUPTED', message, {
        exit: e.signal === 'SIGINT' ? ExitCode.interrupted : ExitCode.terminated,
        actions: ['Run `sei run` again when you want to measure.'],
      })
    }
    throw error
  }
}

/** Why the pipeline must run: --force, no lock yet, a stale measurement section, missing metrics, a new environment. */
function reasonsToReproduce(state: RepoState, metrics: MetricsLocation, force?: boolean): string[] {
  const {family} = state.loaded
  const reasons: string[] = []
  if (force) reasons.push('--force')
  if (!state.lock) reasons.push(`no ${family.lock} yet`)
  for (const d of state.drift)
    if (MEASUREMENT.includes(d.type))
      reasons.push(`${d.section} ${d.change}${d.inputs?.length ? ` (${d.inputs.join(', ')})` : ''}`)
  if (!state.computed.metrics) reasons.push(`${metrics.paths.join(', ')} missing`)
  if (forcedByEnvironment(state, force))
    reasons.push(`forced: ${pipelineOf(state).tool} does not track the Python environment`)
  return reasons
}

/** The tool does not track the Python environment: after an upgrade it would rerun nothing, so sei forces it. */
const forcedByEnvironment = (state: RepoState, force?: boolean) => !force && environmentChanged(state.drift)

/** The tool's run with its output behind one progress line; a failure shows the last lines it printed. */
async function reproduce(state: RepoState, reasons: string[], options: ReproduceOptions): Promise<string[]> {
  const pipeline = pipelineOf(state)
  const {lock} = state.loaded.family
  // sei fetches nothing: data the tool needs and only its remote storage holds is the user's to pull.
  const absent = absentForReproduce(state.graph)
  if (absent) throw absent
  const sink = progressSink(pipeline.tool, process.stderr, options.quiet)
  const tail: string[] = []
  if (!options.quiet) process.stderr.write(`reproducing with ${pipeline.tool} (${reasons.join('; ')})\n`)
  const result = await reproduceOrExplain(pipeline.tool, lock, () =>
    state.reproducer!.reproduce({
      root: state.root,
      pipeline,
      force: Boolean(options.force) || forcedByEnvironment(state, options.force),
      env: options.env,
      onOutput(line) {
        if (line.trim() !== '') tail.push(line)
        if (tail.length > FAILURE_OUTPUT_LINES) tail.shift()
        sink.line(line)
      },
    }),
  ).finally(() => sink.done())
  if (result.exitCode !== 0) {
    throw new SeiError(
      'REPRODUCE_FAILED',
      `${result.command.join(' ')} failed (exit ${result.exitCode}); no evidence written, ${lock} untouched`,
      {
        exit: ExitCode.pipelineFailed,
        problems: tail,
        actions: ['Fix the pipeline error above, then run `sei run` again.'],
      },
    )
  }
  return result.command
}

/**
 * P6: reproduce only when a measurement section is stale. The pipeline tool is the first thing a run
 * needs, so a missing one is said before the SBOM tool is; the SBOM is started (cyclonedx-py missing:
 * exit 3 now) to run while the pipeline does.
 */
export async function reproduceIfStale(
  state: RepoState,
  metrics: MetricsLocation,
  options: ReproduceOptions,
): Promise<Reproduction> {
  const pipeline = pipelineOf(state)
  const reasons = reasonsToReproduce(state, metrics, options.force)
  const executable = state.reproducer?.executable
  if (reasons.length > 0 && executable && !whichOnPath(executable, options.env)) {
    await reproduceOrExplain(pipeline.tool, state.loaded.family.lock, async () => {
      throw new ToolMissingError(executable)
    })
  }
  const bom = await startBom(state.reproducer!, {root: state.root, pipeline, env: options.env}, options.cacheDir)
  const command = reasons.length > 0 ? await reproduce(state, reasons, options) : undefined
  return {reasons, command, bom}
}
