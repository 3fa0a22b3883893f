import {execFileSync} from 'node:child_process'

/** The commit HEAD names, or undefined in a repository with no commit yet. */
export function headCommit(root: string): string | undefined {
  try {
    return (
      execFileSync('git', ['rev-parse', '--verify', '-q', 'HEAD^{commit}'], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim() || undefined
    )
  } catch {
    return undefined
  }
}

/** A commit's committer date as git writes it in strict ISO 8601 (`2026-11-23T10:00:00+01:00`), or undefined. */
export function commitDate(root: string, commit: string): string | undefined {
  if (!commit) return undefined
  try {
    return (
      execFileSync('git', ['show', '-s', '--format=%cI', commit], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim() || undefined
    )
  } catch {
    return undefined
  }
}
