import {existsSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import {posix} from 'node:path'
import {ExitCode, SeiError} from '../errors.js'
import {resolveInside} from '../repo/index.js'
import {sha256Hex} from './hash.js'
import type {Digester} from './digester.js'

export type CroissantDigest = {
  /** Repository-relative path of the descriptor. */
  path: string
  /** sha256 hex of the descriptor's bytes (the reference's data_governance input hash). */
  descriptor: string
  /** The parsed descriptor (for the bundle's data_governance extract). */
  json: Record<string, unknown>
  /** Local files of `distribution` (cr:FileObject with a relative contentUrl), in descriptor order. */
  files: {path: string; sha256: string}[]
  /** Remote or pattern-based distribution entries that were not digested (said, not hidden). */
  skipped: string[]
}

/**
 * Digests a Croissant descriptor and the local files its distribution references. A FileObject whose
 * declared `sha256` differs from the file's bytes is a data error (exit 2) naming the file.
 */
export async function digestCroissant(digester: Digester, relPath: string): Promise<CroissantDigest> {
  const abs = resolveInside(digester.root, relPath, 'dataset.croissant')
  let bytes: Buffer
  try {
    bytes = await readFile(abs)
  } catch {
    throw new SeiError('CROISSANT_MISSING', `dataset.croissant "${relPath}" does not exist`, {exit: ExitCode.invalidInput, actions: [`Create the Croissant descriptor ${relPath} or fix dataset.croissant in sei.yaml.`]})
  }
  let json: Record<string, unknown>
  try {
    json = JSON.parse(bytes.toString('utf8'))
  } catch (error) {
    throw new SeiError('CROISSANT_INVALID', `${relPath} is not valid JSON: ${(error as Error).message}`, {exit: ExitCode.invalidInput, where: {file: relPath}})
  }
  const files: CroissantDigest['files'] = []
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
    if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
      skipped.push(url)
      continue
    }
    // contentUrl is relative to the repository root in the reference demos; fall back to the
    // descriptor's own folder (the Croissant convention) when only that exists.
    const fromDescriptor = baseDir === '.' ? url : posix.join(baseDir, url)
    const rel = existsSync(resolveInside(digester.root, url, `${relPath} contentUrl`)) || !existsSync(resolveInside(digester.root, fromDescriptor, `${relPath} contentUrl`)) ? url : fromDescriptor
    const sha256 = await digester.file(rel, `${relPath} contentUrl`)
    const declared = typeof entry.sha256 === 'string' ? entry.sha256.toLowerCase() : undefined
    if (declared && declared !== sha256) {
      throw new SeiError('DATA_DIGEST_MISMATCH', `${rel}: sha256 ${sha256} differs from the ${declared} declared in ${relPath}`, {
        exit: ExitCode.invalidInput,
        where: {file: relPath},
        actions: [`If ${rel} changed on purpose, update its sha256 in ${relPath} (it is the dataset's identity); otherwise restore the file.`],
      })
    }
    files.push({path: rel, sha256})
  }
  return {path: relPath, descriptor: sha256Hex(bytes), json, files, skipped}
}
