import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import {cpSync, existsSync, mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {it} from 'node:test'
import {projectRoot} from '../helpers/cli.js'
import {replayFixture} from '../helpers/fixtures.js'
import {hasPythonEnv, pythonBin} from '../helpers/python.js'
import {readmeLine} from '../helpers/readme.js'
import {run} from './standalone.js'

// `npm pack` of the CLI installs with `npm i -g` (issue 7 item 3): the bundled workspace plugins
// travel inside the package (bundleDependencies), the rest comes from the registry.
it('npm pack output installs with `npm i -g --prefix` and runs', () => {
  const out = mkdtempSync(join(tmpdir(), 'sei-npm-pack-'))
  const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', out], {
    cwd: projectRoot,
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .at(-1) as string
  const prefix = mkdtempSync(join(tmpdir(), 'sei-npm-global-'))
  execFileSync('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', join(out, name)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 600_000,
  })
  const home = mkdtempSync(join(tmpdir(), 'sei-home-'))
  // The installed bin runs on the node found on PATH: the project's Node 24, as a user's would be.
  const env = {PATH: `${join(prefix, 'bin')}:${dirname(process.execPath)}:/usr/bin:/bin`, HOME: home, NO_COLOR: '1'}
  const version = run(join(prefix, 'bin', 'sei'), ['--version'], env)
  assert.equal(version.status, 0, version.stderr)
  assert.match(version.stdout, /^sei\/0\.1\.0 linux-x64 node-v24\./)
  const help = run(join(prefix, 'bin', 'sei'), ['--help'], env)
  for (const cmd of ['init', 'run', 'status', 'verify', 'conformance', 'plugins', 'autocomplete'])
    assert.match(help.stdout, new RegExp(`^ {2}${cmd}\\s`, 'm'), cmd)
  // A command that goes through the bundled plugins and the engine: verify of a reference fixture.
  const verify = run(join(prefix, 'bin', 'sei'), ['verify', '--repo', replayFixture('quickstart')], env)
  assert.equal(verify.status, 0, verify.stderr)
  assert.match(verify.stdout, /valid signature/)
  // status from the installed start-up bundle (lib/fast), its plugins found inside the package, as oclif finds them
  assert.ok(
    existsSync(join(prefix, 'lib', 'node_modules', 'sei', 'lib', 'fast', 'fast-path.cjs')),
    'lib/fast is in the package',
  )
  const repo = replayFixture('novacredit')
  const fast = run(join(prefix, 'bin', 'sei'), ['status', '--repo', repo], env)
  const slow = run(join(prefix, 'bin', 'sei'), ['status', '--repo', repo], {...env, SEI_NO_FAST_PATH: '1'})
  assert.equal(fast.status, 1, fast.stderr)
  assert.match(fast.stderr, /advisory: \d+ proposed risk/)
  assert.deepEqual(fast, slow)
  // README's securesystemslib line, with SEI_DIR as README says: `$(npm root -g)/sei`, here under the prefix.
  if (!hasPythonEnv) return
  const work = mkdtempSync(join(tmpdir(), 'sei-export-'))
  cpSync(join(replayFixture('quickstart'), '.froga'), join(work, '.sei'), {recursive: true})
  const root = run('npm', ['root', '--global', '--prefix', prefix], {...env, PATH: process.env.PATH ?? ''})
  const recipeEnv = {...env, PATH: `${pythonBin}:${env.PATH}`, SEI_DIR: join(root.stdout.trim(), 'sei')}
  const recipe = run('bash', ['-c', readmeLine('python3 "$SEI_DIR/scripts/verify_dsse.py" ')], recipeEnv, work)
  assert.equal(recipe.status, 0, recipe.stderr)
  assert.equal(recipe.stdout, 'securesystemslib: valid\n')
})
