import {spawnSync} from 'node:child_process'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

export const projectRoot = join(import.meta.dirname, '..', '..', '..')
export const binRun = join(projectRoot, 'bin', 'run.js')

/** Directories that keep a test's oclif data, cache and config away from the developer's own. */
export function isolatedEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const base = mkdtempSync(join(tmpdir(), 'sei-env-'))
  return {
    ...process.env,
    SEI_DATA_DIR: join(base, 'data'),
    SEI_CACHE_DIR: join(base, 'cache'),
    SEI_CONFIG_DIR: join(base, 'config'),
    NO_COLOR: '1',
    ...extra,
  }
}

export type CliResult = {status: number; stdout: string; stderr: string}

/** Runs the built CLI as a user would (a real process), returning exit code and output. */
export function sei(
  args: string[],
  options: {cwd?: string; env?: Record<string, string | undefined>; input?: string} = {},
): CliResult {
  const r = spawnSync(process.execPath, [binRun, ...args], {
    cwd: options.cwd ?? projectRoot,
    env: (options.env ?? isolatedEnv()) as NodeJS.ProcessEnv,
    encoding: 'utf8',
    input: options.input,
    timeout: 600_000,
  })
  return {status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr}
}
