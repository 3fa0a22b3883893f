import assert from 'node:assert/strict'
import {afterEach, describe, it} from 'node:test'
import {defineCore} from '../../src/cli/core.js'
import {exitCodesOf, reportOf, runCore} from '../../src/cli/output.js'
import {ERROR_CODES, ExitCode, SeiError} from '../../src/engine/errors.js'

/** Runs a core in this process and returns what it printed and the exit code it set. */
async function capture(execute: () => Promise<never> | Promise<{result: unknown; exit: ExitCode}>, json: boolean) {
  const core = defineCore({
    id: 'probe',
    summary: 'a probe',
    examples: [],
    exitCodes: {},
    flags: {},
    execute,
    render: (r) => `rendered ${JSON.stringify(r)}`,
  })
  const out: string[] = []
  const err: string[] = []
  const [stdout, stderr] = [process.stdout.write, process.stderr.write]
  process.stdout.write = ((s: string) => out.push(s) > 0) as typeof process.stdout.write
  process.stderr.write = ((s: string) => err.push(s) > 0) as typeof process.stderr.write
  try {
    await runCore(
      core,
      {},
      {plugins: {getPluginsList: () => [], runHook: async () => ({})}, cliRoot: '.', cacheDir: '.', json},
    )
  } finally {
    process.stdout.write = stdout
    process.stderr.write = stderr
  }
  return {stdout: out.join(''), stderr: err.join(''), exit: process.exitCode}
}

describe('the output module (src/cli/output.ts)', () => {
  afterEach(() => {
    process.exitCode = undefined
  })

  it('catalogues each error code in exactly one exit-code group', () => {
    const all = Object.values(ERROR_CODES).flat()
    assert.equal(new Set(all).size, all.length)
    assert.equal(new SeiError('GIT_FAILED', 'x', {actions: ['a']}).exit, 3)
    assert.equal(new SeiError('NO_EVIDENCE', 'x', {actions: ['a']}).exit, 1)
    assert.equal(new SeiError('BAD_KEY', 'x', {actions: ['a']}).exit, 2)
    assert.equal(new SeiError('REPRODUCE_FAILED', 'x', {actions: ['a']}).exit, 4)
  })

  it('a result: text on stdout, or the envelope whose status is the exit code', async () => {
    const text = await capture(async () => ({result: {n: 1}, exit: ExitCode.failed}), false)
    assert.deepEqual(text, {stdout: 'rendered {"n":1}\n', stderr: '', exit: 1})
    const json = await capture(async () => ({result: {n: 1}, exit: ExitCode.failed}), true)
    assert.deepEqual(JSON.parse(json.stdout), {status: 1, result: {n: 1}, warnings: []})
    assert.equal(json.exit, 1)
  })

  it(
    'a SeiError: located message and actions on stderr, or the error envelope; ' + 'the exit code of its group',
    async () => {
      const thrown = () =>
        Promise.reject(
          new SeiError('MANIFEST_INVALID', 'bad', {where: {file: 'sei.yaml', line: 3, col: 5}, actions: ['Fix it.']}),
        )
      const text = await capture(thrown, false)
      assert.deepEqual(text, {
        stdout: '',
        stderr: 'Error (MANIFEST_INVALID): sei.yaml:3:5 bad\nTry this:\n  Fix it.\n',
        exit: 2,
      })
      const json = await capture(thrown, true)
      assert.deepEqual(JSON.parse(json.stdout), {
        status: 2,
        error: {code: 'MANIFEST_INVALID', message: 'bad', actions: ['Fix it.'], where: 'sei.yaml:3:5'},
      })
    },
  )

  it('an unexpected exception is an internal error (exit 70) that says how to report it', async () => {
    const r = await capture(() => Promise.reject(new TypeError('x is undefined')), true)
    const envelope = JSON.parse(r.stdout)
    assert.equal(r.exit, 70)
    assert.equal(envelope.status, 70)
    assert.equal(envelope.error.code, 'INTERNAL')
    assert.match(envelope.error.actions[0], /bug in sei.*report it.*sei --version/)
  })

  it("a plugin's error keeps its code and exit; oclif's flag refusal is USAGE with its exit", () => {
    const plugin = Object.assign(new Error('KMS down'), {code: 'KMS_UNAVAILABLE', exit: 3, actions: ['Retry.']})
    assert.deepEqual(
      [reportOf(plugin).code, reportOf(plugin).exit, reportOf(plugin).actions],
      ['KMS_UNAVAILABLE', 3, ['Retry.']],
    )
    const usage = Object.assign(new Error('Nonexistent flag: --bogus'), {oclif: {exit: 2}})
    assert.deepEqual([reportOf(usage, 'status').code, reportOf(usage, 'status').exit], ['USAGE', 2])
  })

  it('help lists the common exit codes and the command’s own, lowest first, the command’s meaning winning', () => {
    const rows = exitCodesOf({exitCodes: {[ExitCode.failed]: 'red', [ExitCode.invalidInput]: 'bad flag'}})
    assert.deepEqual(
      rows.map(([c]) => c),
      [0, 1, 2, 3, 70],
    )
    assert.equal(rows.find(([c]) => c === 2)?.[1], 'bad flag')
  })
})
