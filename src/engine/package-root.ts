import {existsSync, realpathSync} from 'node:fs'
import {dirname, join} from 'node:path'

/**
 * The directory of an installed package, found as Node finds it: node_modules/<name> from `from`
 * upwards (require.resolve cannot reach package.json through a package's "exports", and
 * import.meta.resolve costs ≈ 7 ms). Real path: workspaces link plugins into node_modules.
 */
export function packageRoot(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name)
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate)
    if (dirname(dir) === dir) return undefined
  }
}
