import {git} from '../git/index.js'

// One git process per command for the git dir: status (the CI gate) asks for it from the run lock and
// from crash recovery, and every git process is ≈ 5 ms of its start-up.
const known = new Map<string, string>()

/** Remembers the git dir of a work-tree root found by another git call. */
export function rememberGitDir(root: string, gitDir: string): void {
  known.set(root, gitDir)
}

/** The absolute git dir of the repository at `root` (worktrees and GIT_DIR included). */
export function gitDirOf(root: string): string {
  let dir = known.get(root)
  if (dir === undefined) {
    dir = git(root, ['rev-parse', '--absolute-git-dir']).trim()
    known.set(root, dir)
  }
  return dir
}
