import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {binRun, isolatedEnv} from '../helpers/cli.js'
import {replayFixture} from '../helpers/fixtures.js'

// bin/run.js serves `sei --version`, `sei verify` and `sei status` without loading oclif (src/fast-path.ts). The
// independent reference is oclif itself: every invocation must give the same exit code, stdout and
// stderr with the fast path on and off (SEI_NO_FAST_PATH=1), and the fast one must not load oclif.

const work = mkdtempSync(join(tmpdir(), 'sei-fast-path-'))
// A resolve hook that records whether anything imports or requires @oclif/core in the process.
const probe = join(work, 'probe.mjs')
writeFileSync(
  probe,
  "import {registerHooks} from 'node:module'\nimport {appendFileSync} from 'node:fs'\n" +
    "registerHooks({resolve(spec, ctx, next) { if (spec.startsWith('@oclif/core')) " +
    "appendFileSync(process.env.SEI_PROBE_OUT, spec + '\\n'); return next(spec, ctx) }})\n",
)

function run(
  args: string[],
  env: Record<string, string | undefined>,
  cwd?: string,
): {status: number | null; stdout: string; stderr: string; oclif: boolean} {
  const out = join(mkdtempSync(join(work, 'p-')), 'loaded')
  const r = spawnSync(process.execPath, ['--import', probe, binRun, ...args], {
    env: {...env, SEI_PROBE_OUT: out} as NodeJS.ProcessEnv,
    cwd,
    encoding: 'utf8',
  })
  return {status: r.status, stdout: r.stdout, stderr: r.stderr, oclif: existsSync(out)}
}

function same(
  args: string[],
  env: Record<string, string | undefined>,
  opts: {fast: boolean; cwd?: string; freshCache?: boolean},
): {status: number | null; stdout: string} {
  // A status reports the files it read (the stat cache's misses): with freshCache both ways start from an empty cache.
  const cache = () => (opts.freshCache ? {SEI_CACHE_DIR: mkdtempSync(join(work, 'cache-'))} : {})
  const fast = run(args, {...env, ...cache()}, opts.cwd)
  const slow = run(args, {...env, ...cache(), SEI_NO_FAST_PATH: '1'}, opts.cwd)
  assert.equal(slow.oclif, true, 'with SEI_NO_FAST_PATH oclif runs the command')
  assert.deepEqual(
    {status: fast.status, stdout: fast.stdout, stderr: fast.stderr},
    {status: slow.status, stdout: slow.stdout, stderr: slow.stderr},
    args.join(' '),
  )
  assert.equal(fast.oclif, !opts.fast, `${args.join(' ')}: oclif ${fast.oclif ? 'loaded' : 'not loaded'}`)
  return fast
}

describe('start-up fast path (bin/run.js)', () => {
  const env = isolatedEnv()
  delete env.SEI_NO_FAST_PATH // the suite may run with the fast path turned off
  const repo = replayFixture('quickstart')
  const tampered = join(mkdtempSync(join(work, 't-')), 'repo')
  cpSync(repo, tampered, {recursive: true})
  writeFileSync(join(tampered, '.froga', 'bundle.json'), ' ', {flag: 'a'})
  const notGit = mkdtempSync(join(work, 'plain-'))

  it('sei --version prints what oclif prints, without oclif', () => {
    const r = same(['--version'], env, {fast: true})
    assert.equal(r.status, 0)
    assert.equal(r.stdout, `sei/0.1.0 ${process.platform}-${process.arch} node-${process.version}\n`)
  })

  it('sei verify: valid, tampered, --all, --json, -r/--repo=, bad --key and outside git, as oclif does', () => {
    assert.equal(same(['verify', '--repo', repo], env, {fast: true}).status, 0)
    assert.equal(same(['verify', '--repo', tampered], env, {fast: true}).status, 1)
    assert.equal(same(['verify', '-r', repo, '--all'], env, {fast: true}).status, 0)
    const json = same(['verify', `--repo=${tampered}`, '--json'], env, {fast: true})
    assert.equal(JSON.parse(json.stdout).result.valid, false)
    assert.equal(same(['verify', '--repo', repo, '--key', 'not-a-key'], env, {fast: true}).status, 2)
    assert.equal(
      JSON.parse(same(['verify', '--repo', repo, '--key=not-a-key', '--json'], env, {fast: true}).stdout).error.code
        .length > 0,
      true,
    )
    assert.equal(same(['verify'], env, {fast: true, cwd: notGit}).status, 2)
    assert.equal(same(['verify', '--repo', join(notGit, 'missing')], env, {fast: true}).status, 2)
  })

  it('sei status: red gate with advisory, invalid manifest, --json, -r, outside git, as oclif does', () => {
    const novacredit = replayFixture('novacredit')
    // The stat cache trusts no file modified within 2 s of its hashing (racy mtimes): warm it once the
    // replayed files are older than that, so both ways of starting see the same cache (same `hashed`).
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2100)
    run(['status', '--repo', novacredit], env)
    const red = same(['status', '--repo', novacredit], env, {fast: true})
    assert.equal(red.status, 1)
    assert.match(red.stdout, /freshness: STALE/)
    const json = JSON.parse(
      same(['status', `--repo=${novacredit}`, '--json'], env, {fast: true, freshCache: true}).stdout,
    )
    assert.equal(json.result.green, false)
    assert.equal(json.warnings.length, 1, 'the proposed-risks advisory, which needs every standards plugin to answer')
    // The export has no code: its scripts are judged by the md5s dvc.lock records, one line each.
    const pinned = same(['status', '-r', repo], env, {fast: true})
    assert.equal(pinned.status, 1)
    assert.match(pinned.stdout, /^ {2}train\.py not in the workspace: pinned by dvc\.lock$/m)
    assert.equal(same(['status', '--json'], env, {fast: true, cwd: repo}).status, 1)
    assert.equal(same(['status'], env, {fast: true, cwd: notGit}).status, 2)
  })

  it('sei reconstruct: human and --json reports, --out signed, bad --as-of and outside git, as oclif does', () => {
    const retina = replayFixture('retina-screening')
    const human = same(['reconstruct', '--repo', retina, '--as-of', '2026-06-01'], env, {fast: true})
    assert.equal(human.status, 0)
    assert.match(human.stdout, /FAIL→PASS|Treatment/)
    const json = JSON.parse(
      same(['reconstruct', `--repo=${retina}`, '--as-of=2026-06-01', '--json'], env, {fast: true}).stdout,
    )
    assert.equal(json.result.payload.approval.state, 'pending')
    assert.equal(same(['reconstruct', '-r', retina, '--as-of', 'someday'], env, {fast: true}).status, 2)
    assert.equal(same(['reconstruct'], env, {fast: true, cwd: notGit}).status, 2)
    // --out signs with the configured signer (bundledHost's signer-local): each path in its own copy, same key
    const copies = [0, 1].map((i) => {
      const copy = join(mkdtempSync(join(work, `out-${i}-`)), 'repo')
      cpSync(retina, copy, {recursive: true})
      return copy
    })
    const withKey = {...env, SEI_SIGNING_KEY: join(mkdtempSync(join(work, 'key-')), 'key.pem')}
    const fast = run(['reconstruct', '--repo', copies[0], '--as-of', '2026-06-01', '--out'], withKey)
    const slow = run(['reconstruct', '--repo', copies[1], '--as-of', '2026-06-01', '--out'], {
      ...withKey,
      SEI_NO_FAST_PATH: '1',
    })
    assert.equal(fast.oclif, false)
    assert.deepEqual(
      {status: fast.status, stdout: fast.stdout.replaceAll(copies[0], 'REPO'), stderr: fast.stderr},
      {status: slow.status, stdout: slow.stdout.replaceAll(copies[1], 'REPO'), stderr: slow.stderr},
    )
    assert.deepEqual(
      readFileSync(join(copies[0], '.froga', 'reconstruct.json')),
      readFileSync(join(copies[1], '.froga', 'reconstruct.json')),
    )
    assert.equal(
      run(['verify', '--repo', copies[0], '--all'], withKey).status,
      0,
      'the fast path signed reconstruct.json verifiably',
    )
  })

  it(
    'the trust root (issue 15): repeated --key, --key=, ' +
      'SEI_TRUSTED_KEYS, --require-signed-acts, as oclif parses them',
    () => {
      const key = readFileSync(join(repo, '.froga', 'PUBKEY.txt'), 'utf8').trim()
      const other = `04${'ab'.repeat(64)}`
      assert.equal(same(['verify', '--repo', repo, '--key', other, `--key=${key}`], env, {fast: true}).status, 0)
      assert.equal(same(['verify', '--repo', repo, '--key', other], env, {fast: true}).status, 1)
      assert.equal(same(['verify', '--repo', tampered, '--key', key, '--all'], env, {fast: true}).status, 1)
      assert.equal(
        same(['verify', '--repo', repo], {...env, SEI_TRUSTED_KEYS: `${other},${key}`}, {fast: true}).status,
        0,
      )
      assert.equal(
        same(['verify', '--repo', repo, '--json'], {...env, SEI_TRUSTED_KEYS: 'nope'}, {fast: true}).status,
        2,
      )
      const novacredit = replayFixture('novacredit')
      const novaKey = readFileSync(join(novacredit, '.venth', 'PUBKEY.txt'), 'utf8').trim()
      assert.match(
        same(['status', '--repo', novacredit, '--key', novaKey], env, {fast: true}).stdout,
        /signature: VALID · key [0-9a-f]{64} \(pinned\)/,
      )
      assert.match(
        same(['status', '--repo', novacredit, '--key', other, '--json'], env, {fast: true}).stdout,
        /"valid": false/,
      )
      const retina = replayFixture('retina-screening')
      assert.equal(
        same(['reconstruct', '--repo', retina, '--as-of', '2026-06-01', '--require-signed-acts', '--key', other], env, {
          fast: true,
        }).status,
        1,
      )
      assert.equal(
        same(['reconstruct', '--repo', retina, '--require-signed-acts', '--json', '--as-of=2026-06-01'], env, {
          fast: true,
        }).status,
        0,
      )
      same(['status', '--repo', novacredit, '--key'], env, {fast: false})
    },
  )

  it(
    'shares the validated-manifest cache with oclif: a manifest ' +
      'validated by one is not validated again by the other',
    () => {
      const fresh = isolatedEnv()
      delete fresh.SEI_NO_FAST_PATH
      const novacredit = replayFixture('novacredit')
      const entries = () => readdirSync(join(fresh.SEI_CACHE_DIR!, 'manifests')).filter((n) => n.endsWith('.json'))
      assert.equal(run(['status', '--repo', novacredit], {...fresh, SEI_NO_FAST_PATH: '1'}).oclif, true)
      assert.equal(entries().length, 1)
      assert.equal(run(['status', '--repo', novacredit], fresh).oclif, false)
      assert.equal(entries().length, 1)
    },
  )

  it('leaves everything else to oclif: help, unknown or repeated flags, other spellings, other commands', () => {
    for (const args of [
      ['reconstruct', '--out=yes'],
      ['verify', '--help'],
      ['verify', '--bogus'],
      ['verify', '--all', '--all'],
      ['verify', `-r${repo}`],
      ['verify', 'extra'],
      ['-v'],
      ['status', '--all'],
      ['status', '-h'],
    ]) {
      same(args, env, {fast: false})
    }
  })

  it('leaves verify and status to oclif once a user plugin is installed (it could bring hooks)', () => {
    const withPlugin = {...env, SEI_DATA_DIR: mkdtempSync(join(work, 'data-'))}
    writeFileSync(
      join(withPlugin.SEI_DATA_DIR, 'package.json'),
      JSON.stringify({private: true, oclif: {plugins: [{name: 'x', type: 'user'}]}, dependencies: {x: '1.0.0'}}),
    )
    assert.equal(run(['verify', '--repo', repo], withPlugin).oclif, true)
    assert.equal(run(['status', '--repo', repo], withPlugin).oclif, true)
  })
})
