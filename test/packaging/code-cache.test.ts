import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {existsSync, readdirSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {binRun, isolatedEnv, projectRoot} from '../helpers/cli.js'
import {gitRepo} from '../helpers/git-repo.js'

// bin/load-fast-path.js keeps a V8 code cache of the start-up bundle in the CLI's cache dir (ADR 0012): written
// by a command's second run, read by the later ones, refused by V8 and rewritten when it does not fit, and
// named after the bundle, so that a cache of another build is never read and is removed.

const codeDir = (env: Record<string, string | undefined>) => join(env.SEI_CACHE_DIR!, 'code')
const run = (args: string[], env: Record<string, string | undefined>, cwd = projectRoot) => {
  const r = spawnSync(process.execPath, [binRun, ...args], {env: env as NodeJS.ProcessEnv, cwd, encoding: 'utf8'})
  return {status: r.status, stdout: r.stdout, stderr: r.stderr}
}
const caches = (env: Record<string, string | undefined>) =>
  existsSync(codeDir(env)) ? readdirSync(codeDir(env)).filter((f) => f.endsWith('.bin')) : []

describe('the start-up code cache', () => {
  it('is written by the second run of a command, then read (the output never changes)', () => {
    const env = isolatedEnv()
    const repo = gitRepo({'README.md': 'no manifest here\n'})
    const first = run(['status'], env, repo)
    assert.equal(first.status, 2, first.stderr) // no sei.yaml: a located error, from the fast path
    assert.deepEqual(caches(env), [], 'a command run once leaves no code cache')
    const second = run(['status'], env, repo)
    const [cache] = caches(env)
    assert.match(cache ?? '', /^fast-path-v\d+.*-status\.bin$/)
    assert.ok(statSync(join(codeDir(env), cache)).size > 10_000, 'the cache holds compiled code')
    const written = statSync(join(codeDir(env), cache)).mtimeMs
    const third = run(['status'], env, repo)
    assert.equal(statSync(join(codeDir(env), cache)).mtimeMs, written, 'a cache V8 accepts is not rewritten')
    for (const r of [second, third]) assert.deepEqual(r, first)
    // Another command has its own cache: it calls other functions.
    run(['--version'], env)
    run(['--version'], env)
    assert.deepEqual(caches(env).sort(), [cache, cache.replace('-status.bin', '-version.bin')].sort())
  })

  it('rewrites a cache V8 refuses, and removes the caches of other builds', () => {
    const env = isolatedEnv()
    const version = run(['--version'], env)
    run(['--version'], env)
    const [cache] = caches(env)
    const path = join(codeDir(env), cache)
    writeFileSync(path, Buffer.alloc(4096, 7)) // not a code cache V8 can use
    const older = join(codeDir(env), 'fast-path-v1.0.0-x64-1-2-3-4-status.bin')
    writeFileSync(older, 'a cache of another build')
    assert.deepEqual(run(['--version'], env), version)
    assert.ok(statSync(path).size > 10_000, 'the refused cache was written again')
    assert.ok(!existsSync(older), "another build's cache is removed")
  })
})
