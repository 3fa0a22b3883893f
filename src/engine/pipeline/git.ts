import {execFileSync} from 'node:child_process'

/** HEAD's commit id, or '' in a repository without commits. Provenance only, never a drift input. */
export function headCommit(root: string): string {
  try {
    return execFileSync('git', ['rev-parse', '--verify', '-q', 'HEAD'], {cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim()
  } catch {
    return ''
  }
}

/** A file as committed at HEAD, or undefined when HEAD or the file does not exist. */
export function showAtHead(root: string, relPath: string): string | undefined {
  try {
    return execFileSync('git', ['show', `HEAD:${relPath}`], {cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 256 << 20})
  } catch {
    return undefined
  }
}

export function gitIdentity(root: string): {name?: string; email?: string} {
  const get = (key: string) => {
    try {
      return execFileSync('git', ['config', key], {cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim() || undefined
    } catch {
      return undefined
    }
  }
  return {name: get('user.name'), email: get('user.email')}
}
