import {createHash} from 'node:crypto'
import type {Reproducer, ReproduceContext} from '@sei/sdk'
import {BOM_FILE, generateBom, pipelineEnvironment, requireBomTool, type GeneratedBom} from '../environment/index.js'
import {parseEvidenceJson, stableJson} from '../canonical/index.js'
import type {Family, LoadedManifest} from '../manifest/index.js'
import {RESULTS_FILE, buildAssessmentResults, type ResultsInput} from '../oscal/index.js'
import {commitDate} from '../repo/index.js'
import type {GateRow} from './gate.js'
import type {SignedFile} from './write.js'

/**
 * Starts the SBOM of the pipeline's Python environment (it runs while the pipeline does). Refuses at
 * once (exit 3) when cyclonedx-py is missing, before minutes go into the pipeline. Resolves to
 * undefined when the reproducer says its pipeline runs no Python.
 */
export async function startBom(
  reproducer: Reproducer,
  ctx: Pick<ReproduceContext, 'root' | 'pipeline' | 'env'>,
  cacheDir?: string,
): Promise<() => Promise<GeneratedBom | undefined>> {
  requireBomTool(ctx.env)
  const environment = await pipelineEnvironment(reproducer, ctx)
  if (!environment) return async () => undefined
  const pending = generateBom({...environment, env: ctx.env, cwd: ctx.root, cacheDir})
  pending.catch(() => {}) // awaited by the caller; a pipeline failure first must not leave it unhandled
  return () => pending
}

export type ResultsStep = {
  loaded: LoadedManifest
  family: Family
  root: string
  bundleBytes: Uint8Array
  controls: GateRow[]
  gate: 'GREEN' | 'RED'
  plan: {checked: boolean; path?: string; digest?: string}
  bom?: GeneratedBom
}

/** The files signed beside the bundle: the SBOM (when there is one) and the OSCAL assessment-results. */
export function evidenceFiles(step: ResultsStep): SignedFile[] {
  const bundle = parseEvidenceJson(Buffer.from(step.bundleBytes).toString('utf8')) as ResultsInput['bundle']
  const withResult = new Set(bundle.control_results.map((r) => r.control_id))
  const document = buildAssessmentResults({
    manifest: step.loaded.manifest,
    manifestFile: step.loaded.file,
    evidenceDir: step.family.evidenceDir,
    bundle,
    bundleSha256: createHash('sha256').update(step.bundleBytes).digest('hex'),
    missing: step.controls
      .filter((c) => !withResult.has(c.control_id))
      .map((c) => ({control_id: c.control_id, risk_id: c.risk_id, constraint: c.constraint, note: c.note})),
    gate: step.gate,
    timestamp: commitDate(step.root, bundle.triple.code) ?? '1970-01-01T00:00:00Z',
    plan: step.plan.path ? {path: step.plan.path, sha256: step.plan.digest?.replace(/^sha256:/, '')} : undefined,
    bom: step.bom && {file: BOM_FILE, sha256: step.bom.sha256, environment: step.bom.environment.description},
  })
  const files: SignedFile[] = []
  if (step.bom) files.push({name: BOM_FILE, bytes: step.bom.bytes})
  files.push({name: RESULTS_FILE, bytes: Buffer.from(`${stableJson(document)}`, 'utf8')})
  return files
}
