import {existsSync, statSync} from 'node:fs'
import {resolve} from 'node:path'
import {ExitCode, SeiError} from '../errors.js'
import {gitAnswer} from '../git/index.js'
import {discoverRepo} from './discover.js'
import {rememberGitDir} from './git-dir.js'

/** The top of the git work tree containing `dir`, or undefined outside git. */
export function findRepoRoot(dir: string): string | undefined {
  // the file system where its answer is exactly git's (discover.ts), git itself otherwise
  const found = discoverRepo(dir)
  if (found) {
    rememberGitDir(found.root, found.gitDir)
    return found.root
  }
  const answer = gitAnswer(dir, ['rev-parse', '--show-toplevel', '--absolute-git-dir'])
  if (answer === undefined) return undefined
  const [root, gitDir] = answer.split('\n')
  if (gitDir) rememberGitDir(root, gitDir)
  return root || undefined
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
