import {escapeText, SHALLOW_SENTENCE, type VerifyRun} from '../../engine/history/index.js'
import {renderRotation, renderVerification} from './verification.js'

export function renderVerifyRun(r: VerifyRun): string[] {
  const lines = renderVerification(r)
  for (const rotation of r.rotations ?? []) lines.push(renderRotation(rotation, escapeText))
  if (r.history_shallow) lines.push(`note: ${SHALLOW_SENTENCE}; key rotations before the cut are not listed`)
  return lines
}
