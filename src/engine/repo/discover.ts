import {lstatSync, realpathSync, statSync} from 'node:fs'
import {dirname, isAbsolute, join, resolve, sep} from 'node:path'
import {gitOnPath} from '../git/index.js'
import {
  Unusual,
  anySet,
  commonDirOf,
  configBool,
  ownedByUs,
  plainValue,
  readGitConfig,
  readIfExists,
} from './git-files.js'

// `sei status` is the CI gate and its start-up counts (issue 14): `git rev-parse` to find the repository
// is a process (≈ 5 ms of CPU, and node:child_process to load) for what the file system says in a few
// stat calls. This walk answers only where its answer is exactly git's (setup.c's discovery: `.git` at
// each level, a directory or a `gitdir:` file, the owner checks of safe.directory); anything else is
// Unusual and findRepoRoot asks git, so git's own answer (or refusal) stands.

/** Environment that changes where git looks for a repository or what it accepts there: git alone answers. */
const DISCOVERY_ENV = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_COMMON_DIR',
  'GIT_CEILING_DIRECTORIES',
  'GIT_DISCOVERY_ACROSS_FILESYSTEM',
  'GIT_OBJECT_DIRECTORY',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
]

export type Discovered = {root: string; gitDir: string}

/**
 * The work-tree root (real path) and absolute git dir of the repository containing `dir`, as
 * `git rev-parse --show-toplevel --absolute-git-dir` prints them; undefined when git must answer:
 * the environment above, git not on PATH (so that it still reads as TOOL_MISSING), a `.git` someone
 * else owns, `dir` inside a git directory or a bare repository, core.bare, a core.worktree elsewhere,
 * repository extensions, a file that does not parse or cannot be read, a file-system boundary crossed,
 * and no repository found (git says so itself).
 */
export function discoverRepo(dir: string): Discovered | undefined {
  if (anySet(DISCOVERY_ENV) || !gitOnPath()) return undefined
  try {
    return walkUp(realpathSync(dir))
  } catch {
    return undefined // Unusual, or a file that could not be read: git decides
  }
}

function walkUp(start: string): Discovered {
  if (start.split(sep).includes('.git')) throw new Unusual('inside a .git directory')
  const device = statSync(start).dev
  for (let cur = start; ; ) {
    const found = atLevel(cur)
    if (found) return found
    // git takes a directory holding HEAD for a git directory (bare, or inside one): its rules, not ours
    if (lstatSync(join(cur, 'HEAD'), {throwIfNoEntry: false})) throw new Unusual(`${cur} may be a git directory`)
    const up = dirname(cur)
    if (up === cur) throw new Unusual('no repository: git says so')
    // git stops at a mount point unless GIT_DISCOVERY_ACROSS_FILESYSTEM: its message, not ours
    if (statSync(up).dev !== device) throw new Unusual('a file-system boundary')
    cur = up
  }
}

/** The repository whose `.git` is in `cur`, undefined when there is none. */
function atLevel(cur: string): Discovered | undefined {
  const dotGit = join(cur, '.git')
  const st = lstatSync(dotGit, {throwIfNoEntry: false})
  if (!st) return undefined
  let gitDir: string
  if (st.isDirectory()) gitDir = dotGit
  else if (st.isFile()) gitDir = gitFileTarget(dotGit)
  else throw new Unusual(`${dotGit} is neither a directory nor a file`)
  if (!ownedByUs(cur) || !ownedByUs(dotGit) || !ownedByUs(gitDir)) throw new Unusual('safe.directory decides')
  checkGitDir(gitDir, cur)
  return {root: cur, gitDir}
}

/** The real path a `.git` file names (`gitdir: <path>`, relative to the file's directory), as read_gitfile. */
function gitFileTarget(file: string): string {
  const text = readIfExists(file)
  const m = text === undefined ? null : /^gitdir: ([^\n\r\0]+)[\r\n]*$/.exec(text)
  if (!m) throw new Unusual(`${file} does not parse`)
  return realpathSync(isAbsolute(m[1]) ? m[1] : resolve(dirname(file), m[1]))
}

/** git's is_git_directory and its repository-format check, on the settings that change the answer. */
function checkGitDir(gitDir: string, root: string): void {
  const head = readIfExists(join(gitDir, 'HEAD'))
  if (head === undefined || !/^(ref:\s*refs\/|[0-9a-f]{40}(?:[0-9a-f]{24})?\s*$)/.test(head))
    throw new Unusual(`${gitDir}/HEAD`)
  const {commonDir, linked} = commonDirOf(gitDir)
  for (const sub of ['objects', 'refs'])
    if (!statSync(join(commonDir, sub)).isDirectory()) throw new Unusual(`${commonDir}/${sub}`)
  const config = readGitConfig(commonDir)
  // an extension git may not know makes it refuse the repository; one it knows may move the work tree
  if (config.extensions.size > 0) throw new Unusual('repository extensions')
  const version = config.core.get('repositoryformatversion')
  if (version !== undefined && version !== '0' && version !== '1') throw new Unusual('repository format')
  // A linked worktree ignores the common config's core.bare and core.worktree (setup.c: has_common).
  if (linked) return
  if (configBool(config.core.get('bare'))) throw new Unusual('core.bare')
  const worktree = config.core.get('worktree')
  if (worktree !== undefined && realpathSync(resolve(gitDir, plainValue(worktree))) !== root)
    throw new Unusual('core.worktree elsewhere')
}
