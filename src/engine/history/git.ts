import {spawn, spawnSync} from 'node:child_process'
import {closeSync, mkdtempSync, openSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {ExitCode, SeiError} from '../errors.js'

/** Runs git with an argument array (never a shell string); throws a SeiError with git's message. */
export function git(root: string, args: string[], input?: string): string {
  const r = spawnSync('git', args, {cwd: root, input, encoding: 'utf8', maxBuffer: 1 << 30})
  if (r.error)
    throw new SeiError('GIT_UNAVAILABLE', `git could not be run: ${r.error.message}`, {
      actions: ['Install git (2.30 or newer) and make sure it is on PATH.'],
    })
  if (r.status !== 0)
    throw new SeiError('GIT_FAILED', `git ${args[0]} failed: ${(r.stderr || r.stdout).trim()}`, {
      actions: ["Check the repository with `git status` and `git fsck`; git's own message above says what failed."],
    })
  return r.stdout
}

/**
 * Reads many blobs with ONE `git cat-file --batch` process (history length must not multiply git
 * processes). Keys are object names git understands (a blob id, or `<commit>:<path>`); a missing object maps to undefined.
 */
export function readBlobs(root: string, specs: string[]): Map<string, Buffer | undefined> {
  const out = new Map<string, Buffer | undefined>()
  if (specs.length === 0) return out
  const file = outputFile()
  let buf: Buffer
  try {
    const r = spawnSync('git', ['cat-file', '--batch', '--buffer'], {
      cwd: root,
      input: `${specs.join('\n')}\n`,
      stdio: ['pipe', file.fd, 'pipe'],
      maxBuffer: 1 << 30,
    })
    if (r.status !== 0)
      throw new SeiError('GIT_FAILED', `git cat-file failed: ${r.stderr.toString().trim()}`, {
        actions: ["Check the repository with `git status` and `git fsck`; git's own message above says what failed."],
      })
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

/** git with an argument array, asynchronously (so independent reads run side by side). */
export function gitAsync(root: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const out = outputFile()
    const child = spawn('git', args, {cwd: root, stdio: ['ignore', out.fd, 'pipe']})
    const err: Buffer[] = []
    child.stderr!.on('data', (d: Buffer) => err.push(d))
    child.on('error', (e) => {
      out.done()
      reject(
        new SeiError('GIT_UNAVAILABLE', `git could not be run: ${e.message}`, {
          actions: ['Install git (2.30 or newer) and make sure it is on PATH.'],
        }),
      )
    })
    child.on('close', (code) => {
      try {
        if (code === 0) resolve(out.read().toString('utf8'))
        else
          reject(
            new SeiError('GIT_FAILED', `git ${args[0]} failed: ${Buffer.concat(err).toString('utf8').trim()}`, {
              actions: [
                "Check the repository with `git status` and `git fsck`; git's own message above says what failed.",
              ],
            }),
          )
      } finally {
        out.done()
      }
    })
  })
}

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
