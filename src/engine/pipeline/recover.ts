import {closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync} from 'node:fs'
import {join} from 'node:path'
import {gitDirOf} from '../repo/index.js'

// The files one run anchors, in the order they are moved into place: the lock last.
export const ORDER = ['bundle.json', 'bundle.json.sig', 'PUBKEY.txt'] as const

export function stagingDir(root: string): string {
  return join(gitDirOf(root), 'sei-pending')
}

function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch {
    // some file systems refuse fsync on directories; rename is still atomic there
  }
}

export type Plan = {moves: {from: string; to: string}[]}

export function applyMoves(plan: Plan): void {
  for (const m of plan.moves) {
    if (existsSync(m.from)) renameSync(m.from, m.to)
    fsyncDir(join(m.to, '..'))
  }
}

/**
 * Finishes or discards an interrupted evidence write. A run stages every file in the git dir
 * (never committed), then writes COMMIT (atomically) listing the moves, then renames each into
 * place, lock last. A crash before COMMIT leaves the previous state (staging is discarded); a crash
 * after it is rolled forward here, so the tree is always the previous or the new consistent state.
 */
export function recoverPendingWrite(root: string): 'none' | 'rolled-forward' | 'discarded' {
  let dir: string
  try {
    dir = stagingDir(root)
  } catch {
    return 'none'
  }
  if (!existsSync(dir)) return 'none'
  const commit = join(dir, 'COMMIT')
  if (existsSync(commit)) {
    try {
      applyMoves(JSON.parse(readFileSync(commit, 'utf8')) as Plan)
      rmSync(dir, {recursive: true, force: true})
      return 'rolled-forward'
    } catch {
      // a torn COMMIT cannot exist (atomic write), but never destroy evidence on doubt
      return 'none'
    }
  }
  rmSync(dir, {recursive: true, force: true})
  return 'discarded'
}

