import {homedir} from 'node:os'
import {join} from 'node:path'

/**
 * The directories oclif's Config gives this CLI (SEI_*_DIR, then XDG_*_HOME, then the platform's
 * defaults), computed without loading oclif: the start-up fast path and the caches must agree with it.
 */
export function cliDirs(dirname = 'sei'): {cacheDir: string; configDir: string; dataDir: string} {
  const home = process.env.HOME || homedir()
  const base = (category: 'cache' | 'config' | 'data') =>
    process.env[`XDG_${category.toUpperCase()}_HOME`] ||
    (process.platform === 'win32' && process.env.LOCALAPPDATA) ||
    join(home, category === 'data' ? '.local/share' : `.${category}`)
  return {
    cacheDir:
      process.env.SEI_CACHE_DIR ||
      (process.platform === 'darwin' ? join(home, 'Library', 'Caches', dirname) : join(base('cache'), dirname)),
    configDir: process.env.SEI_CONFIG_DIR || join(base('config'), dirname),
    dataDir: process.env.SEI_DATA_DIR || join(base('data'), dirname),
  }
}
