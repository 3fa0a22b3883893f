import {FAMILIES} from '../manifest/index.js'
import {gitAsync, readBlobs} from '../git/index.js'

// A change of PUBKEY.txt across the history is a key rotation (DESIGN §7): PUBKEY.txt travels with
// the evidence, so whoever can commit can replace it; the history says when, by whom, from what to what.

export const PUBKEY_PATHS = FAMILIES.map((f) => `${f.evidenceDir}/PUBKEY.txt`)

export type KeyRotation = {commit: string; date: string; author: string; path: string; old: string; new: string}
export type KeyRevision = {commit: {sha: string; date: string; author: string}; path: string; text?: string}

const normal = (text: string | undefined) => text?.trim().toLowerCase()

/** Every change from one key to another (a first key, or a deletion, is no rotation), oldest first. */
export function rotationsOf(revisions: KeyRevision[]): KeyRotation[] {
  const out: KeyRotation[] = []
  let last: string | undefined
  for (const r of revisions) {
    const key = normal(r.text)
    if (!key) continue
    if (last !== undefined && key !== last)
      out.push({commit: r.commit.sha, date: r.commit.date, author: r.commit.author, path: r.path, old: last, new: key})
    last = key
  }
  return out
}

/** The key rotations of the history reachable from HEAD (none in a repository without commits). */
export async function keyRotations(root: string): Promise<KeyRotation[]> {
  let log: string
  try {
    log = await gitAsync(root, [
      'log',
      '--reverse',
      '--topo-order',
      '-z',
      '--no-renames',
      '--raw',
      '--no-abbrev',
      '--format=%x1e%H%x1f%aI%x1f%an <%ae>',
      'HEAD',
      '--',
      ...PUBKEY_PATHS,
    ])
  } catch {
    return [] // unborn HEAD: no history, no rotation
  }
  const changes: {commit: KeyRevision['commit']; path: string; blob: string}[] = []
  for (const record of log.split('\x1e')) {
    const [head, ...rest] = record
      .split('\0')
      .map((t) => t.replace(/^\n/, ''))
      .filter((t) => t !== '')
    if (!head) continue
    const [sha, date, author] = head.split('\x1f')
    for (let i = 0; i + 1 < rest.length; i += 2)
      changes.push({commit: {sha, date, author}, path: rest[i + 1], blob: rest[i].split(' ')[3]})
  }
  const blobs = readBlobs(root, [...new Set(changes.map((c) => c.blob).filter((b) => !/^0+$/.test(b)))])
  return rotationsOf(
    changes.map((c) => ({commit: c.commit, path: c.path, text: blobs.get(c.blob)?.toString('latin1')})),
  )
}
