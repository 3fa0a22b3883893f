import {childProcess} from '../child-process.js'
import {closeSync, existsSync, ftruncateSync, openSync, readFileSync, unlinkSync, writeSync} from 'node:fs'
import {join} from 'node:path'
import {ExitCode, SeiError} from '../errors.js'
import {gitDirOf} from '../repo/index.js'

// One `sei run` per repository, with flock(2) semantics: the kernel drops the lock the moment its
// holder dies (kill -9 included, and before a zombie is reaped), so no pid probe can mistake a dead or
// zombie holder for a live one, nor a recycled pid for the holder. Node has no flock() without a native
// addon; util-linux's flock(1) takes it on an open file description that sei opened and passes as fd 3:
// the lock belongs to that description, so it stays with sei after flock(1) exits and goes with sei's
// last close of it (its own exit). sei opens files close-on-exec, so pipeline tools never inherit it.
// Where flock(1) is missing (macOS), an O_EXCL pid file with a liveness probe that knows zombies is
// the fallback.

const BUSY = 75

type Probe = 'held' | 'busy' | 'unavailable'

function flockFd(fd: number): Probe {
  const argv = ['--nonblock', '--exclusive', '--conflict-exit-code', String(BUSY), '3']
  const r = childProcess().spawnSync('flock', argv, {stdio: ['ignore', 'ignore', 'ignore', fd]})
  if (r.error || (r.status !== 0 && r.status !== BUSY)) return 'unavailable'
  return r.status === 0 ? 'held' : 'busy'
}

const lockPath = (root: string) => join(gitDirOf(root), 'sei-run.lock')
const pidPath = (root: string) => join(gitDirOf(root), 'sei-run.pid')

function holderPid(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10)
    return Number.isInteger(pid) && pid > 0 ? pid : undefined
  } catch {
    return undefined
  }
}

/** A process that exists and has not exited: a zombie (state Z in /proc) is dead, whatever kill(0) says. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return !/^\d+ \(.*\) [ZX]/s.test(stat)
  } catch {
    return true // no /proc: kill(0) is all there is
  }
}

function busy(pid: number | undefined, path: string): SeiError {
  return new SeiError('RUN_IN_PROGRESS', `another sei run${pid ? ` (pid ${pid})` : ''} is running on this repository`, {
    exit: ExitCode.environment,
    actions: ['Wait for it to finish, then run again.', `The lock (${path}) frees itself when that process ends.`],
  })
}

/** Takes the run lock without waiting; undefined when a live run holds it. Returns the release. */
export function tryRunLock(root: string): (() => void) | undefined {
  const path = lockPath(root)
  let fd: number
  try {
    fd = openSync(path, 'a+', 0o644)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new SeiError('RUN_LOCK_UNAVAILABLE', `cannot open the run lock ${path} (${code})`, {
      exit: ExitCode.environment,
      cause: error,
      actions: ['sei needs to write in the git dir (.git/): check its permissions.'],
    })
  }
  const probe = flockFd(fd)
  if (probe === 'held') {
    ftruncateSync(fd, 0)
    writeSync(fd, `${process.pid}\n`, 0)
    let open = true
    return () => {
      if (open) closeSync(fd)
      open = false
    }
  }
  closeSync(fd)
  return probe === 'busy' ? undefined : tryPidLock(root)
}

function tryPidLock(root: string): (() => void) | undefined {
  const path = pidPath(root)
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o644)
      writeSync(fd, `${process.pid}\n`)
      closeSync(fd)
      return () => {
        if (holderPid(path) === process.pid) unlinkSync(path)
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const pid = holderPid(path)
      if (pid !== undefined && alive(pid)) return undefined
      try {
        unlinkSync(path) // left by a dead process (or half-written): take it over
      } catch {
        // someone else took it over first; the next attempt decides
      }
    }
  }
  return undefined
}

/** The run lock, or RUN_IN_PROGRESS (exit 3) naming the live holder. */
export function acquireRunLock(root: string): () => void {
  const release = tryRunLock(root)
  if (release) return release
  const path = existsSync(pidPath(root)) ? pidPath(root) : lockPath(root)
  throw busy(holderPid(path), path)
}
