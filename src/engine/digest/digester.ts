import {type BigIntStats, realpathSync, statSync} from 'node:fs'
import {readdir, stat} from 'node:fs/promises'
import {join, relative, sep} from 'node:path'
import {ExitCode, SeiError} from '../errors.js'
import {resolveInside} from '../repo/index.js'
import {type HashAlgorithm, sha256Hex} from './hash.js'
import {HashPool} from './hash-pool.js'
import {dvcDirManifest} from './dvc-dir.js'
import {StatCache} from './stat-cache.js'

/** Repository-relative path with forward slashes (the form stored in locks and caches). */
export function toRel(root: string, abs: string): string {
  return relative(root, abs).split(sep).join('/')
}

// Files hashed at once: reads overlap with hashing, and a large workload spreads over the hash pool's threads.
const PARALLEL = 8

async function inParallel<T, R>(items: T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i])
    }
  }
  await Promise.all(Array.from({length: Math.min(PARALLEL, items.length)}, worker))
  return out
}

/**
 * Digests files and directories of one repository, consulting the stat cache first.
 * sha256 directory digest = sha256 of the `sha256sum`-style listing `<hex>  <path relative to the dir>\n`
 * of every regular file below it, sorted by path (byte order), so anyone can recompute it with
 * `find DIR -type f | sort | xargs sha256sum` run from inside DIR. md5 digests are DVC's own: plain
 * MD5 of a file, the `.dir` manifest hash of a directory (dvc-dir.ts).
 */
export class Digester {
  readonly root: string
  private readonly cache: StatCache
  private readonly pool = new HashPool()
  /** Files actually read (not served by the cache), per hash algorithm: status, the bench and tests look at it. */
  readonly hashedAs: Record<HashAlgorithm, string[]> = {md5: [], sha256: []}

  /** Files actually read, in any algorithm (one read per algorithm). */
  get hashed(): string[] {
    return [...this.hashedAs.sha256, ...this.hashedAs.md5]
  }

  constructor(root: string, options: {cacheDir?: string} = {}) {
    this.root = realpathSync(root)
    this.cache = new StatCache(options.cacheDir, this.root)
  }

  /** sha256 hex of one file given by repository-relative path (checked to stay inside). */
  async file(relPath: string, what = 'file'): Promise<string> {
    const abs = resolveInside(this.root, relPath, what)
    return this.fileAbs(abs, what, relPath, 'sha256')
  }

  private async fileAbs(abs: string, what: string, shown: string, algorithm: HashAlgorithm): Promise<string> {
    const [hex] = await this.files(
      [{abs, shown, st: statSync(abs, {bigint: true, throwIfNoEntry: false})}],
      what,
      algorithm,
    )
    return hex
  }

  /**
   * Files' hashes through the stat cache; the others are read in one call of the hash pool (a large read is
   * spread over its threads in batches). Stats are synchronous: a stat is microseconds, a promise round trip
   * through libuv's pool costs more per file, and over thousands of files that overhead starves the threads.
   */
  private async files(
    // rel: the repository-relative path when the caller has it (path.relative per file costs more than its stat)
    files: {abs: string; shown: string; rel?: string; st?: BigIntStats}[],
    what: string,
    algorithm: HashAlgorithm,
  ): Promise<string[]> {
    const hexes: (string | undefined)[] = []
    const misses: {n: number; rel: string; st: BigIntStats}[] = []
    files.forEach(({abs, shown, rel: known, st}, n) => {
      if (!st) {
        throw new SeiError('INPUT_MISSING', `${what} "${shown}" does not exist`, {
          exit: ExitCode.invalidInput,
          actions: [`Create ${shown}, or fix its path in sei.yaml.`],
        })
      }
      if (!st.isFile())
        throw new SeiError('INPUT_NOT_FILE', `${what} "${shown}" is not a regular file`, {
          actions: [`Point ${what} in sei.yaml at a file, not a directory or a device.`],
        })
      const rel = known ?? toRel(this.root, abs)
      hexes[n] = this.cache.get(rel, st, algorithm)
      if (hexes[n] === undefined) misses.push({n, rel, st})
    })
    if (misses.length === 0) return hexes as string[]
    const startedNs = BigInt(Date.now()) * 1_000_000n
    const read = await this.pool.hashAll(
      misses.map((m) => ({path: files[m.n].abs, size: Number(m.st.size)})),
      algorithm,
    )
    misses.forEach(({n, rel, st}, k) => {
      hexes[n] = read[k]
      const after = statSync(files[n].abs, {bigint: true, throwIfNoEntry: false})
      // Only remember it if the file did not move under us while we read it.
      if (after && after.mtimeNs === st.mtimeNs && after.size === st.size && after.ctimeNs === st.ctimeNs)
        this.cache.set(rel, st, read[k], startedNs, algorithm)
      this.hashedAs[algorithm].push(rel)
    })
    return hexes as string[]
  }

  /** Regular files below a directory (symlinks followed inside the repository), relative to it, sorted. */
  private async listDir(abs: string, what: string): Promise<{rel: string; p: string}[]> {
    const files: {rel: string; p: string}[] = []
    // Relative paths are built while walking: path.relative per file costs more than the walk itself.
    const walk = async (dir: string, prefix: string): Promise<void> => {
      for (const entry of await readdir(dir, {withFileTypes: true})) {
        if (entry.name === '.git') continue
        const p = join(dir, entry.name)
        const rel = `${prefix}${entry.name}`
        if (entry.isDirectory()) await walk(p, `${rel}/`)
        else if (entry.isFile()) files.push({rel, p})
        else if (entry.isSymbolicLink()) {
          const target = resolveInside(this.root, toRel(this.root, p), `${what} entry`)
          if ((await stat(target)).isFile()) files.push({rel, p})
        }
      }
    }
    await walk(abs, '')
    const keyed = files.map((f) => ({f, k: Buffer.from(f.rel)}))
    return keyed.sort((a, b) => Buffer.compare(a.k, b.k)).map((x) => x.f)
  }

  /** sha256 hex of a file, or of a directory's sorted listing (see class comment). */
  async path(relPath: string, what = 'path'): Promise<string> {
    return this.digest(relPath, 'sha256', what)
  }

  /** A file's or directory's digest in one algorithm: hex for files; for directories see the class comment. */
  async digest(relPath: string, algorithm: HashAlgorithm, what = 'path'): Promise<string> {
    const abs = resolveInside(this.root, relPath, what)
    let st
    try {
      st = await stat(abs)
    } catch {
      throw new SeiError('INPUT_MISSING', `${what} "${relPath}" does not exist`, {
        exit: ExitCode.invalidInput,
        actions: [`Create ${relPath}, or fix its path in sei.yaml.`],
      })
    }
    if (!st.isDirectory()) return this.fileAbs(abs, what, relPath, algorithm)
    const rows = await this.listDir(abs, what)
    const base = toRel(this.root, abs)
    const relOf = (r: {rel: string}) => (base === '' ? r.rel : `${base}/${r.rel}`)
    const hexes = await this.files(
      rows.map((r) => ({
        abs: r.p,
        shown: relOf(r),
        rel: relOf(r),
        st: statSync(r.p, {bigint: true, throwIfNoEntry: false}),
      })),
      what,
      algorithm,
    )
    if (algorithm === 'md5') return dvcDirManifest(rows.map((r, i) => ({md5: hexes[i]!, relpath: r.rel})))
    return sha256Hex(rows.map((r, i) => `${hexes[i]}  ${r.rel}\n`).join(''))
  }

  /** `fn` over items, several at once: each call digests one path, its directory's files spread over the pool. */
  async each<T, R>(items: T[], fn: (item: T) => Promise<R>): Promise<R[]> {
    return inParallel(items, fn)
  }

  save(): void {
    this.cache.save()
  }
}
