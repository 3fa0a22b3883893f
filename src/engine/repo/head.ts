import {execFileSync} from 'node:child_process'

/** The commit HEAD names, or undefined in a repository with no commit yet. */
export function headCommit(root: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--verify', '-q', 'HEAD^{commit}'], {cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim() || undefined
  } catch {
    return undefined
  }
}
