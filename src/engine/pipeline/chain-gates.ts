import type {StatusResult} from './status.js'

/**
 * The two gates a conformance claim stands on (reference/002): the evidence describes the system as it
 * is (freshness) and every blocking control passes (risk). Either red blocks the claim. UNKNOWN: status
 * could not be computed (an input it needs is missing or invalid), so the risk gate was not read.
 */
export type ChainGates = {freshness: 'FRESH' | 'STALE'; risk: 'GREEN' | 'RED' | 'UNKNOWN'}

export function chainGates(s: StatusResult): ChainGates {
  const noEvidence = s.neverRun || !s.signature
  const fresh = s.fresh && (s.signature?.valid ?? false) && s.evidence.length === 0 && !s.neverRun
  const green = !noEvidence && s.failing.length === 0
  // status's own verdict has the last word: whatever makes it red blocks the claim.
  return {freshness: fresh && (s.green || !green) ? 'FRESH' : 'STALE', risk: green ? 'GREEN' : 'RED'}
}
