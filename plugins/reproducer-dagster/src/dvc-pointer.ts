import {readFileSync} from 'node:fs'
import {join, posix} from 'node:path'
import type {RecordedHash} from '@sei/sdk'

/**
 * The md5 DVC records for `path` in its `<path>.dvc` pointer (`dvc add`), read without running DVC;
 * undefined when there is no pointer or it records no md5 for that path. Works whether or not the data
 * itself is in the workspace (a CI checkout without `dvc pull`).
 */
export async function dvcPointerHash(root: string, path: string): Promise<RecordedHash | undefined> {
  const source = `${path}.dvc`
  let text: string
  try {
    text = readFileSync(join(root, source), 'utf8')
  } catch {
    return undefined
  }
  const {parse} = await import('yaml')
  let doc: {outs?: {path?: unknown; md5?: unknown}[]}
  try {
    // failsafe: every scalar a string, so an md5 of digits only never becomes a number (as the DVC plugin reads it)
    doc = parse(text, {schema: 'failsafe'}) ?? {}
  } catch {
    return undefined
  }
  const outs = Array.isArray(doc.outs) ? doc.outs : []
  const out = outs.find((o) => o && typeof o.path === 'string' && posix.normalize(o.path) === posix.basename(path))
  return typeof out?.md5 === 'string' ? {algorithm: 'md5', value: out.md5, source} : undefined
}
