import {accessSync, constants, statSync} from 'node:fs'
import {delimiter, join, resolve} from 'node:path'

/**
 * Whether a `git` the spawn in run.ts would start is on PATH, found as execvp finds it (each PATH entry in
 * turn, an empty one being the working directory), without starting it. Callers that answer a question
 * from git's files instead of asking git use it so that git missing still reads as TOOL_MISSING (exit 3),
 * never as an answer. Windows (PATHEXT, git.exe) and an unset PATH are left to git itself: false.
 */
export function gitOnPath(env: NodeJS.ProcessEnv = process.env): boolean {
  if (process.platform === 'win32' || env.PATH === undefined) return false
  for (const dir of env.PATH.split(delimiter)) {
    const candidate = join(resolve(dir || '.'), 'git')
    try {
      if (!statSync(candidate).isFile()) continue
      accessSync(candidate, constants.X_OK)
      return true
    } catch {
      // not here: the next entry
    }
  }
  return false
}
