import {execFileSync} from 'node:child_process'
import {cpSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {projectRoot} from '../helpers/cli.js'
import {git, gitRepo} from '../helpers/git-repo.js'
import {pythonToolEnv} from '../helpers/python.js'

export type Tool = 'dvc' | 'mlflow' | 'dagster'

/** Source folder of the tiny pipelines (python scripts + configs), read from the source tree. */
export const pipelinesDir = join(projectRoot, 'test', 'pipelines')

/**
 * A temporary git repository holding the tiny screening system wired to one pipeline tool,
 * committed as the "declare" commit (untreated: threshold 0.7, recall 0.5, gate red).
 */
export function screeningRepo(tool: Tool): string {
  const dir = gitRepo()
  cpSync(join(pipelinesDir, 'common'), dir, {recursive: true})
  cpSync(join(pipelinesDir, tool), dir, {recursive: true, filter: (src) => !src.endsWith('pipeline.yaml')})
  const manifest =
    readFileSync(join(dir, 'sei.yaml'), 'utf8') + readFileSync(join(pipelinesDir, tool, 'pipeline.yaml'), 'utf8')
  writeFileSync(join(dir, 'sei.yaml'), manifest)
  writeFileSync(join(dir, '.gitignore'), '__pycache__/\n')
  if (tool === 'dvc') {
    // analytics off so dvc attempts no network
    const env = {...pythonToolEnv(), DVC_NO_ANALYTICS: '1'} as NodeJS.ProcessEnv
    execFileSync('dvc', ['init', '-q'], {cwd: dir, env})
    execFileSync('dvc', ['config', 'core.analytics', 'false'], {cwd: dir, env})
  }
  git(dir, ['add', '-A'])
  git(dir, ['commit', '-q', '-m', `declare: tiny-screening (${tool})`])
  return dir
}

/** Replaces text in a repository file (a user's edit). */
export function edit(dir: string, file: string, from: string | RegExp, to: string): void {
  const p = join(dir, file)
  const before = readFileSync(p, 'utf8')
  const after = before.replace(from, to)
  if (after === before) throw new Error(`edit of ${file} changed nothing`)
  writeFileSync(p, after)
}
