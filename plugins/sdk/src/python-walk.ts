import {readFileSync, readdirSync, realpathSync, statSync} from 'node:fs'
import {join, posix, relative, sep} from 'node:path'
import {scanPythonImports} from './python-imports.js'
import {repoRelative} from './repo-path.js'

/** A repository-local module reached from the entry script, with the first import that reached it. */
export type PythonModule = {
  /** Repository-relative POSIX path of the source file (`src/features.py`, `pkg/__init__.py`). */
  path: string
  /** Dotted module name as imported (`__main__` for the entry script). */
  name: string
  /** The file whose import reached it first (breadth-first: the shortest chain); absent for the entry. */
  importedBy?: string
  line?: number
}

export type PythonWalk = {
  /** The entry script first, then every local module reached, in breadth-first order. */
  modules: PythonModule[]
  /** What could not be read or followed, as `file:line: message`. The walk goes on past each. */
  problems: string[]
}

export type PythonWalkOptions = {
  /**
   * Repository-relative directories searched for absolute imports, in order. Default: what Python puts
   * first on sys.path for `python <script>` (the script's directory), then the repository root (a
   * `PYTHONPATH=.` or `python -m` run) and `src/` (an installed src-layout package).
   */
  searchPath?: string[]
  /** The entry's dotted module name when it runs as `python -m name` (enables its relative imports). */
  moduleName?: string
}

type Mod = {name: string; file?: string; dirs?: string[]; rel?: string | null}

/**
 * The repository-local Python modules reachable from `script` by static import analysis, resolved the
 * way Python's path finder does (regular packages with `__init__.py` before modules, namespace packages
 * last, every parent package imported with its child, `from p import m` importing submodule m). Nothing
 * is executed; no path outside the repository is followed, symlinks included. Modules not found in the
 * repository are taken as installed (stdlib, site-packages) and not listed. Limits: dynamic imports
 * (`importlib`, `__import__`) are not followed; `from p import *` follows a literal `__all__` only; a
 * local module shadows an installed one of the same name (Python lets builtins win).
 */
export function walkPythonImports(root: string, script: string, options: PythonWalkOptions = {}): PythonWalk {
  const realRoot = realpathSync(root)
  const problems: string[] = []
  const entry = repoRelative(root, script, realRoot)
  if (entry === undefined) return {modules: [], problems: [`${script}: not a file inside the repository`]}
  const scriptDir = posix.dirname(entry)
  const search = options.searchPath ?? [scriptDir, '.', 'src']
  const dirs = [...new Set(search.map((d) => posix.normalize(d)))]
    .filter((d) => repoRelative(root, d, realRoot) !== undefined && kindOf(join(root, d)) === 'dir')
    .map((d) => join(root, d))

  const listing = new Map<string, Map<string, 'file' | 'dir'>>()
  const entriesOf = (dir: string): Map<string, 'file' | 'dir'> => {
    let m = listing.get(dir)
    if (m) return m
    m = new Map()
    try {
      for (const e of readdirSync(dir, {withFileTypes: true})) {
        const k = e.isSymbolicLink() ? kindOf(join(dir, e.name)) : e.isDirectory() ? 'dir' : e.isFile() && 'file'
        if (k) m.set(e.name, k)
      }
    } catch {
      // unreadable directory: nothing found in it
    }
    listing.set(dir, m)
    return m
  }
  const inside = (abs: string): string | undefined => {
    const rel = repoRelative(root, abs, realRoot)
    if (rel === undefined) {
      problems.push(`${relative(root, abs).split(sep).join('/')}: leaves the repository (symlink); not followed`)
    }
    return rel
  }

  const found = new Map<string, Mod | null>()
  const find = (name: string): Mod | null => {
    const known = found.get(name)
    if (known !== undefined) return known
    const dot = name.lastIndexOf('.')
    let where = dirs
    if (dot >= 0) {
      const parent = find(name.slice(0, dot))
      where = parent?.dirs ?? []
    }
    const leaf = name.slice(dot + 1)
    const portions: string[] = []
    let mod: Mod | null = null
    for (const d of where) {
      const e = entriesOf(d)
      const pkg = join(d, leaf)
      if (e.get(leaf) === 'dir' && entriesOf(pkg).get('__init__.py') === 'file') {
        if (inside(pkg) === undefined) continue
        mod = {name, file: join(pkg, '__init__.py'), dirs: [pkg]}
        break
      }
      if (e.get(`${leaf}.py`) === 'file') {
        mod = {name, file: join(d, `${leaf}.py`)}
        break
      }
      if (e.get(leaf) === 'dir' && inside(pkg) !== undefined) portions.push(pkg)
    }
    if (!mod && portions.length > 0) mod = {name, dirs: portions}
    found.set(name, mod)
    return mod
  }

  const modules: PythonModule[] = [{path: entry, name: options.moduleName ?? '__main__'}]
  const seen = new Set([entry])
  const queue: {path: string; name: string; isPackage: boolean}[] = []
  const reach = (mod: Mod, by: string, line: number) => {
    if (!mod.file) return
    if (mod.rel === undefined) mod.rel = inside(mod.file) ?? null // once per module: realpath is not free
    const rel = mod.rel
    if (rel === null || seen.has(rel)) return
    seen.add(rel)
    modules.push({path: rel, name: mod.name, importedBy: by, line})
    queue.push({path: rel, name: mod.name, isPackage: mod.dirs !== undefined})
  }
  /** `import a.b.c` imports a, a.b and a.b.c, each package's __init__ with it. */
  const load = (name: string, by: string, line: number): Mod | null => {
    const parts = name.split('.')
    let mod: Mod | null = null
    for (let n = 1; n <= parts.length; n++) {
      mod = find(parts.slice(0, n).join('.'))
      if (!mod) return null
      reach(mod, by, line)
    }
    return mod
  }

  const scans = new Map<string, ReturnType<typeof scanPythonImports> | null>()
  const scanOf = (rel: string): ReturnType<typeof scanPythonImports> | null => {
    if (scans.has(rel)) return scans.get(rel)!
    let scan: ReturnType<typeof scanPythonImports> | null = null
    try {
      scan = scanPythonImports(readFileSync(join(root, rel), 'utf8'))
      for (const p of scan.problems) problems.push(`${rel}:${p.line}: ${p.message}`)
    } catch (error) {
      problems.push(`${rel}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`)
    }
    scans.set(rel, scan)
    return scan
  }
  /** `from p import *` imports the submodules p's `__all__` names (none without one), as Python does. */
  const starNames = (mod: Mod): string[] => {
    const rel = mod.file ? repoRelative(root, mod.file, realRoot) : undefined
    return (rel ? scanOf(rel)?.all : undefined) ?? []
  }

  if (options.moduleName) {
    // `python -m a.b` imports package a first; the entry itself is a.b.
    const parts = options.moduleName.split('.')
    if (parts.length > 1) load(parts.slice(0, -1).join('.'), entry, 0)
  }
  const entryName = options.moduleName ?? '__main__'
  queue.unshift({path: entry, name: entryName, isPackage: posix.basename(entry) === '__init__.py'})
  while (queue.length > 0) {
    const cur = queue.shift()!
    const scan = scanOf(cur.path)
    if (!scan) continue
    const pkg = cur.isPackage ? cur.name : cur.name.includes('.') ? cur.name.slice(0, cur.name.lastIndexOf('.')) : ''
    for (const imp of scan.imports) {
      let base = imp.module
      if (imp.level > 0) {
        if (cur.name === '__main__' || !pkg) {
          const why = 'relative import in a module with no parent package (Python raises ImportError)'
          problems.push(`${cur.path}:${imp.line}: ${why}`)
          continue
        }
        const parts = pkg.split('.')
        if (imp.level - 1 >= parts.length) {
          problems.push(`${cur.path}:${imp.line}: relative import beyond the top-level package`)
          continue
        }
        base = [...parts.slice(0, parts.length - (imp.level - 1)), ...(imp.module ? [imp.module] : [])].join('.')
      }
      const mod = load(base, cur.path, imp.line)
      if (!mod?.dirs) continue
      const names = imp.names.includes('*') ? starNames(mod) : imp.names
      for (const n of names) {
        const sub = find(`${base}.${n}`)
        if (sub) reach(sub, cur.path, imp.line)
      }
    }
  }
  return {modules, problems: [...new Set(problems)]}
}

function kindOf(p: string): 'file' | 'dir' | undefined {
  const st = statSync(p, {throwIfNoEntry: false})
  return st?.isDirectory() ? 'dir' : st?.isFile() ? 'file' : undefined
}
