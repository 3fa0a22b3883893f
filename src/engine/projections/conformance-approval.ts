import {SHALLOW_SENTENCE, approvalState} from '../history/index.js'
import type {ApprovalView} from './conformance-evidence.js'

/**
 * The management approval as it bears on the bundle being projected: the history concern's state now
 * (a bundle in the work tree other than the approved one, a run not committed yet, makes it stale).
 * In a shallow clone the state is unknown and said so.
 */
export async function currentApproval(root: string): Promise<ApprovalView> {
  const a = await approvalState(root)
  if (a.shallow) return {state: 'shallow', reason: SHALLOW_SENTENCE}
  return {
    state: a.state,
    commit: a.commit,
    by: a.by,
    date: a.date,
    reason:
      a.state === 'stale' && a.stale_by?.commit === 'uncommitted'
        ? 'the bundle was rewritten after the approval and is not the one approved'
        : a.reason,
  }
}
