import {execFileSync} from 'node:child_process'
import {existsSync, statSync} from 'node:fs'
import {resolve} from 'node:path'
import {ExitCode, SeiError} from '../errors.js'
import {rememberGitDir} from './git-dir.js'

/** git itself is not installed: an environment failure (exit 3), not "not a repository". */
export function gitMissing(): SeiError {
  return new SeiError('TOOL_MISSING', 'git is not installed or not on PATH', {
    exit: ExitCode.environment,
    actions: ['Install git (sei keeps its evidence and governance acts in git history) or put it on PATH.'],
  })
}

/** The top of the git work tree containing `dir`, or undefined outside git. */
export function findRepoRoot(dir: string): string | undefined {
  try {
    const [root, gitDir] = execFileSync('git', ['rev-parse', '--show-toplevel', '--absolute-git-dir'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).split('\n')
    if (gitDir) rememberGitDir(root, gitDir)
    return root || undefined
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw gitMissing()
    return undefined
  }
}

/** Resolves --repo to the root of its git work tree, or fails with what to do. */
export function requireGitRepo(repoFlag: string): string {
  const dir = resolve(repoFlag)
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new SeiError('REPO_MISSING', `${dir} is not a directory`, {
      exit: ExitCode.invalidInput,
      actions: ['Pass --repo the path of the git repository of your AI system.'],
    })
  }
  const root = findRepoRoot(dir)
  if (!root) {
    throw new SeiError('NOT_A_GIT_REPO', `${dir} is not inside a git repository`, {
      exit: ExitCode.invalidInput,
      actions: [`Run \`git init\` in ${dir} first: sei keeps its evidence in git history.`],
    })
  }
  return root
}
