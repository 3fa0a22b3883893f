import type {ApprovalView} from './conformance-evidence.js'

type ApprovalState = (root: string, options: {asOf?: string}) => Promise<ApprovalView> | ApprovalView

// The approval state comes from the history concern (governance commits, DESIGN §8). It is loaded
// lazily, by a computed specifier, so this projection builds and runs before that concern exists
// and reports the approval as `unavailable` (never as approved) until it does.
let loaded: Promise<ApprovalState | undefined> | undefined

function approvalStateFn(): Promise<ApprovalState | undefined> {
  const spec = '../history/index.js'
  loaded ??= import(spec).then(
    (mod: {approvalState?: ApprovalState}) => (typeof mod.approvalState === 'function' ? mod.approvalState : undefined),
    (error: NodeJS.ErrnoException) => {
      if (error?.code === 'ERR_MODULE_NOT_FOUND') return undefined
      throw error
    },
  )
  return loaded
}

/** The management approval of the repository now. */
export async function currentApproval(root: string): Promise<ApprovalView> {
  const fn = await approvalStateFn()
  if (!fn) return {state: 'unavailable'}
  const a = await fn(root, {})
  return {state: a.state, commit: a.commit, by: a.by, date: a.date, reason: a.reason}
}
