import {fileAtHead} from '../history/index.js'
import type {Drift} from '../lock/index.js'
import {adviseOnInputs, proposedRisksAdvisory} from './advisory.js'
import {evaluateRun, type Evaluation} from './evaluate.js'
import {type InspectOptions, type RepoState, inspect} from './inspect.js'
import {readMetrics, locateMetrics} from './read-metrics.js'
import {recordEvidence} from './record-evidence.js'
import {remeasure} from './remeasure.js'
import {type Reproduction, reproduceIfStale} from './reproduce.js'
import {requireCurrentPlan} from './plan-contract.js'
import {resolvePlugins} from './resolve-plugins.js'
import {acquireRunLock} from '../run-lock/index.js'

export type RunOptions = InspectOptions & {
  force?: boolean
  /** Advisories for stderr (plan stale, proposed risks, …). */
  advise?(message: string): void
  /** Suppress the tool's streamed output (--json). */
  quiet?: boolean
  /** --key values of the trust root (SEI_TRUSTED_KEYS of `env` adds to them). */
  keys?: readonly string[]
}

export type RunResult = Omit<Evaluation, 'bundleBytes'> & {
  family: string
  reproduced: boolean
  reproduce_reason: string[]
  command?: string[]
  drift_before: Drift[]
  written: string[]
  /** The Python environment the SBOM describes, when the pipeline runs Python. */
  sbom?: {python: string; description: string; components: number}
}

/** `sei run`, P1–P11 (DESIGN §6). Evidence is written and signed whatever the gate; the lock last. */
export async function runPipeline(root: string, options: RunOptions): Promise<RunResult> {
  const env = options.env ?? process.env
  const advise = options.advise ?? (() => {})
  const release = acquireRunLock(root)
  try {
    const state = await inspect(root, {...options, requirePipeline: true, holdsRunLock: true}) // P1, P3–P5
    requireCurrentPlan(state) // P5: the plan is the contract
    const {signer, authorities} = await resolvePlugins(state, {...options, env}, advise) // P2
    adviseOnInputs(state, advise)
    const metrics = locateMetrics(state)
    const reproduction = await reproduceIfStale(state, metrics, {...options, env}) // P6
    const measured = await remeasure(state, reproduction.command, {...options, env}) // P3 again
    const metricsFiles = await readMetrics(state, metrics) // P7
    const evaluation = await evaluateRun({
      root: state.root,
      loaded: state.loaded,
      computed: measured,
      metricsFiles,
      previousBundleText: fileAtHead(state.root, `${state.loaded.family.evidenceDir}/bundle.json`)?.toString('utf8'),
      authorities,
      bom: await reproduction.bom(),
    }) // P8–P10
    const written = await recordEvidence(state, evaluation, signer, measured) // P10–P11
    await proposedRisksAdvisory(state.root, state.loaded.manifest, options.config, advise)
    return runResult(state, evaluation, reproduction, written)
  } finally {
    release()
  }
}

function runResult(state: RepoState, evaluation: Evaluation, reproduction: Reproduction, written: string[]): RunResult {
  const {bundleBytes: _bytes, bom: generated, ...summary} = evaluation
  return {
    ...summary,
    family: state.loaded.family.name,
    reproduced: reproduction.reasons.length > 0,
    reproduce_reason: reproduction.reasons,
    command: reproduction.command,
    drift_before: state.drift,
    written,
    sbom: generated && {
      python: generated.environment.python,
      description: generated.environment.description,
      components: generated.components.length,
    },
  }
}
