import type {Reproducer, ReproducersHook} from '@sei/sdk'
import {pythonEnvironmentOf, runTool} from '@sei/sdk'

// `dvc repro` reruns only the stages whose dependencies changed; dvc.lock records them.
export const dvcReproducer: Reproducer = {
  tool: 'dvc',
  executable: 'dvc',
  description: 'DVC pipelines (dvc repro; dvc.yaml, dvc.lock)',
  lockFile: 'dvc.lock',
  optionsSchema: {
    type: 'object',
    properties: {
      targets: {
        type: 'array',
        items: {type: 'string', minLength: 1},
        description: 'Stages or dvc.yaml files to reproduce (default: every stage).',
      },
    },
  },
  async pipelineFiles() {
    return ['dvc.yaml']
  },
  // Stage commands run through the shell with the run's PATH: `python` there is the stages' interpreter.
  async environment(ctx) {
    return pythonEnvironmentOf('python', ctx.env) ?? pythonEnvironmentOf('python3', ctx.env)
  },
  async inputs(pipeline, root) {
    // Targets that name other dvc.yaml files add their stages; stage names select within the root one.
    const targets = Array.isArray(pipeline.targets) ? (pipeline.targets as string[]) : []
    const files = targets.map((t) => t.split(':')[0]).filter((t) => /(^|\/)dvc\.yaml$/.test(t))
    // loaded on demand: the engine reuses a cached graph while dvc's files are unchanged (start-up of status)
    const {dvcInputs} = await import('../inputs.js')
    return dvcInputs(root, files.length > 0 ? files : ['dvc.yaml'])
  },
  async reproduce(ctx) {
    const targets = Array.isArray(ctx.pipeline.targets) ? (ctx.pipeline.targets as string[]) : []
    // `--` keeps a target that starts with "-" from being read as an option.
    const command = [
      'dvc',
      'repro',
      ...(ctx.force ? ['--force'] : []),
      ...(targets.length > 0 ? ['--', ...targets] : []),
    ]
    const {exitCode} = await runTool(command, {
      cwd: ctx.root,
      env: {DVC_NO_ANALYTICS: '1', ...ctx.env},
      onOutput: ctx.onOutput,
      signal: ctx.signal,
    })
    return {command, exitCode}
  },
}

const hook: ReproducersHook = async () => [dvcReproducer]
export default hook
