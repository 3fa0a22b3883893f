import {type Act, actOf} from './acts.js'
import {addDuration} from './duration.js'
import type {LoggedCommit} from './log.js'

export type ApprovalStateName = 'none' | 'pending' | 'approved' | 'stale' | 'under_review' | 'rejected' | 'retired'

export type ApprovalState = {
  state: ApprovalStateName
  /** The act that put the system in this state (absent for none, and for stale: see stale_by). */
  act?: Act
  /** The latest approval, even when it is no longer current. */
  approval?: Act
  /** The first run (bundle revision) after the approval that made it stale. */
  stale_by?: {commit: string; date: string}
  /** When the approval's periodic review falls due (approval date + risk.review_interval). */
  review_due?: string
  /** Why it is under periodic review: a review commit, or the review interval having elapsed. */
  review_reason?: 'review' | 'interval'
  as_of: string
}

/**
 * The approval state (DESIGN §8) from the history, oldest first: a run after an approval makes it
 * STALE, a review after it (or the review interval elapsing by `asOf`) puts it under periodic review,
 * a rejection waits for a new request, and retirement is final.
 */
export function approvalStateOf(commits: LoggedCommit[], isRun: (c: LoggedCommit) => boolean, options: {asOf: Date; reviewInterval?: string}): ApprovalState {
  let state: ApprovalStateName = 'none'
  let act: Act | undefined
  let approval: Act | undefined
  let staleBy: {commit: string; date: string} | undefined
  let reviewReason: 'review' | 'interval' | undefined
  for (const c of commits) {
    if (c.time > options.asOf.getTime()) break
    if (state === 'retired') break
    const a = actOf(c.body, c)
    if (a) {
      switch (a.kind) {
        case 'request':
          state = 'pending'
          break
        case 'approve':
          state = 'approved'
          approval = a
          staleBy = undefined
          break
        case 'review':
          if (state === 'approved' || state === 'stale') {
            state = 'under_review'
            reviewReason = 'review'
          } else if (state !== 'under_review') {
            continue // a review with nothing approved changes no state
          }
          break
        case 'reject':
          state = 'rejected'
          break
        case 'retire':
          state = 'retired'
          break
      }
      act = a
      continue
    }
    if (state === 'approved' && isRun(c)) {
      state = 'stale'
      staleBy = {commit: c.sha, date: c.date}
    }
  }
  let reviewDue: string | undefined
  if (approval && options.reviewInterval) {
    const due = addDuration(new Date(approval.date), options.reviewInterval)
    reviewDue = due?.toISOString()
    if (state === 'approved' && due && due <= options.asOf) {
      state = 'under_review'
      reviewReason = 'interval'
    }
  }
  return {state, act, approval, stale_by: staleBy, review_due: reviewDue, review_reason: state === 'under_review' ? reviewReason : undefined, as_of: options.asOf.toISOString()}
}
