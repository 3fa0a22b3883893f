import {lstatSync, readFileSync} from 'node:fs'
import {isAbsolute, join, resolve} from 'node:path'

// Reading git's own files (HEAD, refs, config, the `.git` file) to answer, without starting git, what git
// would answer. Anything these readers do not fully understand throws `Unusual`, and the caller asks git
// instead: a wrong answer here would be worse than a git process.

/** Something git's files say that only git itself should interpret: the caller falls back to git. */
export class Unusual extends Error {}

/** The text of a file, undefined when it does not exist; any other failure is Unusual. */
export function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new Unusual(`${path}: ${(e as Error).message}`)
  }
}

/** True when one of `names` is set in the environment (even empty: git reads some that way). */
export function anySet(names: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  return names.some((n) => env[n] !== undefined)
}

/**
 * True when `path` itself (not what a symlink points to, as git's lstat) belongs to this process's
 * effective user. git refuses a repository owned by someone else unless safe.directory allows it: only
 * git reads that setting, so such a repository is Unusual. Without getuid (Windows) nothing is ours.
 */
export function ownedByUs(path: string): boolean {
  if (!process.geteuid || !process.getuid || process.geteuid() !== process.getuid()) return false
  try {
    return lstatSync(path).uid === process.geteuid()
  } catch {
    return false
  }
}

/** The git directory's common directory: where a linked worktree's shared refs, objects and config live. */
export function commonDirOf(gitDir: string): {commonDir: string; linked: boolean} {
  const text = readIfExists(join(gitDir, 'commondir'))
  if (text === undefined) return {commonDir: gitDir, linked: false}
  const path = text.replace(/\r?\n$/, '')
  if (path === '' || path.includes('\n')) throw new Unusual(`${gitDir}/commondir does not parse`)
  return {commonDir: isAbsolute(path) ? path : resolve(gitDir, path), linked: true}
}

export type GitConfig = {core: Map<string, string | true>; extensions: Map<string, string | true>}

/**
 * The `[core]` and `[extensions]` settings of a repository's config file, read as plain lines. Includes,
 * continuation lines, or a header this reader does not know are Unusual: they could change what it
 * reads. Keys are lower case; a key without `=` is true; values are raw (quotes, comments and all).
 */
export function readGitConfig(commonDir: string): GitConfig {
  const text = readIfExists(join(commonDir, 'config'))
  const config: GitConfig = {core: new Map(), extensions: new Map()}
  if (text === undefined) throw new Unusual(`${commonDir} has no config`)
  let section = ''
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue
    if (line.endsWith('\\')) throw new Unusual('a config line continues')
    if (line.startsWith('[')) {
      const header = /^\[([A-Za-z0-9.-]+)(\s+"[^"\\]*")?\]$/.exec(line)
      if (!header) throw new Unusual(`config header ${line}`)
      if (/^include/i.test(header[1])) throw new Unusual('the config includes another file')
      section = header[2] ? '' : header[1].toLowerCase()
      continue
    }
    if (section !== 'core' && section !== 'extensions') continue
    const entry = /^([A-Za-z][A-Za-z0-9-]*)\s*(?:=\s*(.*))?$/.exec(line)
    if (!entry) throw new Unusual(`config line ${line}`)
    // the raw value: a reader of a key takes it only when plain (configBool, plainValue)
    config[section].set(entry[1].toLowerCase(), entry[2] === undefined ? true : entry[2].trim())
  }
  return config
}

/** A config boolean as git reads it (a key without `=` is true), undefined when unset; anything else Unusual. */
export function configBool(value: string | true | undefined): boolean | undefined {
  if (value === undefined || value === true) return value
  const v = value.toLowerCase()
  if (v === 'false' || v === 'no' || v === 'off' || v === '0' || v === '') return false
  if (v === 'true' || v === 'yes' || v === 'on' || v === '1') return true
  throw new Unusual(`config boolean ${value}`)
}

/** A config value with nothing git would unquote, unescape or cut as a comment; anything else Unusual. */
export function plainValue(value: string | true): string {
  if (value === true || /["\\;#]/.test(value)) throw new Unusual(`config value ${value}`)
  return value
}
