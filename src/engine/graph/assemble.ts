import type {PipelineInput, PythonWalk, Reproducer} from '@sei/sdk'
import {type CroissantDescriptor, readCroissant} from '../digest/index.js'
import {ExitCode, SeiError, withField} from '../errors.js'
import {type Manifest, metricsFilesOf} from '../manifest/index.js'
import {undeclaredImportWarnings, walkPythonImports} from '../python/index.js'
import {environmentInputs} from './environment-inputs.js'
import {cachedInputs} from './graph-cache.js'

/** Finds the local Python modules a script imports (static analysis, never executed): the entry script first. */
export type ImportWalker = (root: string, script: string) => PythonWalk

export type AssembleOptions = {
  reproducer?: Reproducer
  /** The CLI cache dir: the reproducer's graph is reused from it while the files it read are unchanged. */
  cacheDir?: string
  /**
   * The static import walker (default: the SDK's). The engine's own code inputs are the eval script
   * and, through this, the local modules it imports.
   */
  walkImports?: ImportWalker
  /**
   * The environment the pipeline runs with (its PATH finds the interpreter, as at `sei run`): given, the
   * pipeline's Python environment enters the graph as `env` inputs, one per distribution.
   */
  env?: Record<string, string | undefined>
}

export type AssembledGraph = {
  inputs: PipelineInput[]
  /** The Croissant descriptor (its files are `data` inputs pinned by their declared sha256). */
  croissant?: CroissantDescriptor
  warnings: string[]
  /** Why the pipeline's Python environment could not be read: its env inputs are taken as the lock records them. */
  environmentUnread?: string
}

/** Identity of an input in sei.lock: `<kind>:<path>` and `#<key>` for a params key or a stage. */
export function inputId(i: Pick<PipelineInput, 'kind' | 'path' | 'key'>): string {
  return `${i.kind}:${i.path}${i.key === undefined ? '' : `#${i.key}`}`
}

/** How a drift line names an input: `params.yaml#train.C (params)`. */
export function inputLabel(i: Pick<PipelineInput, 'kind' | 'path' | 'key'>): string {
  return `${i.path}${i.key === undefined ? '' : `#${i.key}`} (${i.kind})`
}

/**
 * The one place the input graph is put together: the reproducer's inputs (read from the pipeline
 * tool's own files) plus the engine's own (eval.script and the modules it imports, the Croissant
 * dataset, the metrics file, a legacy `pipeline.params`). A path appears once; the tool's entry wins.
 */
export async function assembleGraph(
  root: string,
  manifest: Manifest,
  options: AssembleOptions,
): Promise<AssembledGraph> {
  const pipeline = manifest.pipeline as
    | (Record<string, unknown> & {tool: string; metrics: string | string[]; params?: string})
    | undefined
  const r = options.reproducer
  const fromTool: PipelineInput[] = []
  const warnings: string[] = []
  if (r && pipeline) {
    if (r.inputs) {
      try {
        const g = await cachedInputs(
          r as Reproducer & {inputs: NonNullable<Reproducer['inputs']>},
          pipeline,
          root,
          options.cacheDir,
        )
        fromTool.push(...g.inputs)
        warnings.push(...(g.warnings ?? []))
      } catch (error) {
        const e = error as Error & {actions?: string[]}
        // Located at the manifest's pipeline section, which chose the tool and its options.
        throw new SeiError('PIPELINE_UNREADABLE', `${pipeline.tool}: ${e.message}`, {
          exit: ExitCode.invalidInput,
          field: 'pipeline',
          actions: e.actions ?? [
            `Fix the ${pipeline.tool} pipeline definition or the pipeline: options of the manifest.`,
          ],
        })
      }
    } else {
      // A reproducer that does not declare inputs: its pipeline files and lock count as code, byte for byte.
      for (const f of r.pipelineFiles ? await r.pipelineFiles(pipeline, root) : [])
        fromTool.push({path: f, kind: 'code', declaredBy: pipeline.tool})
      if (r.lockFile) fromTool.push({path: r.lockFile, kind: 'code', declaredBy: pipeline.tool})
    }
  }
  const out: PipelineInput[] = []
  const byPath = new Map<string, PipelineInput>()
  const add = (i: PipelineInput) => {
    // A value (a params key, a stage, a distribution's version) is its own input; a file is one input,
    // whatever its kind.
    const id = i.kind === 'params' || i.kind === 'stage' || i.value !== undefined ? inputId(i) : `file:${i.path}`
    const seen = byPath.get(id)
    if (seen) {
      // The same file twice (a DVC dep the Croissant descriptor also lists): one input,
      // pinned by whoever records a hash.
      if (!seen.recorded && i.recorded) seen.recorded = i.recorded
      return
    }
    const copy = {...i}
    byPath.set(id, copy)
    out.push(copy)
  }
  for (const i of fromTool) add(i)
  const script = manifest.eval?.script
  if (script) {
    add({path: script, kind: 'code', declaredBy: 'eval.script'})
    // Python only: the walker reads Python's import syntax.
    if (script.endsWith('.py')) {
      const walk = (options.walkImports ?? walkPythonImports)(root, script)
      for (const m of walk.modules.slice(1))
        add({path: m.path, kind: 'code', declaredBy: `imported by ${m.importedBy ?? script}`})
      // A module the stage running the script does not list is one `dvc repro` will not rerun on.
      if (pipeline?.tool === 'dvc') warnings.push(...undeclaredImportWarnings(fromTool, walk.modules))
    }
  }
  // Kept for manifests written before the input graph: the whole file, compared parsed.
  if (pipeline?.params && !fromTool.some((i) => i.kind === 'params' && i.path === pipeline.params)) {
    add({path: pipeline.params, kind: 'params', declaredBy: 'pipeline.params'})
  }
  for (const path of metricsFilesOf(manifest)) add({path, kind: 'output', declaredBy: 'pipeline.metrics'})
  let croissant: CroissantDescriptor | undefined
  if (manifest.dataset?.croissant) {
    croissant = await readCroissant(root, manifest.dataset.croissant).catch((error: unknown) => {
      throw withField(error, 'dataset.croissant')
    })
    for (const f of croissant.files) {
      add({
        path: f.path,
        kind: 'data',
        declaredBy: croissant.path,
        ...(f.declared ? {recorded: {algorithm: 'sha256', value: f.declared, source: croissant.path}} : {}),
      })
    }
  }
  let environmentUnread: string | undefined
  if (r && pipeline && options.env) {
    const environment = await environmentInputs(r, {root, pipeline, env: options.env}, options.cacheDir)
    for (const i of environment.inputs) add(i)
    environmentUnread = environment.unread
    if (environmentUnread) warnings.push(environmentUnread)
  }
  return {inputs: out, croissant, warnings, ...(environmentUnread ? {environmentUnread} : {})}
}
