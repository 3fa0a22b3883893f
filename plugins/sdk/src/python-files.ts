import {existsSync, readdirSync} from 'node:fs'
import {join, posix} from 'node:path'

const SKIP = new Set(['__pycache__', 'node_modules', 'site-packages', 'mlruns', 'mlartifacts'])

/**
 * Every `*.py` file under a repository-relative directory (sorted, repository-relative POSIX paths): the
 * fallback code inputs when the script a pipeline runs cannot be read from its command. Hidden
 * directories, virtual environments (a `pyvenv.cfg`), caches and tracking stores are skipped;
 * symlinked directories are not entered.
 */
export function listPythonFiles(root: string, dir = '.'): string[] {
  const out: string[] = []
  const walk = (rel: string) => {
    const abs = join(root, rel)
    if (rel !== '.' && existsSync(join(abs, 'pyvenv.cfg'))) return
    let entries
    try {
      entries = readdirSync(abs, {withFileTypes: true})
    } catch {
      return
    }
    for (const e of entries) {
      if (e.name.startsWith('.') || SKIP.has(e.name)) continue
      const p = rel === '.' ? e.name : posix.join(rel, e.name)
      if (e.isDirectory()) walk(p)
      else if (e.isFile() && e.name.endsWith('.py')) out.push(p)
    }
  }
  walk(posix.normalize(dir))
  return out.sort()
}
