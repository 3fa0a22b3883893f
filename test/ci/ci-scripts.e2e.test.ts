import assert from 'node:assert/strict'
import {createHash, generateKeyPairSync} from 'node:crypto'
import {existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {before, describe, it} from 'node:test'
import {parse} from 'yaml'
import {projectRoot} from '../helpers/cli.js'
import {replayFixture} from '../helpers/fixtures.js'
import {bareEnv, buildTarball, pathWithoutNode, run} from '../packaging/standalone.js'

// The GitHub Action's scripts and the GitLab template's job script, run here as the runners would run
// them: on the standalone tarball, with no node on PATH, against a replayed reference fixture (quickstart:
// its signature verifies with its own key, and its lock is stale, so `sei status` is red, exit 1).

const script = (name: string) => join(projectRoot, 'scripts', 'ci', name)
const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix))
const outputs = (file: string) =>
  Object.fromEntries(
    readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(/=(.*)/s).slice(0, 2)),
  )

/** A P-256 public key that signed nothing here, as 130 hex characters (04‖x‖y). */
function strangerKey(): string {
  const jwk = generateKeyPairSync('ec', {namedCurve: 'P-256'}).publicKey.export({format: 'jwk'})
  return `04${Buffer.from(jwk.x!, 'base64url').toString('hex')}${Buffer.from(jwk.y!, 'base64url').toString('hex')}`
}

describe('CI scripts on the standalone tarball', () => {
  let tarball = ''
  let path = ''
  let bin = ''
  let formats = false

  before(() => {
    tarball = buildTarball()
    path = pathWithoutNode()
    const env = bareEnv(path, {SEI_TARBALL: tarball, SEI_INSTALL_DIR: tmp('sei-ci-install-'), RUNNER_TEMP: tmp('rt-')})
    const r = run('bash', [script('install.sh')], env)
    assert.equal(r.status, 0, r.stderr)
    bin = r.stdout.trim().split('\n').at(-1) as string
    formats = run(join(bin, 'sei'), ['status', '--help'], bareEnv(path)).stdout.includes('--format')
  })

  it('install.sh unpacks the tarball, checks its SHA-256, and hands its bin directory to $GITHUB_PATH', () => {
    const githubPath = join(tmp('sei-ci-gh-'), 'path')
    writeFileSync(githubPath, '')
    const sha = createHash('sha256').update(readFileSync(tarball)).digest('hex')
    const dest = tmp('sei-ci-install-')
    const env = bareEnv(path, {SEI_TARBALL: tarball, SEI_TARBALL_SHA256: sha, SEI_INSTALL_DIR: dest})
    const r = run('bash', [script('install.sh')], {...env, GITHUB_PATH: githubPath})
    assert.equal(r.status, 0, r.stderr)
    assert.equal(readFileSync(githubPath, 'utf8'), `${join(dest, 'sei', 'bin')}\n`)
    const version = run('bash', ['-c', 'PATH="$(cat "$1"):$PATH" sei --version', '_', githubPath], bareEnv(path))
    assert.match(version.stdout, /^sei\/0\.1\.0 linux-x64 node-v24\./)

    const other = tmp('sei-ci-install-')
    const bad = run('bash', [script('install.sh')], {
      ...env,
      SEI_INSTALL_DIR: other,
      SEI_TARBALL_SHA256: '0'.repeat(64),
    })
    assert.equal(bad.status, 3, bad.stderr)
    assert.match(bad.stderr, new RegExp(`has SHA-256 ${sha}, not the expected 0{64}`))
    assert.deepEqual(readdirSync(other), [], 'nothing unpacked from a tarball with the wrong hash')
  })

  it('status.sh gates with the trust root given as the action input, and records the exit code', () => {
    const repo = replayFixture('quickstart')
    const own = readFileSync(join(repo, '.froga', 'PUBKEY.txt'), 'utf8').trim()
    const gate = (keys: string) => {
      const out = join(tmp('sei-ci-out-'), 'output')
      writeFileSync(out, '')
      const cache = tmp('sei-ci-cache-')
      const env = bareEnv(`${bin}:${path}`, {SEI_REPO: repo, SEI_TRUSTED_KEYS: keys, GITHUB_OUTPUT: out})
      const r = run('bash', [script('status.sh')], {...env, SEI_CACHE_DIR: cache})
      return {...r, outputs: outputs(out), cached: readdirSync(cache).length}
    }
    const pinned = gate(own)
    assert.equal(pinned.status, 1, pinned.stderr)
    assert.match(pinned.stdout, /signature: VALID · key [0-9a-f]{64} \(pinned\)/)
    assert.match(pinned.stdout, /freshness: STALE/)
    assert.deepEqual(pinned.outputs, {'exit-code': '1'})
    assert.ok(pinned.cached > 0, 'sei wrote its cache where SEI_CACHE_DIR (the cached path) says')

    const stranger = gate(strangerKey())
    assert.equal(stranger.status, 1)
    assert.match(stranger.stdout, /firma INVÁLIDA/)
    assert.doesNotMatch(stranger.stdout, /freshness/, 'nothing else is reported on an invalid signature')

    const typo = gate('not-a-key')
    assert.equal(typo.status, 2, typo.stderr)
    assert.deepEqual(typo.outputs, {'exit-code': '2'})
  })

  it('status.sh writes the SARIF and JUnit files the workflow asks for, and names them as outputs', (t) => {
    if (!formats) return t.skip('this build of sei has no --format yet (issue 18 §1 is merged separately)')
    const repo = replayFixture('quickstart')
    const dir = tmp('sei-ci-reports-')
    const out = join(dir, 'output')
    writeFileSync(out, '')
    const files = {SEI_SARIF_FILE: join(dir, 'sei.sarif'), SEI_JUNIT_FILE: join(dir, 'sei-junit.xml')}
    const r = run('bash', [script('status.sh')], {
      ...bareEnv(`${bin}:${path}`, {SEI_REPO: repo, GITHUB_OUTPUT: out, ...files}),
    })
    assert.equal(r.status, 1, r.stderr)
    assert.deepEqual(outputs(out), {
      'exit-code': '1',
      'sarif-file': files.SEI_SARIF_FILE,
      'junit-file': files.SEI_JUNIT_FILE,
    })
    assert.equal(JSON.parse(readFileSync(files.SEI_SARIF_FILE, 'utf8')).version, '2.1.0')
    assert.match(readFileSync(files.SEI_JUNIT_FILE, 'utf8'), /<testsuites?[\s>]/)
  })

  it("the GitLab template's job script installs the tarball, gates, and writes the JUnit report", (t) => {
    if (!formats) return t.skip('this build of sei has no --format yet (issue 18 §1 is merged separately)')
    const template = parse(readFileSync(join(projectRoot, 'ci', 'gitlab', 'sei.gitlab-ci.yml'), 'utf8'))
    const job = template['.sei-status'] as {script: string[]; variables: Record<string, string>}
    const repo = replayFixture('quickstart')
    // What the runner does: the job's variables in the environment (GitLab expands $CI_PROJECT_DIR in
    // them), the script's lines in one shell, in the project directory.
    const vars = Object.fromEntries(
      Object.entries(job.variables).map(([k, v]) => [k, v.replace('$CI_PROJECT_DIR', repo)]),
    )
    const env = bareEnv(path, {...vars, CI_PROJECT_DIR: repo, SEI_TARBALL: tarball})
    const r = run('bash', ['-c', job.script.join('\n')], env, repo)
    assert.equal(r.status, 1, r.stderr)
    assert.match(r.stdout, /^sei\/0\.1\.0 /m)
    assert.match(r.stdout, /freshness: STALE/)
    assert.ok(existsSync(join(repo, 'sei-junit.xml')), 'the report GitLab collects')
    assert.ok(readdirSync(join(repo, '.sei-cache')).length > 0, 'the cache GitLab keeps')
  })
})
