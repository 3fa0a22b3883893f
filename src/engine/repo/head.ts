import {gitAnswer} from '../git/index.js'

/** The commit HEAD names, or undefined in a repository with no commit yet. */
export function headCommit(root: string): string | undefined {
  return gitAnswer(root, ['rev-parse', '--verify', '-q', 'HEAD^{commit}'])
}

/** A commit's committer date as git writes it in strict ISO 8601 (`2026-11-23T10:00:00+01:00`), or undefined. */
export function commitDate(root: string, commit: string): string | undefined {
  if (!commit) return undefined
  return gitAnswer(root, ['show', '-s', '--format=%cI', commit])
}
