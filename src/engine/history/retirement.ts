import type {SeiError} from '../errors.js'
import {gitAsync} from '../git/index.js'
import {historyIdentity} from '../repo/index.js'
import {actOf} from './acts.js'
import {cachedAnswer, rememberAnswer} from './head-cache.js'

/** The act that withdrew the system (`sei retire`): retirement is final (history/approval.ts). */
export type Retirement = {commit: string; by: string; date: string; reason?: string}

// Only commits whose message names the retire trailer are read (git filters them: one process, however
// long the history). Counted as `actsOf` counts acts: an empty, non-merge commit with exactly one governance
// trailer. A signature is not required here even under require_signed_acts: a forged retirement can only
// make the gate red, never green.
const RETIRED = '^(Sei|Froga)-Retired-by:'

/**
 * The latest retirement of the system on HEAD's history, or undefined while it is in service. With a
 * cache dir, the answer is kept per HEAD commit (head-cache.ts): an unchanged repository starts no git.
 */
export async function retirement(root: string, options: {cacheDir?: string} = {}): Promise<Retirement | undefined> {
  const id = options.cacheDir ? historyIdentity(root) : undefined
  if (!id || !options.cacheDir) return retirementAt(root, 'HEAD')
  const hit = cachedAnswer(options.cacheDir, 'retirement', id)
  if (hit && isRetirement(hit.value)) return hit.value ?? undefined
  // the commit id read, not HEAD: a commit made meanwhile cannot be stored under the id read before it
  const answer = await retirementAt(root, id.oid)
  rememberAnswer(options.cacheDir, 'retirement', id, answer ?? null)
  return answer
}

async function retirementAt(root: string, rev: string): Promise<Retirement | undefined> {
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
      rev,
      '--',
    ])
  } catch (e) {
    // git ran and refused: no commit yet, nothing was retired. git missing or not startable is no answer.
    if ((e as SeiError).code === 'GIT_FAILED') return undefined
    throw e
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

/** A cached value of the Retirement type, or null for "in service"; anything else is a miss. */
function isRetirement(v: unknown): v is Retirement | null {
  if (v === null) return true
  if (typeof v !== 'object' || Array.isArray(v)) return false
  const r = v as Record<string, unknown>
  const keys = Object.keys(r).filter((k) => !['commit', 'by', 'date', 'reason'].includes(k))
  return (
    keys.length === 0 &&
    typeof r.commit === 'string' &&
    typeof r.by === 'string' &&
    typeof r.date === 'string' &&
    (r.reason === undefined || typeof r.reason === 'string')
  )
}
