export type GateVerdict = 'GREEN' | 'RED'

/** Whether a control result, as any bundle revision records it, blocks the risk gate (enforcement: gate). */
export const blocksGate = (result: {enforcement_mode?: string}): boolean => result.enforcement_mode === 'block'

/** DESIGN §5: the gate is RED when any blocking control fails; a control without a value is recorded as failing. */
export function gateVerdict(controls: readonly {blocking: boolean; passed: boolean}[]): GateVerdict {
  return controls.some((c) => c.blocking && !c.passed) ? 'RED' : 'GREEN'
}

/** The verdict a bundle's own control results give, as signed. */
export function recordedGate(results: readonly {enforcement_mode?: string; passed?: boolean}[]): GateVerdict {
  return gateVerdict(results.map((r) => ({blocking: blocksGate(r), passed: Boolean(r.passed)})))
}
