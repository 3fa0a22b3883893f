import {createHash} from 'node:crypto'
import {lstatSync, readdirSync, realpathSync} from 'node:fs'
import {join} from 'node:path'
import {gitDirOf} from './git-dir.js'
import {Unusual, anySet, commonDirOf, readGitConfig, readIfExists} from './git-files.js'

// An answer computed from the commits reachable from HEAD (the retirement act, for instance) holds as long
// as HEAD names the same commit: a commit's id fixes its message, its parents and so its whole history.
// Reading HEAD from git's files costs no process. Only three things make the same commit id mean another
// history, and each is checked: a shallow boundary (part of the identity), grafts and replace refs (git
// answers then). Reftable, a symbolic ref this reader does not know, or any file that does not parse:
// git answers too.

/** Environment that moves git's directories or rewrites history: git alone answers. */
const HISTORY_ENV = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_COMMON_DIR',
  'GIT_CEILING_DIRECTORIES',
  'GIT_DISCOVERY_ACROSS_FILESYSTEM',
  'GIT_GRAFT_FILE',
  'GIT_REPLACE_REF_BASE',
  'GIT_NO_REPLACE_OBJECTS',
  'GIT_SHALLOW_FILE',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
]

/** Extensions that leave refs and history as this reader reads them. */
const KNOWN_EXTENSIONS = new Set(['objectformat', 'worktreeconfig', 'preciousobjects', 'partialclone', 'noop'])

/** How many `ref:` hops HEAD may take (git allows 5 levels of symbolic refs). */
const MAX_HOPS = 5

// A ref name as git's check_refname_format accepts it, in the plain ASCII subset; anything else is Unusual.
const REF_NAME = /^refs\/(?:[A-Za-z0-9_+-][A-Za-z0-9._+-]*\/)*[A-Za-z0-9_+-][A-Za-z0-9._+-]*$/
// Refs each worktree keeps for itself (refs/bisect, refs/worktree, refs/rewritten): not in the common dir.
const PER_WORKTREE = /^refs\/(bisect|worktree|rewritten)\//
const OID = /^([0-9a-f]{40}|[0-9a-f]{64})$/

export type HistoryIdentity = {
  /** Real path of the repository's common git dir (a linked worktree shares its main repository's). */
  commonDir: string
  /** The commit HEAD names. */
  oid: string
  /** sha256 of the common dir's `shallow` file, or "none": a clone deepened later has more history. */
  shallow: string
}

/**
 * What identifies the history reachable from HEAD, read from git's files; undefined when only git can say
 * (see above), and when HEAD names no commit yet (unborn: the caller asks git, which knows that answer).
 */
export function historyIdentity(root: string): HistoryIdentity | undefined {
  if (anySet(HISTORY_ENV)) return undefined
  try {
    const gitDir = gitDirOf(root)
    const {commonDir} = commonDirOf(gitDir)
    const packed = plainHistory(commonDir)
    const oid = resolveHead(gitDir, commonDir, packed)
    const shallow = readIfExists(join(commonDir, 'shallow'))
    return {
      commonDir: realpathSync(commonDir),
      oid,
      shallow: shallow === undefined ? 'none' : createHash('sha256').update(shallow).digest('hex'),
    }
  } catch {
    return undefined // Unusual, or a file that could not be read
  }
}

/** Checks that nothing rewrites history or stores refs elsewhere; returns packed-refs' text ('' when absent). */
function plainHistory(commonDir: string): string {
  const config = readGitConfig(commonDir)
  // an extension this reader does not know (refstorage, reftable's, among them) may store refs elsewhere
  for (const key of config.extensions.keys()) if (!KNOWN_EXTENSIONS.has(key)) throw new Unusual(`extensions.${key}`)
  if (lstatSync(join(commonDir, 'reftable'), {throwIfNoEntry: false})) throw new Unusual('reftable')
  if (lstatSync(join(commonDir, 'info', 'grafts'), {throwIfNoEntry: false})) throw new Unusual('info/grafts')
  try {
    if (readdirSync(join(commonDir, 'refs', 'replace')).length > 0) throw new Unusual('refs/replace')
  } catch (e) {
    if (e instanceof Unusual || (e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
  }
  const packed = readIfExists(join(commonDir, 'packed-refs')) ?? ''
  if (packed.includes(' refs/replace/')) throw new Unusual('a packed replace ref')
  return packed
}

/** HEAD's commit id: HEAD in the git dir, then its symbolic refs as loose files or packed-refs lines. */
function resolveHead(gitDir: string, commonDir: string, packed: string): string {
  const head = join(gitDir, 'HEAD')
  if (!lstatSync(head).isFile()) throw new Unusual('HEAD is not a file')
  let text = readIfExists(head)
  for (let hop = 0; hop <= MAX_HOPS; hop++) {
    if (text === undefined) throw new Unusual('unborn: HEAD names no commit yet')
    const line = text.replace(/\n$/, '')
    if (OID.test(line)) return line
    const sym = /^ref: (.*)$/.exec(line)
    if (!sym || !REF_NAME.test(sym[1]) || PER_WORKTREE.test(sym[1]) || /\.lock$|\.\./.test(sym[1]))
      throw new Unusual(`HEAD: ${line}`)
    text = readIfExists(join(commonDir, sym[1])) ?? packedRef(packed, sym[1])
  }
  throw new Unusual('too many symbolic refs')
}

/** `<oid>\n` of `name` in packed-refs (`<oid> <name>` lines; `^<oid>` peels the line above), or undefined. */
function packedRef(packed: string, name: string): string | undefined {
  const needle = ` ${name}\n`
  const text = packed.endsWith('\n') ? packed : `${packed}\n`
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    const start = text.lastIndexOf('\n', at - 1) + 1
    const oid = text.slice(start, at)
    if (OID.test(oid)) return `${oid}\n`
  }
  return undefined
}
