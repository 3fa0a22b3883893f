import {type EvidenceVerification, verifyEvidence} from '../evidence/index.js'
import {isShallow} from './git.js'
import {type KeyRotation, keyRotations} from './keys.js'

export type VerifyRun = EvidenceVerification & {
  /** With --all: every change of PUBKEY.txt in the history (a key rotation), oldest first. */
  rotations?: KeyRotation[]
  /** With --all in a shallow clone: the rotations before the cut are unknown. */
  history_shallow?: boolean
}

/** `sei verify`: the signatures against the trust root and, with `all`, the key rotations of the history. */
export async function verifyRun(
  root: string,
  options: {keys?: readonly string[]; all?: boolean; env?: Record<string, string | undefined>},
): Promise<VerifyRun> {
  const result: VerifyRun = await verifyEvidence(root, options)
  if (!options.all) return result
  const [rotations, shallow] = await Promise.all([keyRotations(root), isShallow(root)])
  result.rotations = rotations
  if (shallow) result.history_shallow = true
  return result
}
