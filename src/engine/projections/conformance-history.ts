import {execFileSync, spawnSync} from 'node:child_process'
import {ExitCode, SeiError} from '../errors.js'

// Every committed revision of the bundle, with the manifest and signature of the same commit, read
// with two git processes whatever the length of the history: one `git log`, one `git cat-file --batch`.

export type BundleRevision = {
  commit: string
  date: string
  subject: string
  bundle?: Buffer
  signature?: Buffer
  manifest?: Buffer
}

const MAX_REVISIONS = 10_000

function gitError(what: string, error: unknown): SeiError {
  return new SeiError('GIT_FAILED', `git could not ${what}: ${(error as Error).message}`, {exit: ExitCode.environment, cause: error})
}

/** Parses `git cat-file --batch` output: one blob (or undefined when missing) per request line. */
function parseBatch(out: Buffer, count: number): (Buffer | undefined)[] {
  const blobs: (Buffer | undefined)[] = []
  let at = 0
  for (let i = 0; i < count; i++) {
    const eol = out.indexOf(0x0a, at)
    if (eol < 0) throw new Error('truncated git cat-file output')
    const header = out.subarray(at, eol).toString('utf8')
    at = eol + 1
    if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
      blobs.push(undefined)
      continue
    }
    const size = Number(header.split(' ')[2])
    if (!Number.isInteger(size)) throw new Error(`unexpected git cat-file header: ${header}`)
    blobs.push(out.subarray(at, at + size))
    at += size + 1
  }
  return blobs
}

/**
 * The commits that changed `<evidenceDir>/bundle.json`, oldest first, each with the bundle, its
 * `.sig` and the manifest as committed there (undefined when absent, e.g. the bundle was deleted).
 */
export function bundleHistory(root: string, evidenceDir: string, manifestFile: string): BundleRevision[] {
  const bundlePath = `${evidenceDir}/bundle.json`
  let log: string
  try {
    log = execFileSync('git', ['log', '--reverse', `--max-count=${MAX_REVISIONS}`, '--format=%H%x1f%cI%x1f%s', '--', bundlePath], {cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20})
  } catch (error) {
    const stderr = String((error as {stderr?: unknown}).stderr ?? '')
    // A repository without commits has no history: nothing to project.
    if (/does not have any commits|bad default revision|unknown revision/.test(stderr)) return []
    throw gitError('list the bundle history', error)
  }
  const revisions: BundleRevision[] = log.split('\n').filter(Boolean).map((line) => {
    const [commit, date, subject] = line.split('\x1f')
    return {commit, date, subject: subject ?? ''}
  })
  if (revisions.length === 0) return []
  const paths = [bundlePath, `${bundlePath}.sig`, manifestFile]
  const requests = revisions.flatMap((r) => paths.map((p) => `${r.commit}:${p}`))
  const batch = spawnSync('git', ['cat-file', '--batch'], {cwd: root, input: `${requests.join('\n')}\n`, maxBuffer: 1 << 30})
  if (batch.error || batch.status !== 0) throw gitError('read the bundle revisions', batch.error ?? new Error(batch.stderr.toString('utf8')))
  let blobs: (Buffer | undefined)[]
  try {
    blobs = parseBatch(batch.stdout, requests.length)
  } catch (error) {
    throw gitError('read the bundle revisions', error)
  }
  revisions.forEach((r, i) => {
    ;[r.bundle, r.signature, r.manifest] = blobs.slice(i * 3, i * 3 + 3)
  })
  return revisions
}
