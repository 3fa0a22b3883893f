import {mkdirSync, mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {Reproducer, ReproducersHook} from '@sei/sdk'
import {pythonEnvironmentOf, runTool} from '@sei/sdk'
import {dagsterCommand} from '../command.js'

export const dagsterReproducer: Reproducer = {
  tool: 'dagster',
  executable: 'dagster',
  description: 'Dagster definitions (dagster job execute, or dagster asset materialize)',
  optionsSchema: {
    type: 'object',
    required: ['definitions'],
    properties: {
      definitions: {type: 'string', minLength: 1, description: 'Python file holding the Definitions (dagster -f).'},
      job: {
        type: 'string',
        minLength: 1,
        description: 'Job to execute; without it every asset selected by `select` is materialised.',
      },
      select: {type: 'string', minLength: 1, description: 'Asset selection for materialisation (default "*").'},
      config: {
        type: ['string', 'array'],
        minLength: 1,
        items: {type: 'string', minLength: 1},
        description: 'Run config file(s) or pattern(s) in the repository, passed as dagster -c (first wins).',
      },
    },
  },
  async pipelineFiles(pipeline) {
    return typeof pipeline.definitions === 'string' ? [pipeline.definitions] : []
  },
  // The ops run in dagster's own interpreter (in process, or its subprocesses with the same executable).
  async environment(ctx) {
    return pythonEnvironmentOf('dagster', ctx.env)
  },
  // Loaded on use: the hook module is loaded on every command, the graph reader only by run and status.
  inputs: async (pipeline, root) => (await import('../inputs.js')).dagsterInputs(pipeline, root),
  async reproduce(ctx) {
    const command = dagsterCommand(ctx.pipeline, ctx.root)
    // A throwaway instance outside the repository: run storage must not dirty the governed tree.
    const base = join(ctx.env.SEI_CACHE_DIR || tmpdir(), 'sei-dagster')
    mkdirSync(base, {recursive: true})
    const home = ctx.env.DAGSTER_HOME || mkdtempSync(join(base, 'home-'))
    const {exitCode} = await runTool(command, {
      cwd: ctx.root,
      env: {...ctx.env, DAGSTER_HOME: home, DAGSTER_DISABLE_TELEMETRY: '1'},
      onOutput: ctx.onOutput,
      signal: ctx.signal,
    })
    return {command, exitCode}
  },
}

const hook: ReproducersHook = async () => [dagsterReproducer]
export default hook
