// Governance acts are commits carrying one trailer (DESIGN §8). `Froga-…` is the earlier engine's prefix.

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

export type Act = {kind: ActKind; by: string; reason?: string; commit: string; date: string; author: string}

const TRAILER_LINE = /^(?:Sei|Froga)-(Approval-Requested|Approved|Reviewed|Rejected|Retired)-by:[ \t]*(.*)$/i
// A message with no such text anywhere has no act: reconstruct asks this of every commit of the history.
const ANY_TRAILER = /(?:Sei|Froga)-(?:Approval-Requested|Approved|Reviewed|Rejected|Retired)-by:/i
const KIND_OF: Record<string, ActKind> = {'approval-requested': 'request', approved: 'approve', reviewed: 'review', rejected: 'reject', retired: 'retire'}

/** The act a commit message records, read from its last paragraph only, as git reads trailers. */
export function actOf(message: string, commit: {sha: string; date: string; author: string}): Act | undefined {
  if (!ANY_TRAILER.test(message)) return undefined
  const paragraphs = message.trimEnd().split(/\n[ \t]*\n/)
  if (paragraphs.length < 2) return undefined
  const trailers = paragraphs[paragraphs.length - 1].split('\n')
  for (const line of trailers) {
    const m = TRAILER_LINE.exec(line.trim())
    if (!m) continue
    const reason = paragraphs.slice(1, -1).join('\n\n').trim()
    return {kind: KIND_OF[m[1].toLowerCase()], by: m[2].trim(), reason: reason || undefined, commit: commit.sha, date: commit.date, author: commit.author}
  }
  return undefined
}
