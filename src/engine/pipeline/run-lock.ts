import {closeSync, openSync, readFileSync, unlinkSync, writeSync} from 'node:fs'
import {join} from 'node:path'
import {ExitCode, SeiError} from '../errors.js'
import {gitDirOf} from '../repo/index.js'

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The pid of a live `sei run` holding the repository's run lock, if any. */
export function liveRunHolder(root: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(join(gitDirOf(root), 'sei-run.lock'), 'utf8'), 10)
    return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : undefined
  } catch {
    return undefined
  }
}

/**
 * One `sei run` per repository: an O_EXCL file in the git dir (never committed) holding the pid.
 * A lock left by a dead process (kill -9) is taken over; a live one is a clear error.
 */
export function acquireRunLock(root: string): () => void {
  const path = join(gitDirOf(root), 'sei-run.lock')
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o644)
      writeSync(fd, `${process.pid}\n`)
      closeSync(fd)
      return () => {
        try {
          if (readFileSync(path, 'utf8').trim() === String(process.pid)) unlinkSync(path)
        } catch {
          // already gone
        }
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      let pid = Number.NaN
      try {
        pid = Number.parseInt(readFileSync(path, 'utf8'), 10)
      } catch {
        continue // removed meanwhile: retry
      }
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
        throw new SeiError('RUN_IN_PROGRESS', `another sei run (pid ${pid}) is running on this repository`, {exit: ExitCode.environment, actions: ['Wait for it to finish, then run again.', `If no sei run is running, remove ${path}.`]})
      }
      // Stale (dead pid or half-written): take it over.
      try {
        unlinkSync(path)
      } catch {
        // someone else took it over first; retry decides
      }
    }
  }
  throw new SeiError('RUN_LOCK_BUSY', `could not take ${path}`, {exit: ExitCode.environment, actions: ['Retry in a moment.']})
}
