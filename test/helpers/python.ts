import {existsSync} from 'node:fs'
import {join} from 'node:path'
import {isolatedEnv, projectRoot} from './cli.js'

/** The project's Python environment made by scripts/setup-python.sh (`npm test` runs it first). */
export const pythonEnv = process.env.SEI_PYTHON_ENV ?? join(projectRoot, '.venv')
export const pythonBin = join(pythonEnv, 'bin')
export const hasPythonEnv = existsSync(join(pythonBin, 'python'))

/** An isolated CLI environment whose PATH finds dvc, mlflow, dagster and python of the project's venv first. */
export function pythonToolEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return isolatedEnv({PATH: `${pythonBin}:${process.env.PATH ?? ''}`, VIRTUAL_ENV: pythonEnv, ...extra})
}
