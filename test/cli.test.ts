import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {projectRoot, sei} from './helpers/cli.js'

const commands = ['init', 'run', 'status', 'verify', 'pubkey', 'compile', 'reconstruct', 'assess', 'soa', 'conformance', 'impact', 'request', 'approve', 'review', 'reject', 'retire']

describe('the sei CLI', () => {
  it('lists the 16 commands of the reference plus plugins and autocomplete in --help', () => {
    const r = sei(['--help'])
    assert.equal(r.status, 0, r.stderr)
    for (const c of [...commands, 'plugins', 'autocomplete']) assert.match(r.stdout, new RegExp(`^  ${c}\\s`, 'm'), `--help lacks ${c}`)
  })

  it('prints its version', () => {
    const r = sei(['--version'])
    assert.equal(r.status, 0, r.stderr)
    const version = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).version
    assert.match(r.stdout, new RegExp(`^sei/${version.replaceAll('.', '\\.')} `))
  })
})
