import {gitAnswer} from './run.js'

/** The committer git would record here (user.name, user.email), each undefined when unset. */
export function gitIdentity(root: string): {name?: string; email?: string} {
  return {name: gitAnswer(root, ['config', 'user.name']), email: gitAnswer(root, ['config', 'user.email'])}
}

/** A boolean git setting as git itself reads it (`--type=bool`: yes/on/1 are true); false when unset. */
export function gitFlag(root: string, key: string): boolean {
  return gitAnswer(root, ['config', '--type=bool', key]) === 'true'
}
