import {open, rename, rm} from 'node:fs/promises'
import {basename, dirname, join} from 'node:path'

/**
 * The one way evidence reaches disk: a temp file in the same directory, fsync, rename over the
 * target, fsync the directory. A crash leaves the old file or the new one, never a torn one.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: {mode?: number} = {},
): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`)
  const fh = await open(tmp, 'wx', options.mode ?? 0o644)
  try {
    await fh.writeFile(data)
    await fh.sync()
  } catch (error) {
    await fh.close()
    await rm(tmp, {force: true})
    throw error
  }
  await fh.close()
  await rename(tmp, path)
  const dir = await open(dirname(path), 'r')
  try {
    await dir.sync()
  } finally {
    await dir.close()
  }
}
