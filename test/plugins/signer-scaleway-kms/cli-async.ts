import {spawn} from 'node:child_process'
import {binRun, isolatedEnv, projectRoot, type CliResult} from '../../helpers/cli.js'

/**
 * `sei` as a real process, without blocking the event loop: the fake Key Manager runs in the test's
 * own process and must keep answering while the CLI waits for it (spawnSync would deadlock).
 */
export function seiAsync(
  args: string[],
  options: {cwd?: string; env?: Record<string, string | undefined>} = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binRun, ...args], {
      cwd: options.cwd ?? projectRoot,
      env: (options.env ?? isolatedEnv()) as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c))
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c))
    child.on('error', reject)
    child.on('close', (code) => resolve({status: code ?? -1, stdout, stderr}))
  })
}
