// `sei compile`: the plan the manifest compiles to, and writing it at oscal.assessment_plan.
import {mkdir, readFile} from 'node:fs/promises'
import {dirname} from 'node:path'
import {sha256Hex} from '../digest/index.js'
import {ExitCode, SeiError} from '../errors.js'
import {writeFileAtomic} from '../evidence/index.js'
import {formatPath, measuresOf, type Manifest} from '../manifest/index.js'
import {resolveInside} from '../repo/index.js'
import {buildPlan, type ComponentDefinition, type PlanAdvisory, type PlanProblem} from './plan.js'
import {type PlanFormat, planFormat, renderPlan} from './render.js'
import {refusePlanTarget} from './target.js'

export type CompiledPlan = {
  /** oscal.assessment_plan as declared (repository-relative), when the manifest declares one. */
  path?: string
  format: PlanFormat
  document: ComponentDefinition
  /** The exact bytes `sei compile` writes; inspect compares them with the file on disk. */
  text: string
  digest: string
  requirements: number
  advisories: PlanAdvisory[]
  problems: PlanProblem[]
}

/** `sha256:<hex>` of a plan's text: what sei.lock's plan section records. */
export function planDigest(text: string | Uint8Array): string {
  return `sha256:${sha256Hex(text)}`
}

/** The plan the manifest compiles to (pure: the manifest alone decides every byte). */
export function compilePlan(manifest: Manifest, options: {manifestFile?: string} = {}): CompiledPlan {
  const path = manifest.oscal?.assessment_plan
  const format = planFormat(path ?? 'plan.yaml')
  const {document, requirements, advisories, problems} = buildPlan(manifest, options.manifestFile)
  const text = renderPlan(document, format)
  return {path, format, document, text, digest: planDigest(text), requirements, advisories, problems}
}

/** The manifest field of the measure a plan problem is about (`risk.risks[0].treat[0].measures[1]`). */
function measureField(manifest: Manifest, problem: PlanProblem): string {
  const at = measuresOf(manifest).find((m) => m.measure.id === problem.measure && m.riskId === problem.risk)
  return at ? formatPath(at.path) : 'risk'
}

export type WrittenPlan = CompiledPlan & {path: string; changed: boolean}

/** `sei compile`: writes the compiled plan atomically at oscal.assessment_plan (inside the repository). */
export async function writePlan(
  root: string,
  manifest: Manifest,
  manifestFile = 'sei.yaml',
  pipelineFiles: readonly string[] = [],
): Promise<WrittenPlan> {
  const compiled = compilePlan(manifest, {manifestFile})
  const rel = compiled.path
  if (!rel) {
    throw new SeiError(
      'PLAN_PATH_MISSING',
      `${manifestFile} declares no oscal.assessment_plan: sei compile has nowhere to write the plan`,
      {
        exit: ExitCode.invalidInput,
        field: 'oscal',
        actions: [
          'Declare it, e.g. `oscal: {assessment_plan: shared_data/policies/assessment_plan.oscal.yaml}` ' +
            '(.yaml, .yml or .json).',
        ],
      },
    )
  }
  // What the path names comes first: "it is the lock" says more than "wrong extension".
  const abs = resolveInside(root, rel, 'oscal.assessment_plan', {file: manifestFile})
  refusePlanTarget(root, rel, manifest, {pipelineFiles})
  if (!/\.(ya?ml|json)$/i.test(rel)) {
    throw new SeiError(
      'PLAN_FORMAT_UNKNOWN',
      `oscal.assessment_plan "${rel}" must end in .yaml, .yml or .json (the extension chooses the format)`,
      {
        exit: ExitCode.invalidInput,
        field: 'oscal.assessment_plan',
        actions: ['Rename the plan path in the manifest, e.g. assessment_plan.oscal.yaml.'],
      },
    )
  }
  const count = compiled.problems.length
  if (count > 0) {
    throw new SeiError(
      'PLAN_INVALID',
      `the risk section cannot be compiled into valid OSCAL (${count} problem${count === 1 ? '' : 's'})`,
      {
        exit: ExitCode.invalidInput,
        field: measureField(manifest, compiled.problems[0]),
        problems: compiled.problems.map((p) => `${p.risk} / ${p.measure}: ${p.message}`),
        actions: [`Fix the measures in ${manifestFile} as each line says, then run \`sei compile\` again.`],
      },
    )
  }
  let before: string | undefined
  try {
    before = await readFile(abs, 'utf8')
  } catch {
    before = undefined
  }
  const changed = before !== compiled.text
  if (changed) {
    await mkdir(dirname(abs), {recursive: true})
    await writeFileAtomic(abs, compiled.text)
  }
  return {...compiled, path: rel, changed}
}
