import {gitAsync} from '../git/index.js'
import {actOf} from './acts.js'

/** The act that withdrew the system (`sei retire`): retirement is final (history/approval.ts). */
export type Retirement = {commit: string; by: string; date: string; reason?: string}

// Only commits whose message names the retire trailer are read (git filters them: one process, however
// long the history). Counted as `actsOf` counts acts: an empty, non-merge commit with exactly one governance
// trailer. A signature is not required here even under require_signed_acts: a forged retirement can only
// make the gate red, never green.
const RETIRED = '^(Sei|Froga)-Retired-by:'

/** The latest retirement of the system on HEAD's history, or undefined while it is in service. */
export async function retirement(root: string): Promise<Retirement | undefined> {
  let text: string
  try {
    text = await gitAsync(root, [
      'log',
      '-E',
      '-i',
      `--grep=${RETIRED}`,
      '-z',
      '--name-only',
      '--format=%x1e%H%x1f%P%x1f%aI%x1f%an <%ae>%x1f%cn <%ce>%x1f%B%x1d',
      'HEAD',
    ])
  } catch {
    return undefined // no commit yet: nothing was retired
  }
  for (const record of text.split('\x1e').slice(1)) {
    const [head, files = ''] = record.split('\x1d')
    const [sha, parents, date, author, committer, body] = head.split('\x1f')
    if (parents.split(' ').filter(Boolean).length !== 1 || files.replace(/\0/g, '').trim() !== '') continue
    const act = actOf(body, {sha, date, author, committer})
    if (act?.kind === 'retire' && !act.ambiguous) return {commit: sha, by: act.by, date, reason: act.reason}
  }
  return undefined
}
