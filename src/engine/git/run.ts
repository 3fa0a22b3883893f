import {childProcess} from '../child-process.js'
import {closeSync, mkdtempSync, openSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {ExitCode, SeiError} from '../errors.js'

// Every git process sei starts goes through this file: argument arrays only (never a shell string),
// and one mapping of its failures. git absent → TOOL_MISSING; git that cannot be started for another
// reason → GIT_UNAVAILABLE; git that ran and refused → GIT_FAILED with git's own message.

/** git itself is not installed: an environment failure (exit 3), not "not a repository". */
export function gitMissing(): SeiError {
  return new SeiError('TOOL_MISSING', 'git is not installed or not on PATH', {
    exit: ExitCode.environment,
    actions: ['Install git (sei keeps its evidence and governance acts in git history) or put it on PATH.'],
  })
}

function notStarted(error: Error): SeiError {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return gitMissing()
  return new SeiError('GIT_UNAVAILABLE', `git could not be run: ${error.message}`, {
    exit: ExitCode.environment,
    actions: ['Check that `git --version` runs in this shell (permissions, PATH, free memory), then run sei again.'],
  })
}

function refused(args: readonly string[], message: string): SeiError {
  return new SeiError('GIT_FAILED', `git ${args[0]} failed: ${message.trim()}`, {
    exit: ExitCode.environment,
    actions: ['Run `git status` in the repository: git says above what it needs, then run sei again.'],
  })
}

/** Runs git and returns its stdout; throws a SeiError when git is missing, cannot start or fails. */
export function git(root: string, args: readonly string[], input?: string): string {
  const r = childProcess().spawnSync('git', args, {cwd: root, input, encoding: 'utf8', maxBuffer: 1 << 30})
  if (r.error) throw notStarted(r.error)
  if (r.status !== 0) throw refused(args, r.stderr || r.stdout)
  return r.stdout
}

/**
 * A question to git whose "no" is an answer (no commit yet, a config key unset, not a repository):
 * its trimmed stdout, or undefined when git exits non-zero or prints nothing. git missing still throws.
 */
export function gitAnswer(root: string, args: readonly string[]): string | undefined {
  const r = childProcess().spawnSync('git', args, {cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']})
  if (r.error) throw notStarted(r.error)
  if (r.status !== 0) return undefined
  return r.stdout.trim() || undefined
}

/** git asynchronously (so independent reads run side by side); its stdout through a file (outputFile). */
export function gitAsync(root: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const out = outputFile()
    const child = childProcess().spawn('git', args, {cwd: root, stdio: ['ignore', out.fd, 'pipe']})
    const err: Buffer[] = []
    child.stderr!.on('data', (d: Buffer) => err.push(d))
    child.on('error', (e) => {
      out.done()
      reject(notStarted(e))
    })
    child.on('close', (code) => {
      try {
        if (code === 0) resolve(out.read().toString('utf8'))
        else reject(refused(args, Buffer.concat(err).toString('utf8')))
      } finally {
        out.done()
      }
    })
  })
}

/**
 * Reads many blobs with ONE `git cat-file --batch` process (history length must not multiply git
 * processes). Keys are object names git understands (a blob id, or `<commit>:<path>`); a missing object
 * maps to undefined.
 */
export function readBlobs(root: string, specs: string[]): Map<string, Buffer | undefined> {
  const out = new Map<string, Buffer | undefined>()
  if (specs.length === 0) return out
  const file = outputFile()
  let buf: Buffer
  try {
    const args = ['cat-file', '--batch', '--buffer']
    const r = childProcess().spawnSync('git', args, {
      cwd: root,
      input: `${specs.join('\n')}\n`,
      stdio: ['pipe', file.fd, 'pipe'],
      maxBuffer: 1 << 30,
    })
    if (r.error) throw notStarted(r.error)
    if (r.status !== 0) throw refused(args, r.stderr.toString())
    buf = file.read()
  } finally {
    file.done()
  }
  let pos = 0
  for (const spec of specs) {
    const nl = buf.indexOf(10, pos)
    const header = buf.subarray(pos, nl).toString('utf8')
    pos = nl + 1
    if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
      out.set(spec, undefined)
      continue
    }
    const size = Number(header.split(' ')[2])
    out.set(spec, buf.subarray(pos, pos + size))
    pos += size + 1
  }
  return out
}

/**
 * A private temporary file for a git process's output, removed by `done`. Long histories come out of
 * git in megabytes: through a pipe (64 KiB at a time, git and Node taking turns) reading them took
 * 40–90 ms more than the same log written to a file and read once (bench/reconstruct.js, 20,000 commits).
 */
function outputFile(): {fd: number; read(): Buffer; done(): void} {
  const dir = mkdtempSync(join(tmpdir(), 'sei-git-'))
  const path = join(dir, 'out')
  const fd = openSync(path, 'w', 0o600)
  let open = true
  const close = () => {
    if (open) closeSync(fd)
    open = false
  }
  return {
    fd,
    read() {
      close()
      return readFileSync(path)
    },
    done() {
      close()
      rmSync(dir, {recursive: true, force: true})
    },
  }
}
