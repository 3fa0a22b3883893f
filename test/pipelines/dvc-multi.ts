import {execFileSync} from 'node:child_process'
import {cpSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {git, gitRepo} from '../helpers/git-repo.js'
import {pythonToolEnv} from '../helpers/python.js'
import {edit, pipelinesDir} from './repo.js'

/** The environment dvc runs with in these tests: the project's venv, analytics off (no network). */
export function dvcEnv(): NodeJS.ProcessEnv {
  return {...pythonToolEnv(), DVC_NO_ANALYTICS: '1'} as NodeJS.ProcessEnv
}

export function dvc(dir: string, args: string[]): string {
  return execFileSync('dvc', args, {cwd: dir, env: dvcEnv(), encoding: 'utf8'})
}

/**
 * The two-stage pipeline of issue 14, committed: `prep` (src/prep.py, data/raw.csv, prep.frac →
 * data/clean.csv) and `train` (src/train.py, src/features.py, data/clean.csv, the `dvc add`-ed
 * data/extra.csv; train.C and train.mitigate from params.yaml, model.depth from cfg/model.yaml →
 * metrics.json). Untreated (`mitigate: false`) recall is 0.5 (gate red); treated it is 1.0.
 */
export function twoStageRepo(options: {mitigate: boolean}): string {
  const dir = gitRepo()
  cpSync(join(pipelinesDir, 'dvc-multi'), dir, {recursive: true})
  if (options.mitigate) edit(dir, 'params.yaml', 'mitigate: false', 'mitigate: true')
  writeFileSync(join(dir, '.gitignore'), '__pycache__/\n')
  dvc(dir, ['init', '-q'])
  dvc(dir, ['config', 'core.analytics', 'false'])
  dvc(dir, ['add', '-q', 'data/extra.csv'])
  git(dir, ['add', '-A'])
  git(dir, ['commit', '-q', '-m', 'declare: two-stage screening (dvc)'])
  return dir
}
