import type {PipelineInput, ReproduceContext, Reproducer} from '@sei/sdk'
import {cachedFingerprint, pipelineEnvironment} from '../environment/index.js'

/** The path of the interpreter's own version among the env inputs (a distribution's name is normalised: no dots). */
export const INTERPRETER_INPUT = 'python'

export type EnvironmentInputs = {
  inputs: PipelineInput[]
  /** Why the environment could not be read (no interpreter on PATH): its inputs are not compared this time. */
  unread?: string
}

/**
 * The Python environment the pipeline runs in, as `env` inputs: the interpreter's version (`python`) and
 * each installed distribution by its PEP 503 name, valued by its version. The ids do not depend on where
 * the environment lives, so a CI runner's venv compares with a laptop's. Found as `sei run` finds it (the
 * reproducer's `environment()` on the same PATH); read from dist-info metadata, cached while unchanged.
 */
export async function environmentInputs(
  reproducer: Reproducer,
  ctx: Pick<ReproduceContext, 'root' | 'pipeline' | 'env'>,
  cacheDir?: string,
): Promise<EnvironmentInputs> {
  let python: string
  let description: string
  try {
    const found = await pipelineEnvironment(reproducer, ctx)
    // The reproducer says its pipeline runs no Python.
    if (!found) return {inputs: []}
    ;({python, description} = found)
  } catch (error) {
    if ((error as {code?: string}).code !== 'PYTHON_ENV_NOT_FOUND') throw error
    const what = `cannot tell which Python environment the ${reproducer.tool} pipeline runs in (no python on PATH)`
    return {inputs: [], unread: `${what}: its packages are not compared this time`}
  }
  let fingerprint
  try {
    fingerprint = cachedFingerprint(python, cacheDir)
  } catch (error) {
    const why = (error as Error).message.split('\n')[0]
    return {
      inputs: [],
      unread: `cannot read the Python environment of ${python} (${why}): its packages are not compared this time`,
    }
  }
  const declaredBy = `the pipeline environment (${description})`
  const inputs: PipelineInput[] = []
  const version = (path: string, value: string): PipelineInput => ({path, kind: 'env', value, declaredBy})
  if (fingerprint.python_version) inputs.push(version(INTERPRETER_INPUT, fingerprint.python_version))
  for (const [name, dist] of Object.entries(fingerprint.packages)) inputs.push(version(name, dist.version))
  return {inputs}
}
