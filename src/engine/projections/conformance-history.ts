import {spawnSync} from 'node:child_process'
import {ExitCode, SeiError} from '../errors.js'
import {bundleRevisions} from '../history/index.js'
import {FAMILIES} from '../manifest/index.js'

// Every committed revision of the bundle (the history concern's list, the one reconstruct replays),
// with the signature and the manifest committed with it. The extra files are read with a single
// `git cat-file --batch`, so the number of git processes does not grow with the history.

export type BundleRevisionFiles = {
  commit: string
  date: string
  subject: string
  /** The evidence directory of this revision (.sei, .froga or .venth) and the manifest of that family. */
  evidenceDir: string
  manifestFile: string
  bundle?: Buffer
  signature?: Buffer
  manifest?: Buffer
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

function readBatch(root: string, specs: string[]): (Buffer | undefined)[] {
  if (specs.length === 0) return []
  const batch = spawnSync('git', ['cat-file', '--batch'], {cwd: root, input: `${specs.join('\n')}\n`, maxBuffer: 1 << 30})
  try {
    if (batch.error || batch.status !== 0) throw batch.error ?? new Error(batch.stderr.toString('utf8').trim())
    return parseBatch(batch.stdout, specs.length)
  } catch (error) {
    throw new SeiError('GIT_FAILED', `git could not read the bundle revisions: ${(error as Error).message}`, {exit: ExitCode.environment, cause: error})
  }
}

/** The committed bundle revisions, oldest first, each with its own bytes, `.sig` and manifest. */
export async function bundleHistory(root: string): Promise<BundleRevisionFiles[]> {
  const revisions = (await bundleRevisions(root)).map((r) => {
    const family = FAMILIES.find((f) => r.path === `${f.evidenceDir}/bundle.json`) ?? FAMILIES[0]
    return {commit: r.commit.sha, date: r.commit.date, subject: r.commit.subject, evidenceDir: family.evidenceDir, manifestFile: family.manifest}
  })
  const specs = revisions.flatMap((r) => [`${r.commit}:${r.evidenceDir}/bundle.json`, `${r.commit}:${r.evidenceDir}/bundle.json.sig`, `${r.commit}:${r.manifestFile}`])
  const blobs = readBatch(root, specs)
  return revisions.map((r, i) => ({...r, bundle: blobs[i * 3], signature: blobs[i * 3 + 1], manifest: blobs[i * 3 + 2]}))
}

/** The bytes of `path` as committed at HEAD (undefined when absent or there is no commit). */
export function committedAtHead(root: string, path: string): Buffer | undefined {
  const r = spawnSync('git', ['cat-file', '--batch'], {cwd: root, input: `HEAD:${path}\n`, maxBuffer: 1 << 30})
  if (r.error || r.status !== 0) return undefined
  try {
    return parseBatch(r.stdout, 1)[0]
  } catch {
    return undefined
  }
}
