import {realpathSync} from 'node:fs'
import {readdir, stat} from 'node:fs/promises'
import {join, relative, sep} from 'node:path'
import {ExitCode, SeiError} from '../errors.js'
import {resolveInside} from '../repo/index.js'
import {sha256FileHex, sha256Hex} from './hash.js'
import {StatCache} from './stat-cache.js'

/** Repository-relative path with forward slashes (the form stored in locks and caches). */
export function toRel(root: string, abs: string): string {
  return relative(root, abs).split(sep).join('/')
}

/**
 * Digests files and directories of one repository, consulting the stat cache first.
 * Directory digest = sha256 of the `sha256sum`-style listing `<hex>  <path relative to the dir>\n`
 * of every regular file below it, sorted by path (byte order), so anyone can recompute it with
 * `find DIR -type f | sort | xargs sha256sum` run from inside DIR.
 */
export class Digester {
  readonly root: string
  private readonly cache: StatCache
  /** Files actually read (not served by the cache): the bench and tests look at it. */
  readonly hashed: string[] = []

  constructor(root: string, options: {cacheDir?: string} = {}) {
    this.root = realpathSync(root)
    this.cache = new StatCache(options.cacheDir, this.root)
  }

  /** sha256 hex of one file given by repository-relative path (checked to stay inside). */
  async file(relPath: string, what = 'file'): Promise<string> {
    const abs = resolveInside(this.root, relPath, what)
    return this.fileAbs(abs, what, relPath)
  }

  private async fileAbs(abs: string, what: string, shown: string): Promise<string> {
    let st
    try {
      st = await stat(abs, {bigint: true})
    } catch {
      throw new SeiError('INPUT_MISSING', `${what} "${shown}" does not exist`, {exit: ExitCode.invalidInput, actions: [`Create ${shown}, or fix its path in sei.yaml.`]})
    }
    if (!st.isFile()) throw new SeiError('INPUT_NOT_FILE', `${what} "${shown}" is not a regular file`, {exit: ExitCode.invalidInput})
    const rel = toRel(this.root, abs)
    const cached = this.cache.get(rel, st)
    if (cached) return cached
    const startedNs = BigInt(Date.now()) * 1_000_000n
    const digest = await sha256FileHex(abs)
    const after = await stat(abs, {bigint: true})
    // Only remember it if the file did not move under us while we read it.
    if (after.mtimeNs === st.mtimeNs && after.size === st.size && after.ctimeNs === st.ctimeNs) this.cache.set(rel, st, digest, startedNs)
    this.hashed.push(rel)
    return digest
  }

  /** sha256 hex of a file, or of a directory's sorted listing (see class comment). */
  async path(relPath: string, what = 'path'): Promise<string> {
    const abs = resolveInside(this.root, relPath, what)
    let st
    try {
      st = await stat(abs)
    } catch {
      throw new SeiError('INPUT_MISSING', `${what} "${relPath}" does not exist`, {exit: ExitCode.invalidInput, actions: [`Create ${relPath}, or fix its path in sei.yaml.`]})
    }
    if (!st.isDirectory()) return this.fileAbs(abs, what, relPath)
    const files: string[] = []
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, {withFileTypes: true})) {
        if (entry.name === '.git') continue
        const p = join(dir, entry.name)
        if (entry.isDirectory()) await walk(p)
        else if (entry.isFile()) files.push(p)
        else if (entry.isSymbolicLink()) {
          const target = resolveInside(this.root, toRel(this.root, p), `${what} entry`)
          if ((await stat(target)).isFile()) files.push(p)
        }
      }
    }
    await walk(abs)
    const rows = files.map((p) => ({rel: toRel(abs, p), p})).sort((a, b) => (Buffer.compare(Buffer.from(a.rel), Buffer.from(b.rel))))
    let listing = ''
    for (const r of rows) listing += `${await this.fileAbs(r.p, what, toRel(this.root, r.p))}  ${r.rel}\n`
    return sha256Hex(listing)
  }

  save(): void {
    this.cache.save()
  }
}
