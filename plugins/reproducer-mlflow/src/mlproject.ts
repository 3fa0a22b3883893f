import {readFileSync, readdirSync} from 'node:fs'
import {join} from 'node:path'

/** A parameter of an MLproject entry point: `name: type` or `name: {type, default}`. */
export type MlflowParameter = {type: string; default?: unknown}

export type MlflowEntryPoint = {name: string; command: string; parameters: Record<string, MlflowParameter>}

export type MlflowProject = {
  /** Repository-relative file name of the MLproject (MLflow matches "mlproject" case-insensitively); absent without one. */
  file?: string
  /** The parsed MLproject (empty without one). */
  spec: Record<string, unknown>
  /** The environment file MLflow uses (python_env / conda_env, else python_env.yaml, else conda.yaml), when it exists. */
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
    if (parsed !== null && parsed !== undefined && (typeof parsed !== 'object' || Array.isArray(parsed))) throw new Error(`${file}: expected a mapping at the top level`)
    spec = (parsed ?? {}) as Record<string, unknown>
  }
  const declared = ['python_env', 'conda_env'].map((k) => spec[k]).find((v) => typeof v === 'string') as string | undefined
  const envFile = declared ?? (spec.docker_env ? undefined : ['python_env.yaml', 'conda.yaml'].find((f) => exists(root, f)))
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
  const eps = (project.spec.entry_points ?? {}) as Record<string, {command?: unknown; parameters?: Record<string, unknown>}>
  const ep = Object.hasOwn(eps, name) ? eps[name] : undefined
  if (ep && typeof ep === 'object') {
    const parameters: Record<string, MlflowParameter> = {}
    for (const [k, v] of Object.entries(ep.parameters ?? {})) {
      parameters[k] = typeof v === 'string' ? {type: v} : {type: typeof (v as {type?: unknown})?.type === 'string' ? (v as {type: string}).type : 'string', ...(v !== null && typeof v === 'object' && 'default' in v && v.default !== null ? {default: (v as {default: unknown}).default} : {})}
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
    return name !== undefined && Object.hasOwn(values, name) && values[name] !== null && values[name] !== undefined ? String(values[name]) : m
  })
}
