import {lstatSync, realpathSync} from 'node:fs'
import {dirname, isAbsolute, relative, resolve, sep} from 'node:path'
import {ExitCode, SeiError, type Where} from '../errors.js'

/** True when `p` is `root` or below it (both absolute); `..keys/` is below, `../keys` is not. */
export function isWithin(root: string, p: string): boolean {
  const rel = relative(root, p)
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))
}

/**
 * `p` with every symlink resolved: the real path of its deepest existing ancestor joined with the rest.
 * A dangling symlink has no real path (a write through it would land wherever it points): undefined.
 */
export function realPathOf(p: string): string | undefined {
  let cur = p
  for (;;) {
    try {
      lstatSync(cur)
      break
    } catch {
      const up = dirname(cur)
      if (up === cur) return cur
      cur = up
    }
  }
  try {
    return resolve(realpathSync(cur), relative(cur, p))
  } catch {
    return undefined
  }
}

/**
 * The one resolver of every path sei reads or writes in the repository: the manifest, the lock, the
 * evidence directory, and the paths the manifest names. Refuses a path that leaves the repository,
 * lexically (`../x`, `/etc/passwd`) or through a symlink (a `.sei` or `sei.yaml` linked elsewhere,
 * a dangling link), before anything is read: a refused file's content is never quoted.
 */
export function resolveInside(root: string, path: string, what: string, where?: Where): string {
  const fail = () =>
    new SeiError('PATH_OUTSIDE_REPO', `${what} "${path}" leaves the repository`, {
      exit: ExitCode.invalidInput,
      where,
      actions: [
        'Use a path relative to the repository root that stays inside it ' +
          '(no "..", no absolute path, no symlink pointing out).',
      ],
    })
  if (isAbsolute(path) || path.includes('\0')) throw fail()
  const realRoot = realpathSync(root)
  const lexical = resolve(realRoot, path)
  if (!isWithin(realRoot, lexical)) throw fail()
  const real = realPathOf(lexical)
  if (real === undefined || !isWithin(realRoot, real)) throw fail()
  return lexical
}

/** resolveInside for a file sei itself names (the manifest, the lock, `.sei/bundle.json`), labelled by its path. */
export function repoFile(root: string, rel: string, where?: Where): string {
  return resolveInside(root, rel, rel, where)
}
