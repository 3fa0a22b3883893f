import {createHash} from 'node:crypto'
import {existsSync, mkdirSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import type {Reproducer, ReproducersHook} from '@sei/sdk'
import {pythonEnvironmentOf, runTool} from '@sei/sdk'
import {mlflowCommand} from '../command.js'

/** The folder of the default tracking store of a repository (outside it). */
export function defaultTrackingDir(root: string, env: Record<string, string | undefined>): string {
  const base = env.SEI_CACHE_DIR || env.XDG_CACHE_HOME || tmpdir()
  return join(base, 'sei-mlflow', createHash('sha256').update(root).digest('hex').slice(0, 16))
}

/**
 * Where runs are tracked unless the manifest names a tracking URI: a local SQLite store outside the
 * repository (MLflow's default ./mlruns would dirty the governed tree; MLflow 3 refuses new file
 * stores), one per repository. Never a server: no network.
 */
export function defaultTrackingUri(root: string, env: Record<string, string | undefined>): string {
  const dir = defaultTrackingDir(root, env)
  mkdirSync(dir, {recursive: true})
  return `sqlite:///${join(dir, 'mlflow.db')}`
}

export const mlflowReproducer: Reproducer = {
  tool: 'mlflow',
  executable: 'mlflow',
  description: 'MLflow projects (mlflow run . --env-manager local)',
  optionsSchema: {
    type: 'object',
    properties: {
      entry_point: {type: 'string', minLength: 1, description: 'MLproject entry point (default main).'},
      experiment_name: {type: 'string', minLength: 1, description: 'MLflow experiment to record the run in.'},
      parameters: {
        type: 'object',
        additionalProperties: {type: ['string', 'number', 'boolean']},
        description: 'Entry-point parameters, passed as -P name=value.',
      },
      tracking_uri: {
        type: 'string',
        minLength: 1,
        description: "MLFLOW_TRACKING_URI (default: a SQLite store in sei's cache, outside the repository).",
      },
      env_manager: {
        type: 'string',
        enum: ['local', 'virtualenv', 'uv', 'conda'],
        description: 'mlflow run --env-manager (default local: the environment sei runs in).',
      },
      backend: {
        type: 'string',
        minLength: 1,
        description: 'mlflow run --backend: local (default), databricks, kubernetes or a plugin backend.',
      },
      backend_config: {
        type: ['string', 'object'],
        pattern: '\\.json$',
        description: 'mlflow run --backend-config: a .json file in the repository, or an inline mapping.',
      },
    },
  },
  async pipelineFiles(_pipeline, root) {
    return ['MLproject', 'python_env.yaml', 'conda.yaml'].filter((f) => f === 'MLproject' || existsSync(join(root, f)))
  },
  // --env-manager local runs the entry point in the environment mlflow itself runs in.
  async environment(ctx) {
    return pythonEnvironmentOf('mlflow', ctx.env)
  },
  // Loaded on use: the hook module is loaded on every command, the graph reader only by run and status.
  inputs: async (pipeline, root) => (await import('../inputs.js')).mlflowInputs(pipeline, root),
  async reproduce(ctx) {
    const p = ctx.pipeline
    const command = mlflowCommand(p, ctx.root)
    const env = {
      ...ctx.env,
      MLFLOW_TRACKING_URI: typeof p.tracking_uri === 'string' ? p.tracking_uri : defaultTrackingUri(ctx.root, ctx.env),
      // The default artifact root of a new store is ./mlruns in the working directory, i.e. inside the
      // governed repository; MLflow reads this variable for it (the one its own server sets).
      ...(typeof p.tracking_uri === 'string'
        ? {}
        : {_MLFLOW_SERVER_ARTIFACT_ROOT: pathToFileURL(join(defaultTrackingDir(ctx.root, ctx.env), 'artifacts')).href}),
      // No telemetry, no network from the tool itself.
      MLFLOW_DISABLE_TELEMETRY: 'true',
      DO_NOT_TRACK: 'true',
    }
    const {exitCode} = await runTool(command, {cwd: ctx.root, env, onOutput: ctx.onOutput, signal: ctx.signal})
    return {command, exitCode}
  },
}

const hook: ReproducersHook = async () => [mlflowReproducer]
export default hook
