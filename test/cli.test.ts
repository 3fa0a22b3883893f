import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {binRun, isolatedEnv, projectRoot, sei} from './helpers/cli.js'

const commands = [
  'init',
  'run',
  'status',
  'verify',
  'pubkey',
  'compile',
  'reconstruct',
  'assess',
  'soa',
  'conformance',
  'impact',
  'request',
  'approve',
  'review',
  'reject',
  'retire',
]

describe('the sei CLI', () => {
  it('lists the 16 commands of the reference plus plugins and autocomplete in --help', () => {
    const r = sei(['--help'])
    assert.equal(r.status, 0, r.stderr)
    for (const c of [...commands, 'plugins', 'autocomplete'])
      assert.match(r.stdout, new RegExp(`^  ${c}\\s`, 'm'), `--help lacks ${c}`)
  })

  it('prints its version', () => {
    const r = sei(['--version'])
    assert.equal(r.status, 0, r.stderr)
    const version = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).version
    assert.match(r.stdout, new RegExp(`^sei/${version.replaceAll('.', '\\.')} `))
  })

  it('a misspelt command is handed past the fast path to oclif, which suggests the command (plugin-not-found)', () => {
    // without a terminal there is nobody to ask: the warning and exit 127 (the shell's "command not found")
    const r = sei(['stauts'])
    assert.equal(r.status, 127, r.stderr)
    assert.match(r.stderr, /stauts is not a sei command/)
    // at a terminal (script(1) gives it one) the plugin offers the nearest command; "n" declines
    const tty = spawnSync('script', ['-qec', `${process.execPath} ${binRun} stauts`, '/dev/null'], {
      input: 'n\n',
      encoding: 'utf8',
      env: isolatedEnv() as NodeJS.ProcessEnv,
      timeout: 30_000,
    })
    assert.match(tty.stdout.replaceAll(/\u001B\[[0-9;?]*[A-Za-z]/g, ''), /Did you mean status\?/)
  })
})
