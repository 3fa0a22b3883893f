import {readFileSync, readdirSync} from 'node:fs'
import {join} from 'node:path'

/** A parameter of an MLproject entry point: `name: type` or `name: {type, default}`. */
export type MlflowParameter = {type: string; default?: unknown}

export type MlflowEntryPoint = {name: string; command: string; parameters: Record<string, MlflowParameter>}

export type MlflowProject = {
  /** The MLproject's file name (MLflow matches "mlproject" in any case); absent without one. */
  file?: string
  /** The parsed MLproject (empty without one). */
  spec: Record<string, unknown>
  /** The environment file MLflow uses (python_env / conda_env, else python_env.yaml, else conda.yaml), if any. */
  envFile?: string
}

/** MLflow's own lookup: a file named "mlproject" in any case, in the project directory. */
export function findMlproject(root: string): string | undefined {
  return readdirSync(root).find((f) => f.toLowerCase() === 'mlproject')
}

/** Reads the MLproject of the repository the way `mlflow run .` loads it (mlflow/projects/_project_spec.py). */
export async function loadMlproject(root: string): Promise<MlflowProject> {
  const file = findMlproject(root)
  let spec: Record<string, unknown> = {}
  if (file) {
    const {parse} = await import('yaml')
    let parsed: unknown
    try {
      parsed = parse(readFileSync(join(root, file), 'utf8'))
    } catch (error) {
      throw new Error(`${file}: not valid YAML (${(error as Error).message.split('\n')[0]})`)
    }
    if (parsed !== null && parsed !== undefined && (typeof parsed !== 'object' || Array.isArray(parsed))) {
      throw new Error(`${file}: expected a mapping at the top level`)
    }
    spec = (parsed ?? {}) as Record<string, unknown>
  }
  const declared = ['python_env', 'conda_env'].map((k) => spec[k]).find((v): v is string => typeof v === 'string')
  const defaults = ['python_env.yaml', 'conda.yaml']
  const envFile = declared ?? (spec.docker_env ? undefined : defaults.find((f) => exists(root, f)))
  return {file, spec, envFile}
}

function exists(root: string, f: string): boolean {
  try {
    readFileSync(join(root, f))
    return true
  } catch {
    return false
  }
}

/**
 * The entry point `mlflow run -e name` runs: the MLproject's, else a `.py` / `.sh` file of that name run
 * with python / $SHELL (MLflow's fallback); undefined when neither.
 */
export function entryPoint(project: MlflowProject, name: string): MlflowEntryPoint | undefined {
  type Spec = {command?: unknown; parameters?: Record<string, unknown>}
  const eps = (project.spec.entry_points ?? {}) as Record<string, Spec>
  const ep = Object.hasOwn(eps, name) ? eps[name] : undefined
  if (ep && typeof ep === 'object') {
    const parameters: Record<string, MlflowParameter> = {}
    for (const [k, v] of Object.entries(ep.parameters ?? {})) {
      const spec = (v !== null && typeof v === 'object' ? v : {}) as {type?: unknown; default?: unknown}
      const type = typeof v === 'string' ? v : typeof spec.type === 'string' ? spec.type : 'string'
      parameters[k] = spec.default !== undefined && spec.default !== null ? {type, default: spec.default} : {type}
    }
    return {name, command: typeof ep.command === 'string' ? ep.command : '', parameters}
  }
  if (name.endsWith('.py')) return {name, command: `python ${name}`, parameters: {}}
  if (name.endsWith('.sh')) return {name, command: `bash ${name}`, parameters: {}}
  return undefined
}

/** Python's str.format of the command with the parameter values, as MLflow substitutes them (`{{` is `{`). */
export function substituteCommand(command: string, values: Record<string, unknown>): string {
  return command.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (m, name: string | undefined) => {
    if (m === '{{') return '{'
    if (m === '}}') return '}'
    const v = name !== undefined && Object.hasOwn(values, name) ? values[name] : undefined
    return v !== null && v !== undefined ? String(v) : m
  })
}
