import {execFileSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'

export type FileTree = Record<string, string | Buffer>

export const gitIdentity = {
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.org',
  GIT_COMMITTER_NAME: 'Test Author',
  GIT_COMMITTER_EMAIL: 'author@example.org',
}

export function git(cwd: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', args, {cwd, encoding: 'utf8', env: {...process.env, ...gitIdentity, ...env}})
}

export function writeTree(dir: string, files: FileTree): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), {recursive: true})
    writeFileSync(join(dir, path), content)
  }
}

/** A temporary directory with the given files. */
export function testDir(files: FileTree = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'sei-test-'))
  writeTree(dir, files)
  return dir
}

/** A real git repository with the files committed (fixed identity, gc off), or unborn when `commit` is false. */
export function gitRepo(files: FileTree = {}, options: {commit?: boolean; message?: string} = {}): string {
  const dir = testDir(files)
  git(dir, ['init', '-q', '-b', 'main'])
  git(dir, ['config', 'gc.auto', '0'])
  git(dir, ['config', 'user.name', gitIdentity.GIT_AUTHOR_NAME])
  git(dir, ['config', 'user.email', gitIdentity.GIT_AUTHOR_EMAIL])
  if (options.commit !== false && Object.keys(files).length > 0) {
    git(dir, ['add', '-A'])
    git(dir, ['commit', '-q', '-m', options.message ?? 'initial'])
  }
  return dir
}
