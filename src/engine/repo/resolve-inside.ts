import {existsSync, realpathSync} from 'node:fs'
import {dirname, isAbsolute, relative, resolve, sep} from 'node:path'
import {ExitCode, SeiError, type Where} from '../errors.js'

function isWithin(root: string, p: string): boolean {
  const rel = relative(root, p)
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))
}

/** The deepest existing ancestor of p, resolved through symlinks. */
function realExisting(p: string): string {
  let cur = p
  while (!existsSync(cur)) {
    const up = dirname(cur)
    if (up === cur) return cur
    cur = up
  }
  return resolve(realpathSync(cur), relative(cur, p))
}

/**
 * Resolves a repository-relative path from the manifest, refusing any that leaves the repository,
 * lexically (`../x`, `/etc/passwd`) or through a symlink.
 */
export function resolveInside(root: string, path: string, what: string, where?: Where): string {
  const fail = () =>
    new SeiError('PATH_OUTSIDE_REPO', `${what} "${path}" leaves the repository`, {
      exit: ExitCode.invalidInput,
      where,
      actions: ['Use a path relative to the repository root that stays inside it (no "..", no absolute path, no symlink pointing out).'],
    })
  if (isAbsolute(path) || path.includes('\0')) throw fail()
  const realRoot = realpathSync(root)
  const lexical = resolve(realRoot, path)
  if (!isWithin(realRoot, lexical)) throw fail()
  if (!isWithin(realRoot, realExisting(lexical))) throw fail()
  return lexical
}
