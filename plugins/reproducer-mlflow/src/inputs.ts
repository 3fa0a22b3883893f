import {posix} from 'node:path'
import type {InputGraph, PipelineInput} from '@sei/sdk'
import {byInputId, listPythonFiles, repoRelative, walkPythonImports} from '@sei/sdk'
import {commandScripts} from './command-scripts.js'
import {environmentFiles} from './environment.js'
import {entryPoint, loadMlproject, substituteCommand} from './mlproject.js'

type Pipeline = Record<string, unknown>

/** The parameter values `mlflow run` uses: the MLproject defaults, overridden by the manifest's `parameters`. */
export function effectiveParameters(
  declared: Record<string, {default?: unknown}>,
  given: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, p] of Object.entries(declared)) out[k] = Object.hasOwn(given, k) ? given[k] : (p.default ?? null)
  for (const [k, v] of Object.entries(given)) if (!Object.hasOwn(out, k)) out[k] = v
  return out
}

/**
 * The input graph of an MLflow project as `mlflow run . -e <entry point>` would run it, read from its
 * files without running MLflow: the entry point (a `stage` input of the MLproject, compared parsed),
 * each parameter with the value the run uses, local `path` parameters as data, the environment file and
 * the requirements it names, the backend config file, and the Python code: the modules reachable from
 * the scripts the command runs, or every `*.py` of the project when the command cannot be read.
 */
export async function mlflowInputs(pipeline: Pipeline, root: string): Promise<InputGraph> {
  const project = await loadMlproject(root)
  const epName = typeof pipeline.entry_point === 'string' ? pipeline.entry_point : 'main'
  const ep = entryPoint(project, epName)
  if (!ep) {
    const where = project.file ?? 'an MLproject'
    throw new Error(`entry point "${epName}" is neither in ${where} nor a .py/.sh file (mlflow run -e would fail)`)
  }
  const by = `entry point ${epName}`
  const inputs: PipelineInput[] = []
  const warnings: string[] = []
  const add = (i: PipelineInput) => {
    if (!inputs.some((x) => x.kind === i.kind && x.path === i.path && x.key === i.key)) inputs.push(i)
  }

  const given = (pipeline.parameters ?? {}) as Record<string, unknown>
  const values = effectiveParameters(ep.parameters, given)
  const paramsFile = project.file ?? 'MLproject'
  if (project.file) {
    const envKeys = ['python_env', 'conda_env', 'docker_env'].filter((k) => k in project.spec)
    const env = Object.fromEntries(envKeys.map((k) => [k, project.spec[k]]))
    const value = {command: ep.command, parameters: ep.parameters, ...env}
    add({path: project.file, kind: 'stage', key: epName, value, declaredBy: by})
  }
  for (const [k, v] of Object.entries(values)) {
    add({path: paramsFile, kind: 'params', key: k, value: v, declaredBy: by})
    if (v === null) {
      warnings.push(`parameter ${k} of ${by} has no default and the manifest gives none: mlflow run will fail`)
    }
    if (ep.parameters[k]?.type === 'path' && typeof v === 'string' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) {
      const rel = repoRelative(root, v)
      if (rel === undefined) {
        warnings.push(`parameter ${k} of ${by} names ${v}, which is missing or outside the repository`)
      } else add({path: rel, kind: 'data', declaredBy: `parameter ${k} of ${by}`})
    }
  }

  if (project.envFile) {
    const env = await environmentFiles(root, project.envFile)
    for (const f of env.files) add({path: f, kind: 'env', declaredBy: `${by} environment`})
    warnings.push(...env.warnings)
  }
  if (typeof pipeline.backend_config === 'string') {
    const rel = repoRelative(root, pipeline.backend_config)
    if (rel) add({path: rel, kind: 'env', declaredBy: `backend ${String(pipeline.backend ?? 'local')} config`})
  }

  const command = substituteCommand(ep.command, values)
  const run = commandScripts(command)
  for (const other of run.others) {
    const rel = repoRelative(root, other)
    if (rel) add({path: rel, kind: 'code', declaredBy: by})
  }
  const walks = [
    ...run.scripts.map((s) => ({script: s, options: {}})),
    ...run.modules.flatMap((m) => {
      const found = moduleFile(root, m.name, m.dir)
      if (!found) warnings.push(`python -m ${m.name}: no such module in the repository (taken as installed)`)
      return found ? [{script: found.file, options: {moduleName: found.moduleName, searchPath: [m.dir, 'src']}}] : []
    }),
  ]
  for (const w of walks) {
    const walk = walkPythonImports(root, w.script, w.options)
    for (const m of walk.modules) add({path: m.path, kind: 'code', declaredBy: by})
    warnings.push(...walk.problems)
  }
  if (!run.complete || walks.length === 0) {
    for (const f of listPythonFiles(root)) add({path: f, kind: 'code', declaredBy: by})
  }
  inputs.sort(byInputId)
  return {inputs, ...(warnings.length > 0 ? {warnings} : {})}
}

/** The file of module `name` as `python -m name` run in `dir` finds it (a package runs its `__main__`). */
function moduleFile(root: string, name: string, dir: string): {file: string; moduleName: string} | undefined {
  const base = posix.join(dir, ...name.split('.'))
  const asModule = repoRelative(root, `${base}.py`)
  if (asModule !== undefined) return {file: asModule, moduleName: name}
  const asPackage = repoRelative(root, posix.join(base, '__main__.py'))
  return asPackage === undefined ? undefined : {file: asPackage, moduleName: `${name}.__main__`}
}
