import {execFileSync} from 'node:child_process'

export function gitIdentity(root: string): {name?: string; email?: string} {
  const get = (key: string) => {
    try {
      return (
        execFileSync('git', ['config', key], {
          cwd: root,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        }).trim() || undefined
      )
    } catch {
      return undefined
    }
  }
  return {name: get('user.name'), email: get('user.email')}
}
