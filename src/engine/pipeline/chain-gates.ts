import {failingLines, freshnessProblems} from './render.js'
import type {StatusResult} from './status.js'

/**
 * The two gates a conformance claim stands on (reference/002): the evidence describes the system as it
 * is (freshness) and every blocking control passes (risk). Either red blocks the claim, with its reasons.
 */
export type ChainGates = {freshness: 'FRESH' | 'STALE'; risk: 'GREEN' | 'RED' | 'UNKNOWN'; blocking: string[]}

export function chainGates(s: StatusResult): ChainGates {
  const signatureValid = s.signature?.valid ?? false
  const noEvidence = s.neverRun || !s.signature
  const freshProblems = freshnessProblems(s)
  const fresh = s.fresh && signatureValid && s.evidence.length === 0 && !s.neverRun
  const green = !noEvidence && s.failing.length === 0
  const blocking = [
    ...(s.signature && !signatureValid ? ['the evidence signature does not verify (firma INVÁLIDA)'] : []),
    ...(noEvidence ? ['no evidence yet: run `sei run`'] : []),
    ...(fresh ? [] : freshProblems),
    ...failingLines(s),
  ]
  // status's own verdict has the last word: whatever makes it red blocks the claim.
  if (!s.green && fresh && green) return {freshness: 'STALE', risk: 'GREEN', blocking: [...blocking, ...freshProblems]}
  return {freshness: fresh ? 'FRESH' : 'STALE', risk: green ? 'GREEN' : 'RED', blocking}
}
