import {mkdirSync, rmSync, writeFileSync, renameSync} from 'node:fs'
import {dirname} from 'node:path'

/**
 * Writes one entry of the CLI's cache dir (never the repository): a temp file renamed over the entry, so a
 * reader sees the old bytes or the new ones; not fsynced, because an entry lost or torn by a crash is only a
 * miss. Never throws (a read-only or full cache dir costs the work again next time): false when not written.
 */
export function writeCacheFile(path: string, data: string | Uint8Array): boolean {
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`
  try {
    mkdirSync(dirname(path), {recursive: true})
    writeFileSync(tmp, data, {flag: 'wx'})
    renameSync(tmp, path)
    return true
  } catch {
    try {
      rmSync(tmp, {force: true})
    } catch {
      // nothing more to do
    }
    return false
  }
}
