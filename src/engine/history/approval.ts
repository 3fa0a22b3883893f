import type {Act} from './acts.js'
import {addDuration} from './duration.js'
import type {LoggedCommit} from './log.js'

export type ApprovalStateName = 'none' | 'pending' | 'approved' | 'stale' | 'under_review' | 'rejected' | 'retired'

export type ApprovalState = {
  state: ApprovalStateName
  /** The act that put the system in this state (absent for none, and for stale: see stale_by). */
  act?: Act
  /** The latest approval, even when it is no longer current. */
  approval?: Act
  /**
   * The first run after the approval whose bundle is not the one approved
   * (commit `uncommitted`: the bundle in the work tree).
   */
  stale_by?: {commit: string; date: string; bundle?: string}
  /** When the approval's periodic review falls due (approval date + risk.review_interval). */
  review_due?: string
  /** Why it is under periodic review: a review commit, or the review interval having elapsed. */
  review_reason?: 'review' | 'interval'
  as_of: string
}

export type ApprovalOptions = {
  asOf: Date
  reviewInterval?: string
  /** The governance acts of the history, by commit (actsOf): other commits are not acts. */
  acts: Map<string, Act>
  /** sha256:<hex> of the bundle each run commit wrote. */
  runDigest?(c: LoggedCommit): string | undefined
  /** The bundle in the work tree now (sha256:<hex>) and the last committed one: a run not committed yet. */
  workTree?: {digest: string; committed?: string}
}

/**
 * The approval state (DESIGN §8) from the history, oldest first. An approval that records the bundle
 * it approved goes STALE when a later bundle has another digest, committed or not (the work tree's
 * included); an approval without that record (earlier engines) goes stale on any later run. A review
 * after it (or the review interval elapsing by `asOf`) puts it under periodic review, a rejection
 * waits for a new request, and retirement is final.
 */
export function approvalStateOf(
  commits: LoggedCommit[],
  isRun: (c: LoggedCommit) => boolean,
  options: ApprovalOptions,
): ApprovalState {
  let state: ApprovalStateName = 'none'
  let act: Act | undefined
  let approval: Act | undefined
  let staleBy: ApprovalState['stale_by']
  let reviewReason: 'review' | 'interval' | undefined
  const changes = (digest: string | undefined) =>
    approval?.approves?.bundle ? digest !== approval.approves.bundle : true
  for (const c of commits) {
    if (c.time > options.asOf.getTime()) break
    if (state === 'retired') break
    const a = options.acts.get(c.sha)
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
      const digest = options.runDigest?.(c)
      if (changes(digest)) {
        state = 'stale'
        staleBy = {commit: c.sha, date: c.date, bundle: digest}
      }
    }
  }
  // A run not committed yet: the bundle in the work tree is not the one approved.
  const wt = options.workTree
  if (
    state === 'approved' &&
    wt &&
    (approval?.approves?.bundle ? wt.digest !== approval.approves.bundle : wt.digest !== wt.committed)
  ) {
    state = 'stale'
    staleBy = {commit: 'uncommitted', date: options.asOf.toISOString(), bundle: wt.digest}
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
  return {
    state,
    act,
    approval,
    stale_by: staleBy,
    review_due: reviewDue,
    review_reason: state === 'under_review' ? reviewReason : undefined,
    as_of: options.asOf.toISOString(),
  }
}
