import {readFile} from 'node:fs/promises'
import {join, posix} from 'node:path'
import type {RecordedHash} from './reproducer.js'

/**
 * The md5 DVC records for `path` (repository-relative) in its `<path>.dvc` pointer (`dvc add`, or
 * `dvc import`: a frozen import stage), read without running DVC; undefined when there is no pointer or it
 * records no md5 for that path. Works whether or not the data itself is in the workspace (a CI checkout
 * without `dvc pull`). A pointer that is not YAML is an error, as it is for DVC.
 */
export async function dvcPointerHash(root: string, path: string): Promise<RecordedHash | undefined> {
  const rel = posix.normalize(path)
  const source = `${rel}.dvc`
  let text: string
  try {
    text = await readFile(join(root, source), 'utf8')
  } catch {
    return undefined
  }
  const {parse} = await import('yaml')
  let doc: unknown
  try {
    // failsafe: every scalar a string, so an md5 of digits only never becomes a number
    doc = parse(text, {schema: 'failsafe'})
  } catch (error) {
    throw new Error(`${source}: ${(error as Error).message.split('\n')[0]}`)
  }
  const outs = (doc as {outs?: unknown} | null)?.outs
  const out = (Array.isArray(outs) ? (outs as {path?: unknown; md5?: unknown}[]) : []).find(
    (o) => typeof o?.path === 'string' && posix.join(posix.dirname(source), o.path) === rel,
  )
  return typeof out?.md5 === 'string' ? {algorithm: 'md5', value: out.md5, source} : undefined
}
