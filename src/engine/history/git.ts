import {ExitCode, SeiError} from '../errors.js'
import {git, gitAsync, readBlobs} from '../git/index.js'

/** The bytes of `path` as committed at HEAD (undefined when absent or there is no commit). */
export function fileAtHead(root: string, path: string): Buffer | undefined {
  try {
    return readBlobs(root, [`HEAD:${path}`]).get(`HEAD:${path}`)
  } catch {
    return undefined
  }
}

/** True in a shallow clone (git clone --depth N): the history before the cut is not there to read. */
export async function isShallow(root: string): Promise<boolean> {
  try {
    return (await gitAsync(root, ['rev-parse', '--is-shallow-repository'])).trim() === 'true'
  } catch {
    return false
  }
}

/** What a shallow history makes sei say (never a guess such as "no approval"). */
export const SHALLOW_SENTENCE = 'history is shallow: run git fetch --unshallow (or clone with fetch-depth: 0)'

/** Exit 1 with the sentence: this answer needs the whole history. */
export function shallowError(): SeiError {
  return new SeiError('HISTORY_SHALLOW', SHALLOW_SENTENCE, {
    exit: ExitCode.failed,
    actions: [
      'In CI: actions/checkout with `fetch-depth: 0` (GitLab: GIT_DEPTH: 0); locally: `git fetch --unshallow`.',
    ],
  })
}

/**
 * The commit signatures git verifies (%G? and the signer %GS), read by git itself with its own
 * configuration (gpg, or ssh through gpg.ssh.allowedSignersFile), in one process for all `shas`.
 */
export function readSignatures(root: string, shas: string[]): Map<string, {status: string; signer?: string}> {
  const out = new Map<string, {status: string; signer?: string}>()
  if (shas.length === 0) return out
  const text = git(
    root,
    ['log', '--no-walk=unsorted', '--stdin', '--format=%x1e%H%x1f%G?%x1f%GS'],
    `${shas.join('\n')}\n`,
  )
  for (const record of text.split('\x1e')) {
    const [sha, status, signer] = record.replace(/\n$/, '').split('\x1f')
    if (sha && status) out.set(sha, signer ? {status, signer} : {status})
  }
  return out
}
