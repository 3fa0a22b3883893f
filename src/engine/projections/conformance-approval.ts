import {approvalState} from '../history/index.js'
import type {ApprovalView} from './conformance-evidence.js'

/**
 * The management approval as it bears on the bundle being projected: the history concern's state
 * now, except that an approval cannot vouch for a bundle that differs from every committed one
 * (a run made after the approval and not yet committed), which makes it stale.
 */
export async function currentApproval(root: string, bundleIsCommitted: boolean): Promise<ApprovalView> {
  const a = await approvalState(root)
  if (a.state === 'approved' && !bundleIsCommitted) return {state: 'stale', by: a.by, date: a.date, reason: 'the bundle was rewritten after the approval and is not committed'}
  return {state: a.state, commit: a.commit, by: a.by, date: a.date, reason: a.reason}
}
