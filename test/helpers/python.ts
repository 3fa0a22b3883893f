import {execFileSync} from 'node:child_process'
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

/** uv of the project's bootstrap env (scripts/setup-python.sh): makes test venvs offline, from its warm cache. */
export const uvBin = join(projectRoot, '.venv-bootstrap', 'bin', 'uv')

/** A real wheel (zip with dist-info), written by Python's zipfile: what an upgrade installs. */
export function testWheel(dir: string, name: string, version: string): string {
  const file = join(dir, `${name.replaceAll('-', '_')}-${version}-py3-none-any.whl`)
  const script = [
    'import sys, zipfile',
    'f, n, v = sys.argv[1:4]',
    'd = n.replace("-", "_") + "-" + v + ".dist-info"',
    'with zipfile.ZipFile(f, "w") as z:',
    '  z.writestr(n.replace("-", "_") + "/__init__.py", "VERSION = %r\\n" % v)',
    '  z.writestr(d + "/METADATA", "Metadata-Version: 2.1\\nName: %s\\nVersion: %s\\nLicense: MIT\\n" % (n, v))',
    '  z.writestr(d + "/WHEEL", "Wheel-Version: 1.0\\nGenerator: sei-test\\nRoot-Is-Purelib: true\\nTag: ' +
      'py3-none-any\\n")',
    '  z.writestr(d + "/RECORD", "")',
  ].join('\n')
  execFileSync(join(pythonBin, 'python'), ['-c', script, file, name, version])
  return file
}
