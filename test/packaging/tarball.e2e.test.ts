import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import {cpSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {before, describe, it} from 'node:test'
import {projectRoot} from '../helpers/cli.js'
import {replayFixture} from '../helpers/fixtures.js'
import {hasPythonEnv, pythonBin} from '../helpers/python.js'
import {readmeLine} from '../helpers/readme.js'
import {makeStandardPlugin, packPlugin} from '../engine/plugins/plugin-factory.js'
import {bareEnv, buildTarball, pathWithoutNode, run} from './standalone.js'

// The standalone tarball (issue 7 item 3): built by scripts/pack-tarball.sh with Node 24 from the npm
// registry, unpacked in an empty directory and run with no node on PATH at all.
describe('standalone linux-x64 tarball', () => {
  let sei = ''
  let dir = ''
  let path = ''
  const pinned = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).devDependencies.node as string

  before(() => {
    const tarball = buildTarball()
    dir = mkdtempSync(join(tmpdir(), 'sei-standalone-'))
    execFileSync('tar', ['-xzf', tarball, '-C', dir])
    sei = join(dir, 'sei', 'bin', 'sei')
    path = pathWithoutNode()
    process.stderr.write(`# tarball ${tarball}: ${statSync(tarball).size} bytes\n`)
  })

  it('runs with no node on PATH, on the Node it bundles (the version the project pins)', () => {
    const env = bareEnv(path)
    assert.notEqual(run('bash', ['-c', 'command -v node'], env).status, 0, 'the test PATH must not find any node')
    const r = run(sei, ['--version'], env)
    assert.equal(r.status, 0, r.stderr)
    assert.equal(r.stdout.trim(), `sei/0.1.0 linux-x64 node-v${pinned}`)
    assert.equal(run(join(dir, 'sei', 'bin', 'node'), ['--version'], env).stdout.trim(), `v${pinned}`)
  })

  it('verifies the signed evidence of a replayed reference fixture', () => {
    const repo = replayFixture('quickstart')
    const r = run(sei, ['verify', '--repo', repo], bareEnv(path))
    assert.equal(r.status, 0, r.stderr)
    assert.match(r.stdout, /valid signature/)
    // The same check must fail on one changed byte: it really verifies, in the standalone build.
    const copy = join(mkdtempSync(join(tmpdir(), 'sei-tamper-')), 'repo')
    assert.equal(
      run('bash', ['-c', 'cp -r "$1" "$2" && printf " " >> "$2/.froga/bundle.json"', '_', repo, copy], bareEnv(path))
        .status,
      0,
    )
    const bad = run(sei, ['verify', '--repo', copy], bareEnv(path))
    assert.equal(bad.status, 1, bad.stdout + bad.stderr)
  })

  it('verifies an exported evidence folder (verify DIR) and ships the securesystemslib recipe that checks it', {
    skip: !hasPythonEnv && 'no project Python env (bash scripts/setup-python.sh)',
  }, () => {
    const work = mkdtempSync(join(tmpdir(), 'sei-export-'))
    cpSync(join(replayFixture('retina-screening'), '.froga'), join(work, '.sei'), {recursive: true})
    const verified = run(sei, ['verify', '.sei', '--all'], bareEnv(path), work)
    assert.equal(verified.status, 0, verified.stdout + verified.stderr)
    assert.match(verified.stdout, /^ok {3}\.sei\/reconstruct\.json$/m)
    assert.match(verified.stdout, /firma VÁLIDA .*unpinned/)
    // README's line as written, with SEI_DIR the unpacked tarball's sei/ and the project's Python first on PATH.
    const env = bareEnv(`${pythonBin}:${path}`, {SEI_DIR: join(dir, 'sei')})
    const recipe = run('bash', ['-c', readmeLine('python3 "$SEI_DIR/scripts/verify_dsse.py" ')], env, work)
    assert.equal(recipe.status, 0, recipe.stderr)
    assert.equal(recipe.stdout, 'securesystemslib: valid\n')
  })

  it('ships no build-only dependency (typebox builds the schema only)', () => {
    assert.ok(existsSync(join(dir, 'sei', 'node_modules', 'yaml')), 'run-time dependencies are there')
    assert.equal(existsSync(join(dir, 'sei', 'node_modules', 'typebox')), false)
  })

  it('ships the start-up bundle: status runs without oclif and says what oclif says', () => {
    assert.ok(statSync(join(dir, 'sei', 'lib', 'fast', 'fast-path.cjs')).isFile(), 'lib/fast is in the tarball')
    const repo = replayFixture('novacredit')
    const fast = run(sei, ['status', '--repo', repo], bareEnv(path))
    const slow = run(sei, ['status', '--repo', repo], {...bareEnv(path), SEI_NO_FAST_PATH: '1'})
    assert.equal(fast.status, 1, fast.stderr)
    assert.match(fast.stdout, /freshness: STALE/)
    assert.match(fast.stderr, /advisory: \d+ proposed risk/, 'every bundled standards plugin answered')
    assert.deepEqual(fast, slow)
  })

  it('installs a packed third-party plugin with `sei plugins install` and its engine discovers it', () => {
    const env = bareEnv(path)
    const tgz = packPlugin(makeStandardPlugin({name: 'sei-standard-standalone', ids: ['test/standalone@2026']}))
    const install = run(sei, ['plugins', 'install', `file:${tgz}`], env)
    assert.equal(install.status, 0, install.stderr)
    assert.match(run(sei, ['plugins'], env).stdout, /sei-standard-standalone 1\.0\.0/)
    // Ask the engine of the unpacked installation itself (its lib and its @oclif/core, on its node).
    const probe = join(dir, 'sei', 'probe-standards.mjs')
    writeFileSync(
      probe,
      `import {Config} from '@oclif/core'\n` +
        `import {listStandards, seiPlugins} from './lib/src/engine/plugins/index.js'\n` +
        `const config = await Config.load(import.meta.dirname)\n` +
        `console.log(JSON.stringify({standards: [...(await listStandards(config)).keys()], plugins: ` +
        `seiPlugins(config).map((p) => [p.plugin, p.type])}))\n`,
    )
    const r = run(join(dir, 'sei', 'bin', 'node'), [probe], env)
    assert.equal(r.status, 0, r.stderr)
    const found = JSON.parse(r.stdout)
    assert.ok(found.standards.includes('test/standalone@2026'), r.stdout)
    assert.deepEqual(
      found.plugins.find((p: string[]) => p[0] === 'sei-standard-standalone'),
      ['sei-standard-standalone', 'user'],
    )
    assert.deepEqual(
      found.plugins.find((p: string[]) => p[0] === '@sei/signer-local'),
      ['@sei/signer-local', 'core'],
    )
  })
})
