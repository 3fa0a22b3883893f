import {type EvidenceVerification, readCurrentBundle, statusVerification} from '../evidence/index.js'
import {type Retirement, retirement} from '../history/index.js'
import type {Drift} from '../lock/index.js'
import {type AnchorProblem, checkAnchor} from './anchor.js'
import {type GateRow, gateRows} from './gate.js'
import {type InspectOptions, inspect} from './inspect.js'
import {proposedRisksAdvisory} from './advisory.js'
import {settlePendingWrite} from '../run-lock/index.js'

export type StatusResult = {
  family: string
  fresh: boolean
  green: boolean
  /** No lock yet: nothing has been anchored. */
  neverRun: boolean
  drift: Drift[]
  evidence: AnchorProblem[]
  controls: GateRow[]
  failing: GateRow[]
  plan: {checked: boolean; current?: boolean; why?: string}
  hashed: string[]
  /** The bundle's signature, checked first; absent when no signed bundle was written yet. */
  signature?: EvidenceVerification
  /** Inputs absent from the workspace, judged by the hash their tool records (one line each). */
  pinned: string[]
  /** Present inputs whose bytes are not what their tool records (dvc.lock, a `.dvc`, a declared sha256). */
  mismatches: string[]
  /** The system was withdrawn (`sei retire`): status is RETIRED, never green. */
  retired?: Retirement
}

/**
 * `sei status`: recompute digests (stat cache first) and compare with the lock; read the gate from
 * the anchored bundle. Never runs the pipeline. ok = fresh and every blocking control passes.
 */
export async function statusCheck(
  root: string,
  options: InspectOptions & {advise?(message: string): void; keys?: readonly string[]},
): Promise<StatusResult> {
  // Verify before reporting: evidence its signer did not sign says nothing about freshness or controls.
  // An evidence write a killed run left behind is finished (or discarded) first, as inspect does.
  settlePendingWrite(root)
  const signature = await statusVerification(root, {keys: options.keys, env: options.env})
  if (signature && !signature.valid) {
    return {
      family: signature.family,
      fresh: false,
      green: false,
      neverRun: false,
      drift: [],
      evidence: [],
      controls: [],
      failing: [],
      plan: {checked: false, why: 'the evidence does not verify'},
      hashed: [],
      pinned: [],
      mismatches: [],
      signature,
    }
  }
  // Read while the inputs are digested: one git process that git filters to the retire acts, none when
  // HEAD is where the cached answer was computed. A failure is reported when awaited, below; until
  // then it is observed here, so that an error of inspect's, thrown first, is not overtaken by it.
  const retired = retirement(root, {cacheDir: options.cacheDir})
  retired.catch(() => undefined)
  const state = await inspect(root, options)
  if (options.advise && state.graph.environmentUnread) options.advise(`advisory: ${state.graph.environmentUnread}.`)
  if (options.advise) await proposedRisksAdvisory(state.root, state.loaded.manifest, options.config, options.advise)
  state.digester.save()
  const {family} = state.loaded
  const evidence = state.lock ? checkAnchor(state.root, family, state.lock) : []
  const bundle = readCurrentBundle<{control_results?: []}>(state.root, family.evidenceDir)?.bundle
  const controls = gateRows(state.loaded.manifest, bundle)
  const failing = controls.filter((c) => c.blocking && !c.passed)
  const fresh =
    Boolean(state.lock) && state.drift.length === 0 && evidence.length === 0 && state.graph.mismatches.length === 0
  const withdrawn = await retired
  return {
    family: family.name,
    fresh,
    // A retired system is never green: its gate no longer clears anything to ship (README, exit codes).
    green: fresh && failing.length === 0 && !withdrawn,
    ...(withdrawn ? {retired: withdrawn} : {}),
    neverRun: !state.lock,
    drift: state.drift,
    evidence,
    controls,
    failing,
    plan: state.plan.checked ? {checked: true, current: state.plan.current} : {checked: false, why: state.plan.why},
    // sorted: files are hashed several at a time, in no fixed order (a file digested both ways counts once)
    hashed: [...new Set(state.digester.hashed)].sort(),
    pinned: state.graph.pinnedNotes,
    mismatches: state.graph.mismatches.map((m) => m.line),
    signature,
  }
}
