import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {describe, it} from 'node:test'
import {binRun, isolatedEnv} from './helpers/cli.js'
import {replayFixture} from './helpers/fixtures.js'

/** Runs sei with stdout a pipe whose reader is gone from the start (`sei … | head -0`): every write is EPIPE. */
async function withClosedReader(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<{status: number | null; stderr: string}> {
  const child = spawn(process.execPath, [binRun, ...args], {
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout.destroy()
  let stderr = ''
  child.stderr.on('data', (d) => (stderr += d))
  const status = await new Promise<number | null>((res) => child.on('close', (code) => res(code)))
  return {status, stderr}
}

describe("a reader that went away (EPIPE on stdout) is a quiet exit with the command's own code", () => {
  it('sei help, sei --help: exit 0, no "unsettled top-level await" (exit 13), no stack', async () => {
    for (const args of [['help'], ['--help'], ['run', '--help']]) {
      const r = await withClosedReader(args, isolatedEnv())
      assert.equal(r.status, 0, `${args}: ${r.stderr}`)
      assert.equal(r.stderr, '', args.join(' '))
    }
  })
  it("sei verify --all (fast path and oclif): the signature's verdict, never exit 1 for a broken pipe", async () => {
    const dir = replayFixture('retina-screening')
    for (const env of [isolatedEnv(), isolatedEnv({SEI_NO_FAST_PATH: '1'})]) {
      for (const args of [
        ['verify', '--all', '--repo', dir],
        ['verify', '--repo', dir, '--json'],
      ]) {
        const r = await withClosedReader(args, env)
        assert.equal(r.status, 0, `${args} ${env.SEI_NO_FAST_PATH ?? ''}: ${r.stderr}`)
        assert.doesNotMatch(r.stderr, /EPIPE|at \S+ \(/)
      }
    }
  })
})
