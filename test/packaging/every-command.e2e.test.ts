import assert from 'node:assert/strict'
import {execFile} from 'node:child_process'
import {cpSync, mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {before, describe, it} from 'node:test'
import {CORES} from '../../src/cli/cores/index.js'
import type {ArgSpec, FlagSpec} from '../../src/cli/flags.js'
import {STARTUP_CORES} from '../../src/fast-path.js'
import {binRun, isolatedEnv} from '../helpers/cli.js'
import {replayFixture} from '../helpers/fixtures.js'
import {gitIdentity} from '../helpers/git-repo.js'

// Every command × a set of flag combinations generated from its core's flag spec (src/cli/cores): each
// invocation runs twice, through the start-up path and through oclif (SEI_NO_FAST_PATH=1), each in its own
// copy of a reference repository, and must give the same exit code, stdout and stderr. Where --json is
// given, the envelope's `status` must be the process's exit code (issue 17). A command the start-up path
// does not serve hands argv to oclif in the same process: for those, the whole set runs once (the JSON
// check) and only its first invocations run both ways.

const work = mkdtempSync(join(tmpdir(), 'sei-every-command-'))
const fixture = replayFixture('quickstart')
const pubkey = readFileSync(join(fixture, '.froga', 'PUBKEY.txt'), 'utf8').trim()

/** Values to try for each flag that takes one: a good one and, where the command checks it, a bad one. */
const SAMPLES: Record<string, string[]> = {
  repo: ['REPO', join(work, 'no-such-dir')],
  key: [pubkey, 'not-a-key'],
  'as-of': ['2026-06-01', 'someday'],
  standard: ['iso/23894@2023', 'no/such@1'],
  by: ['Jane Roe <jane@example.org>', 'bad\u0007by'],
  reason: ['the residual risk is within appetite', '# a comment line'],
  format: ['junit', 'sarif', 'github', 'markdown', 'json', 'bogus', `junit=${join(work, 'report.xml')}`],
}

/** Values for each positional argument, likewise (the start-up path declines argv with one: oclif runs it). */
const ARG_SAMPLES: Record<string, string[]> = {
  dir: ['EVIDENCE', join(work, 'no-such-dir')],
}

function invocations(id: string, flags: Record<string, FlagSpec>, args: Record<string, ArgSpec> = {}): string[][] {
  const argv = (values: Record<string, string>) => Object.entries(values).flatMap(([k, v]) => [`--${k}`, v])
  const required = Object.fromEntries(
    Object.entries(flags)
      .filter(([, f]) => f.kind === 'string' && f.required)
      .map(([name]) => [name, SAMPLES[name][0]]),
  )
  const base = [id, ...argv(required)]
  const out: string[][] = [base, [...base, '--bogus']]
  if (Object.keys(required).length > 0) out.push([id])
  for (const [name, f] of Object.entries(flags)) {
    if (f.kind === 'boolean') out.push([...base, `--${name}`])
    else {
      assert.ok(SAMPLES[name], `flag --${name} of ${id} has sample values in this test`)
      for (const v of SAMPLES[name]) out.push([id, ...argv({...required, [name]: v})])
    }
  }
  for (const name of Object.keys(args)) {
    assert.ok(ARG_SAMPLES[name], `argument ${name} of ${id} has sample values in this test`)
    for (const v of ARG_SAMPLES[name]) out.push([...base, v])
  }
  return out.flatMap((args) => [args, [...args, '--json']])
}

type Run = {status: number | null; stdout: string; stderr: string}

async function runIn(args: string[], fast: boolean): Promise<Run> {
  const repo = join(mkdtempSync(join(work, 'r-')), 'repo')
  cpSync(fixture, repo, {recursive: true})
  const env = {
    ...isolatedEnv(),
    ...gitIdentity,
    GIT_AUTHOR_DATE: '2026-11-30T12:00:00Z',
    GIT_COMMITTER_DATE: '2026-11-30T12:00:00Z',
    SEI_SIGNING_KEY: join(work, 'signing-key.pem'),
    ...(fast ? {} : {SEI_NO_FAST_PATH: '1'}),
  } as Record<string, string | undefined>
  delete env.SEI_TRUSTED_KEYS
  if (fast) delete env.SEI_NO_FAST_PATH
  const argv = args.map((a) => (a === 'REPO' ? repo : a === 'EVIDENCE' ? join(repo, '.froga') : a))
  if (!argv.includes('--repo')) argv.push('--repo', repo)
  const r = await new Promise<Run>((resolve) => {
    execFile(
      process.execPath,
      [binRun, ...argv],
      {env: env as NodeJS.ProcessEnv, encoding: 'utf8'},
      (e, stdout, stderr) => resolve({status: e ? (typeof e.code === 'number' ? e.code : null) : 0, stdout, stderr}),
    )
  })
  // Each run has its own copy of the repository, and reconstruct reports the instant it takes as now (with ms).
  const clean = (s: string) => s.replaceAll(repo, 'REPO').replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, 'NOW')
  return {status: r.status, stdout: clean(r.stdout), stderr: clean(r.stderr)}
}

describe('every command, through oclif and through the start-up path', () => {
  before(async () => {
    // The signing key is created on first use: once, here, not by two runs racing.
    assert.equal((await runIn(['pubkey'], false)).status, 0)
  })

  for (const [id, core] of Object.entries(CORES)) {
    it(`sei ${id}: same exit code, stdout and stderr both ways; --json status = exit code`, async () => {
      const all = invocations(id, core.flags as Record<string, FlagSpec>, core.args as Record<string, ArgSpec>)
      const startup = Object.hasOwn(STARTUP_CORES, id)
      for (const [i, args] of all.entries()) {
        const [fast, slow] =
          startup || i < 4
            ? await Promise.all([runIn(args, true), runIn(args, false)])
            : await runIn(args, true).then((r) => [r, r])
        assert.deepEqual(fast, slow, args.join(' '))
        if (args.includes('--json')) {
          const envelope = JSON.parse(fast.stdout) as {status: number}
          assert.equal(envelope.status, fast.status, `${args.join(' ')}: --json status is the exit code`)
        }
      }
    })
  }
})
