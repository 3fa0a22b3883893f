import {readFileSync} from 'node:fs'
import {resolve} from 'node:path'
import {ExitCode, SeiError} from '../errors.js'
import {FAMILIES, metricsFilesOf, type Manifest, yaml} from '../manifest/index.js'
import {isWithin, realPathOf, resolveInside} from '../repo/index.js'

/** Folders whose content belongs to git, DVC or sei's evidence: a plan never goes there. */
const RESERVED_DIRS: [string, string][] = [
  ['.git', 'git'],
  ['.dvc', 'DVC'],
  ...FAMILIES.map((f): [string, string] => [f.evidenceDir, 'the signed evidence']),
]

export type PlanTargetOptions = {
  /** The pipeline tool's own files (dvc.yaml, dvc.lock, MLproject …). */
  pipelineFiles?: readonly string[]
  /** The file is byte for byte the compiled plan: no need to read it. */
  isPlan?: boolean
}

/** Is `text` an OSCAL document (what `sei compile`, or the reference engine, writes at the plan path)? */
function isOscalPlan(text: string, json: boolean): boolean {
  try {
    const doc = (json ? JSON.parse(text) : yaml().parse(text, {maxAliasCount: 0})) as Record<string, unknown> | null
    const cd = doc?.['component-definition'] as Record<string, unknown> | undefined
    const only = Object.keys(doc ?? {}).length === 1
    return only && typeof cd === 'object' && cd !== null && typeof cd.metadata === 'object'
  } catch {
    return false
  }
}

/**
 * Why `rel` (oscal.assessment_plan) may not receive the compiled plan, or undefined when it may: the
 * manifest, a lock, a pipeline, params or metrics file, the Croissant descriptor, anything under
 * .git/, .dvc/ or the evidence directory, and any existing file that holds no OSCAL document. Judged by
 * real path, so `./sei.yaml`, `x/../sei.yaml` or a symlink to the lock are the same file.
 */
export function planTargetProblem(
  root: string,
  rel: string,
  manifest: Manifest,
  options: PlanTargetOptions = {},
): string | undefined {
  const abs = resolveInside(root, rel, 'oscal.assessment_plan')
  const realRoot = realPathOf(resolve(root)) ?? root
  const real = realPathOf(abs) ?? abs
  for (const [dir, owner] of RESERVED_DIRS) {
    if (isWithin(resolve(realRoot, dir), real)) return `it is inside ${dir}/, which belongs to ${owner}`
  }
  const named: [string | undefined, string][] = [
    ...FAMILIES.flatMap((f): [string, string][] => [
      [f.manifest, 'the manifest'],
      [f.lock, 'the lock'],
    ]),
    ...metricsFilesOf(manifest).map((f): [string, string] => [f, 'the metrics file (pipeline.metrics)']),
    [manifest.pipeline?.params, 'the params file (pipeline.params)'],
    [manifest.eval?.script, 'the eval script (eval.script)'],
    [manifest.dataset?.croissant, 'the Croissant descriptor (dataset.croissant)'],
    ...(options.pipelineFiles ?? []).map((f): [string, string] => [f, 'a file of the pipeline tool']),
  ]
  for (const [file, what] of named) {
    if (file && (realPathOf(resolve(realRoot, file)) ?? resolve(realRoot, file)) === real) return `it is ${what}`
  }
  if (options.isPlan) return undefined
  let text: string
  try {
    text = readFileSync(abs, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return undefined
    return code === 'EISDIR' ? 'it is a directory' : `it cannot be read (${code})`
  }
  if (isOscalPlan(text, /\.json$/i.test(rel))) return undefined
  return 'it is an existing file that holds no OSCAL document (sei compile did not write it)'
}

/** PLAN_PATH_FORBIDDEN (exit 2, located at oscal.assessment_plan) when the plan path is not a plan's. */
export function refusePlanTarget(root: string, rel: string, manifest: Manifest, options: PlanTargetOptions = {}): void {
  const why = planTargetProblem(root, rel, manifest, options)
  if (!why) return
  throw new SeiError('PLAN_PATH_FORBIDDEN', `oscal.assessment_plan "${rel}" cannot hold the compiled plan: ${why}`, {
    exit: ExitCode.invalidInput,
    field: 'oscal.assessment_plan',
    actions: ['Point oscal.assessment_plan at a file of its own, e.g. policies/assessment_plan.oscal.yaml.'],
  })
}
