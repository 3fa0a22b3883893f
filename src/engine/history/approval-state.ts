// The approval state as commands show it: the timeline's state at a date, its act flattened.
import type {ApprovalState} from './approval.js'
import {approvalOfTimeline} from './approval-now.js'
import {readTimeline as timelineOf} from './timeline.js'

/** Every committed version of the evidence bundle, oldest first (any family: .sei, .froga, .venth). */
export async function bundleRevisions(root: string) {
  return (await timelineOf(root)).bundles
}

export type ApprovalView = ApprovalState & {
  commit?: string
  by?: string
  date?: string
  reason?: string /** A shallow clone: the state cannot be known. */
  shallow?: boolean
}

/**
 * The approval state at `asOf` (default now: a run in the work tree not committed yet counts), with
 * the review interval of the latest committed manifest; the act that set the state is flattened into
 * commit/by/date/reason. In a shallow clone the state is unknown: `shallow`, never a guess.
 */
export async function approvalState(
  root: string,
  options: {asOf?: Date | string; requireSignedActs?: boolean} = {},
): Promise<ApprovalView> {
  const t = await timelineOf(root, {requireSignedActs: options.requireSignedActs})
  const asOf = options.asOf === undefined ? new Date() : new Date(options.asOf)
  if (t.shallow) return {state: 'none', as_of: asOf.toISOString(), shallow: true}
  const risk = t.manifests.at(-1)?.manifest?.risk as {review_interval?: unknown} | undefined
  const s = approvalOfTimeline(root, t, {
    asOf,
    now: options.asOf === undefined,
    reviewInterval: typeof risk?.review_interval === 'string' ? risk.review_interval : undefined,
  })
  const act = s.act
  return {
    ...s,
    commit: s.stale_by?.commit ?? act?.commit,
    by: act?.by,
    date: s.stale_by?.date ?? act?.date,
    reason: act?.reason,
  }
}
