import {realpathSync} from 'node:fs'
import {isAbsolute, relative, resolve, sep} from 'node:path'

/**
 * The repository-relative POSIX path of `path` (absolute, or relative to the root) when it stays inside
 * the repository lexically and through symlinks; undefined when it leaves it or does not exist.
 * `realRoot` is realpathSync(root), passed by callers that check many paths.
 */
export function repoRelative(root: string, path: string, realRoot = realpathSync(root)): string | undefined {
  if (path.includes('\0')) return undefined
  const abs = isAbsolute(path) ? path : resolve(root, path)
  const lexical = relative(resolve(root), abs)
  if (lexical === '..' || lexical.startsWith(`..${sep}`) || isAbsolute(lexical)) return undefined
  let real: string
  try {
    real = realpathSync(abs)
  } catch {
    return undefined
  }
  const rel = relative(realRoot, real)
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined
  return lexical.split(sep).join('/')
}
