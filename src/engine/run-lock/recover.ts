import {closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync} from 'node:fs'
import {isAbsolute, join} from 'node:path'
import {ExitCode, SeiError} from '../errors.js'
import {gitDirOf, repoFile} from '../repo/index.js'
import {tryRunLock} from './run-lock.js'

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

/**
 * One evidence write set: each staged file (a name in the staging dir) and where it goes (a
 * repository-relative path). Any number of files; the lock is the last move. Older plans named
 * absolute `from`/`to` paths: still applied.
 */
export type Plan = {moves: {staged?: string; to: string; from?: string}[]}

export function applyMoves(root: string, plan: Plan): void {
  const stage = stagingDir(root)
  for (const m of plan.moves) {
    const from = m.from ?? join(stage, m.staged!)
    // Through the resolver again: an evidence directory swapped for a symlink meanwhile is refused.
    const to = isAbsolute(m.to) ? m.to : repoFile(root, m.to)
    if (existsSync(from)) renameSync(from, to)
    fsyncDir(join(to, '..'))
  }
}

export type PendingOutcome = 'none' | 'rolled-forward' | 'discarded'

/**
 * Finishes or discards an interrupted evidence write; the caller holds the run lock. A run stages
 * every file in the git dir (never committed), then writes COMMIT (atomically) listing the moves,
 * then renames each into place, lock last. A crash before COMMIT leaves the previous state (staging is
 * discarded); a crash after it is rolled forward here, so the tree is always the previous or the new
 * consistent state.
 */
export function recoverPendingWrite(root: string): PendingOutcome {
  let dir: string
  try {
    dir = stagingDir(root)
  } catch {
    return 'none'
  }
  if (!existsSync(dir)) return 'none'
  const commit = join(dir, 'COMMIT')
  if (existsSync(commit)) {
    applyMoves(root, JSON.parse(readFileSync(commit, 'utf8')) as Plan)
    rmSync(dir, {recursive: true, force: true})
    return 'rolled-forward'
  }
  rmSync(dir, {recursive: true, force: true})
  return 'discarded'
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)

function interrupted(cause?: unknown): SeiError {
  const what = 'the last `sei run` was stopped while it moved its evidence into place, and it cannot be completed here'
  return new SeiError('WRITE_INTERRUPTED', `interrupted write: ${what}; run \`sei run\` again`, {
    exit: ExitCode.environment,
    cause,
    actions: ['Run `sei run` again (in a writable checkout): it completes the interrupted write first.'],
  })
}

/**
 * What verify and status call before they read the evidence: a write a killed run left behind is
 * completed here (under the run lock), and a write a live run is doing right now is waited for (its
 * renames take milliseconds), so neither ever reads a new bundle beside an old signature. Costs one
 * existsSync when nothing is pending. Throws WRITE_INTERRUPTED when the write cannot be completed.
 */
export function settlePendingWrite(root: string, options: {holdsRunLock?: boolean} = {}): PendingOutcome {
  let dir: string
  try {
    dir = stagingDir(root)
  } catch {
    return 'none'
  }
  const deadline = Date.now() + 10_000
  while (existsSync(dir)) {
    const release = options.holdsRunLock ? () => {} : tryRunLock(root)
    if (release) {
      try {
        return recoverPendingWrite(root)
      } catch (error) {
        throw interrupted(error)
      } finally {
        release()
      }
    }
    // A live run holds the lock. Before its COMMIT the files on disk are still the previous consistent
    // state; after it, the run is renaming: wait for it to finish.
    if (!existsSync(join(dir, 'COMMIT'))) return 'none'
    if (Date.now() > deadline) throw interrupted()
    sleep(20)
  }
  return 'none'
}
