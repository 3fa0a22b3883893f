import {parseMessage} from './trailers.js'

// Governance acts are empty commits carrying one trailer (DESIGN §8). `Froga-…` is the earlier engine's prefix.

export const ACT_KINDS = ['request', 'approve', 'review', 'reject', 'retire'] as const
export type ActKind = (typeof ACT_KINDS)[number]

export const TRAILERS: Record<ActKind, string> = {
  request: 'Approval-Requested-by',
  approve: 'Approved-by',
  review: 'Reviewed-by',
  reject: 'Rejected-by',
  retire: 'Retired-by',
}

export const SUBJECTS: Record<ActKind, string> = {
  request: 'sei: approval of the treatment plan requested',
  approve: 'sei: treatment plan approved, residual risk accepted',
  review: 'sei: periodic risk review',
  reject: 'sei: approval rejected',
  retire: 'sei: system retired',
}

/** What `sei approve` approved, recorded in the act (absent in approvals of earlier engines). */
export type ApprovedEvidence = {
  /** sha256:<hex> of the bundle approved, or null when there was none. */
  bundle: string | null
  gate?: 'GREEN' | 'RED'
  /** valid, invalid, or none (no signed bundle). */
  signature?: 'valid' | 'invalid' | 'none'
}

/** The commit signature as git verified it (%G?: G good, B bad, U unknown validity, N none, …). */
export type ActSignature = {status: string; signer?: string}

export type Act = {
  kind: ActKind
  by: string
  reason?: string
  commit: string
  date: string
  author: string
  committer?: string
  approves?: ApprovedEvidence
  signature?: ActSignature
}

export const APPROVED_TRAILERS = {
  bundle: 'Sei-Approved-Bundle',
  gate: 'Sei-Approved-Gate',
  signature: 'Sei-Approved-Signature',
} as const

const ACT_TOKEN = /^(?:Sei|Froga)-(Approval-Requested|Approved|Reviewed|Rejected|Retired)-by$/i
// A message with no such text anywhere has no act: reconstruct asks this of every commit of the history.
const ANY_TRAILER = /(?:Sei|Froga)-(?:Approval-Requested|Approved|Reviewed|Rejected|Retired)-by/i
const KIND_OF: Record<string, ActKind> = {
  'approval-requested': 'request',
  approved: 'approve',
  reviewed: 'review',
  rejected: 'reject',
  retired: 'retire',
}

type CommitInfo = {sha: string; date: string; author: string; committer?: string}

/**
 * The act a commit message records, its trailers read as `git interpret-trailers --parse` reads them;
 * `ambiguous` when the trailer block holds more than one governance trailer. Whether the commit may
 * count as an act (empty, signed) is actsOf's question.
 */
export function actOf(message: string, commit: CommitInfo): (Act & {ambiguous?: boolean}) | undefined {
  if (!ANY_TRAILER.test(message)) return undefined
  const {trailers, body} = parseMessage(message)
  const acts = trailers.filter((t) => ACT_TOKEN.test(t.token))
  if (acts.length === 0) return undefined
  const kind = KIND_OF[ACT_TOKEN.exec(acts[0].token)![1].toLowerCase()]
  const act: Act & {ambiguous?: boolean} = {
    kind,
    by: acts[0].value,
    reason: body || undefined,
    commit: commit.sha,
    date: commit.date,
    author: commit.author,
  }
  if (commit.committer !== undefined) act.committer = commit.committer
  if (acts.length > 1) act.ambiguous = true
  if (kind === 'approve') {
    const value = (token: string) => trailers.find((t) => t.token.toLowerCase() === token.toLowerCase())?.value
    const bundle = value(APPROVED_TRAILERS.bundle)
    if (bundle !== undefined) {
      const gate = value(APPROVED_TRAILERS.gate)
      const signature = value(APPROVED_TRAILERS.signature)
      act.approves = {
        bundle: /^sha256:[0-9a-f]{64}$/.test(bundle) ? bundle : null,
        gate: gate === 'GREEN' || gate === 'RED' ? gate : undefined,
        signature: signature === 'valid' || signature === 'invalid' || signature === 'none' ? signature : undefined,
      }
    }
  }
  return act
}

/** A commit that carries a governance trailer but does not count as an act, and why. */
export type IgnoredAct = {
  commit: string
  date: string
  author: string
  committer: string
  kind: ActKind
  by: string
  why: string
}

// git's empty tree: the tree of a root commit that records nothing.
const EMPTY_TREES = new Set([
  '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
  '6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321',
])

const SIGNATURE_WORDS: Record<string, string> = {
  B: 'a bad signature',
  U: 'a good signature by a signer of unknown validity',
  X: 'an expired signature',
  Y: 'a signature by an expired key',
  R: 'a signature by a revoked key',
  E: 'a signature git cannot check (missing key or allowed-signers file)',
  N: 'no signature',
}

export type ActsOptions = {
  /** Count only acts whose commit signature git verifies as good (%G? = G). */
  requireSigned?: boolean
  /** The commit signatures git verified, by commit (needed with requireSigned). */
  signatures?: Map<string, ActSignature>
}

/**
 * Which commits of the history are governance acts: an empty commit (its tree is its single parent's,
 * DESIGN §8) carrying exactly one governance trailer and, with `requireSigned`, a signature git
 * verifies. Every other commit with such a trailer is listed with the reason it does not count.
 */
export function actsOf(
  commits: {
    sha: string
    parents: string[]
    tree: string
    date: string
    author: string
    committer: string
    body: string
  }[],
  options: ActsOptions = {},
): {acts: Map<string, Act>; ignored: IgnoredAct[]} {
  const trees = new Map(commits.map((c) => [c.sha, c.tree]))
  const acts = new Map<string, Act>()
  const ignored: IgnoredAct[] = []
  for (const c of commits) {
    const found = actOf(c.body, c)
    if (!found) continue
    const {ambiguous, ...act} = found
    const skip = (why: string) =>
      ignored.push({
        commit: c.sha,
        date: c.date,
        author: c.author,
        committer: c.committer,
        kind: act.kind,
        by: act.by,
        why,
      })
    if (ambiguous) {
      skip('more than one governance trailer in one commit')
      continue
    }
    const empty =
      c.parents.length === 1 ? trees.get(c.parents[0]) === c.tree : c.parents.length === 0 && EMPTY_TREES.has(c.tree)
    if (!empty) {
      skip(
        c.parents.length > 1
          ? 'a merge commit is not a governance act'
          : c.parents.length === 1 && !trees.has(c.parents[0])
            ? 'its parent is not in the history (shallow clone)'
            : 'the commit changes files: only empty commits are governance acts',
      )
      continue
    }
    const signature = options.signatures?.get(c.sha)
    if (signature) act.signature = signature
    if (options.requireSigned && signature?.status !== 'G') {
      skip(
        `signed acts are required and the commit has ${
          SIGNATURE_WORDS[signature?.status ?? 'N'] ?? `signature status ${signature?.status}`
        }`,
      )
      continue
    }
    acts.set(c.sha, act)
  }
  return {acts, ignored}
}
