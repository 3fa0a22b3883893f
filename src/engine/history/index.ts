// The history concern: governance acts as commits, and the replay of the evidence history (DESIGN §8).
export {ACT_KINDS, TRAILERS, actOf, type Act, type ActKind} from './acts.js'
export {approvalStateOf, type ApprovalState, type ApprovalStateName} from './approval.js'
export {addDuration} from './duration.js'
export {governanceCommit} from './governance.js'
export {readChanges, readMessages, withChanges, type LoggedCommit} from './log.js'
export {fileAtHead, readBlobs} from './git.js'
export {reconstruct, type Arc, type ReconstructReport, type RiskTimeline} from './reconstruct.js'
export {readTimeline, riskIdsOf, type BundleRevision, type Timeline} from './timeline.js'
export {renderReconstruct} from './render.js'
export {reconstructRun, type ReconstructRun} from './reconstruct-run.js'

import {type ApprovalState, approvalStateOf as stateOf} from './approval.js'
import {readTimeline as timelineOf} from './timeline.js'

/** Every committed version of the evidence bundle, oldest first (any family: .sei, .froga, .venth). */
export async function bundleRevisions(root: string) {
  return (await timelineOf(root)).bundles
}

export type ApprovalView = ApprovalState & {commit?: string; by?: string; date?: string; reason?: string}

/**
 * The approval state at `asOf` (default now), with the review interval of the latest committed
 * manifest; the act that set the state is flattened into commit/by/date/reason.
 */
export async function approvalState(root: string, options: {asOf?: Date | string} = {}): Promise<ApprovalView> {
  const t = await timelineOf(root)
  const risk = t.manifests.at(-1)?.manifest?.risk as {review_interval?: unknown} | undefined
  const asOf = options.asOf === undefined ? new Date() : new Date(options.asOf)
  const s = stateOf(t.commits, t.isRun, {asOf, reviewInterval: typeof risk?.review_interval === 'string' ? risk.review_interval : undefined})
  const act = s.act
  return {...s, commit: s.stale_by?.commit ?? act?.commit, by: act?.by, date: s.stale_by?.date ?? act?.date, reason: act?.reason}
}
