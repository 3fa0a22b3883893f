import {createHash} from 'node:crypto'
import {existsSync, readdirSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {packageRoot} from './package-root.js'

/**
 * Identity of installed code for the CLI cache's keys: every `.js` or `.cjs` module of `dirs` plus `files`, each by
 * path, size and modification time (stat only: reading them costs a good part of what a cache saves).
 * Rebuilding, upgrading or reinstalling changes it, and so every key made with it.
 */
export function codeIdentity(label: string, dirs: string[], files: string[] = []): string {
  const existing = [...new Set(dirs)].filter((d) => existsSync(d)).sort()
  const modules = existing.flatMap((d) =>
    readdirSync(d)
      .filter((n) => n.endsWith('.js') || n.endsWith('.cjs'))
      .sort()
      .map((n) => join(d, n)),
  )
  const h = createHash('sha256').update(label)
  for (const f of [...modules, ...files]) {
    const st = statSync(f)
    h.update(`\0${f}\0${st.size}\0${st.mtimeMs}`)
  }
  return h.digest('hex')
}

/** yaml's package.json and entry point (its version decides how sei parses and writes YAML). */
export function yamlFiles(from: string): string[] {
  const pkg = packageRoot('yaml', from)
  if (!pkg) throw new Error('yaml is not installed')
  return [join(pkg, 'package.json'), join(pkg, 'dist', 'index.js')]
}
