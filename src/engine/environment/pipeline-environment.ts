import {pythonEnvironmentOf, type PythonEnvironment, type Reproducer, type ReproduceContext} from '@sei/sdk'
import {ExitCode, SeiError} from '../errors.js'

type Context = Pick<ReproduceContext, 'root' | 'pipeline' | 'env'>

/**
 * The Python environment the pipeline runs in, as its reproducer says (`environment()`), else the
 * `python3` (or `python`) on the run's PATH. null: the reproducer says the pipeline runs no Python.
 */
export async function pipelineEnvironment(reproducer: Reproducer, ctx: Context): Promise<PythonEnvironment | null> {
  const said = reproducer.environment ? await reproducer.environment(ctx) : undefined
  if (said === null) return null
  const found = said ?? pythonEnvironmentOf('python3', ctx.env) ?? pythonEnvironmentOf('python', ctx.env)
  if (found) return found
  const what =
    `cannot tell which Python environment the ${reproducer.tool} pipeline runs in` +
    ' (its tool or python3 is not on PATH)'
  throw new SeiError('PYTHON_ENV_NOT_FOUND', `${what}; the SBOM needs it; no evidence written`, {
    exit: ExitCode.environment,
    actions: [
      'Put the environment of the pipeline on PATH (activate its venv, or `npm run setup:python` for the' +
        ' project .venv), then run `sei run` again.',
    ],
  })
}
