import {existsSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import {posix} from 'node:path'
import {ExitCode, SeiError} from '../errors.js'
import {resolveInside} from '../repo/index.js'
import {sha256Hex} from './hash.js'

/** A file of the dataset's `distribution`: local (repository-relative) or remote (a URL pinned by sha256). */
export type CroissantFile = {path: string; remote: boolean; declared?: string}

export type CroissantDescriptor = {
  /** Repository-relative path of the descriptor. */
  path: string
  /** sha256 hex of the descriptor's bytes (the reference's data_governance input hash). */
  descriptor: string
  /** The parsed descriptor (for the bundle's data_governance extract). */
  json: Record<string, unknown>
  /** cr:FileObject entries with a contentUrl, in descriptor order. */
  files: CroissantFile[]
  /** Pattern-based distribution entries (FileSet) that are not digested (said, not hidden). */
  skipped: string[]
}

/** The dataset's digest as the triple records it: what the lock's measurement-data hashes. */
export type CroissantDigest = CroissantDescriptor & {digests: {path: string; sha256: string}[]}

/** `file:line:col` of the n-th occurrence of a JSON string value in the descriptor's text. */
function locate(text: string, relPath: string, value: string): {file: string; line: number; col: number} {
  const at = Math.max(0, text.indexOf(JSON.stringify(value).slice(1, -1)))
  const before = text.slice(0, at).split('\n')
  return {file: relPath, line: before.length, col: before.at(-1)!.length}
}

/**
 * Reads a Croissant descriptor and lists the files its distribution references. A remote contentUrl
 * (`http(s)://`, `file://`, …) is only acceptable with a declared sha256, which then pins it: sei never
 * downloads data, and an unpinned remote file would leave the dataset unchecked.
 */
export async function readCroissant(root: string, relPath: string): Promise<CroissantDescriptor> {
  const abs = resolveInside(root, relPath, 'dataset.croissant')
  let bytes: Buffer
  try {
    bytes = await readFile(abs)
  } catch {
    throw new SeiError('CROISSANT_MISSING', `dataset.croissant "${relPath}" does not exist`, {
      exit: ExitCode.invalidInput,
      actions: [`Create the Croissant descriptor ${relPath} or fix dataset.croissant in sei.yaml.`],
    })
  }
  const text = bytes.toString('utf8')
  let json: Record<string, unknown>
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new SeiError('CROISSANT_INVALID', `${relPath} is not valid JSON: ${(error as Error).message}`, {
      where: {file: relPath},
      actions: [
        `Fix the JSON of ${relPath} (a Croissant descriptor), or point dataset.croissant in sei.yaml at a valid one.`,
      ],
    })
  }
  const files: CroissantFile[] = []
  const skipped: string[] = []
  const dist = Array.isArray(json.distribution) ? json.distribution : []
  const baseDir = posix.dirname(relPath.split('\\').join('/'))
  for (const entry of dist as Record<string, unknown>[]) {
    const type = String(entry['@type'] ?? '')
    const url = typeof entry.contentUrl === 'string' ? entry.contentUrl : undefined
    const id = String(entry['@id'] ?? entry.name ?? url ?? '?')
    if (!type.endsWith('FileObject') || !url) {
      skipped.push(id)
      continue
    }
    const declared = typeof entry.sha256 === 'string' ? entry.sha256.toLowerCase() : undefined
    if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
      if (!declared) {
        throw new SeiError('CROISSANT_REMOTE_UNPINNED', `${relPath}: the remote contentUrl ${url} has no sha256`, {
          exit: ExitCode.invalidInput,
          where: locate(text, relPath, url),
          actions: [
            `Declare the file's sha256 beside its contentUrl in ${relPath} (\`sha256sum\` of the file): ` +
              'sei pins remote data by it and never downloads it.',
          ],
        })
      }
      files.push({path: url, remote: true, declared})
      continue
    }
    // contentUrl is relative to the repository root in the reference demos; fall back to the
    // descriptor's own folder (the Croissant convention) when only that exists.
    const fromDescriptor = baseDir === '.' ? url : posix.join(baseDir, url)
    const rel =
      existsSync(resolveInside(root, url, `${relPath} contentUrl`)) ||
      !existsSync(resolveInside(root, fromDescriptor, `${relPath} contentUrl`))
        ? url
        : fromDescriptor
    files.push({path: rel, remote: false, declared})
  }
  return {path: relPath, descriptor: sha256Hex(bytes), json, files, skipped}
}

/**
 * The triple's dataset id (reference rule): the descriptor digest when it declares every file's
 * sha256 (it then pins the data), otherwise the digest of the descriptor and file digests together.
 */
export function datasetId(c: CroissantDigest): string {
  const undeclared = c.files.some((f) => !f.declared)
  return c.files.length > 0 && undeclared
    ? `sha256:${sha256Hex(`${c.descriptor}  ${c.path}\n${c.digests.map((f) => `${f.sha256}  ${f.path}\n`).join('')}`)}`
    : `sha256:${c.descriptor}`
}
