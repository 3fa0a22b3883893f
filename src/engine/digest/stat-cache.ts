import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {writeCacheFile} from '../cache-file.js'
import type {BigIntStats} from 'node:fs'

type Entry = {size: string; mtimeNs: string; ctimeNs: string; ino: string; digest: string; checkedNs: string}

// A file modified less than this before we hashed it may change again within the same mtime tick
// (coarse file systems), so its entry is not trusted (git's "racily clean" rule).
const RACY_NS = 2_000_000_000n

/**
 * Remembers file digests by (size, mtime ns, ctime ns, inode) so an unchanged multi-GB dataset is
 * not re-read. Lives in the CLI's cache dir (never in the repository, never signed), one JSON file
 * per repository keyed by the sha256 of its real path; a lost or corrupt cache only costs a re-read.
 */
export class StatCache {
  private entries: Record<string, Entry> = {}
  private dirty = false
  readonly file?: string

  constructor(cacheDir: string | undefined, repoRealPath: string) {
    if (!cacheDir) return
    this.file = join(
      cacheDir,
      'digests',
      `${createHash('sha256').update(repoRealPath).digest('hex').slice(0, 32)}.json`,
    )
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8'))
      if (parsed && parsed.version === 1 && typeof parsed.entries === 'object') this.entries = parsed.entries
    } catch {
      // no cache yet, or unreadable: start empty
    }
  }

  /** Entries of another algorithm than sha256 are kept under `<algorithm>:<path>`. */
  private static key(rel: string, algorithm: string): string {
    return algorithm === 'sha256' ? rel : `${algorithm}:${rel}`
  }

  get(rel: string, st: BigIntStats, algorithm = 'sha256'): string | undefined {
    const e = this.entries[StatCache.key(rel, algorithm)]
    if (!e) return undefined
    if (
      e.size !== String(st.size) ||
      e.mtimeNs !== String(st.mtimeNs) ||
      e.ctimeNs !== String(st.ctimeNs) ||
      e.ino !== String(st.ino)
    )
      return undefined
    if (st.mtimeNs + RACY_NS > BigInt(e.checkedNs) || st.ctimeNs + RACY_NS > BigInt(e.checkedNs)) return undefined
    return e.digest
  }

  set(rel: string, st: BigIntStats, digest: string, checkedNs: bigint, algorithm = 'sha256'): void {
    this.entries[StatCache.key(rel, algorithm)] = {
      size: String(st.size),
      mtimeNs: String(st.mtimeNs),
      ctimeNs: String(st.ctimeNs),
      ino: String(st.ino),
      digest,
      checkedNs: String(checkedNs),
    }
    this.dirty = true
  }

  /** Atomic replace; a failure (read-only cache dir) only makes the next run slower. */
  save(): void {
    if (!this.file || !this.dirty) return
    if (writeCacheFile(this.file, JSON.stringify({version: 1, entries: this.entries}))) this.dirty = false
  }
}
