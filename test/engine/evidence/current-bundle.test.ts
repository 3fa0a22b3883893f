import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import type {SeiError} from '../../../src/engine/errors.js'
import {readCurrentBundle, requireCurrentBundle} from '../../../src/engine/evidence/index.js'
import {testDir} from '../../helpers/git-repo.js'

// One reader of the work tree's bundle, one failure behaviour (status, approve, assess, soa, conformance).
describe('readCurrentBundle', () => {
  it('reads the bytes and the object of .sei/bundle.json', () => {
    const dir = testDir({'.sei/bundle.json': '{"control_results": []}'})
    const read = readCurrentBundle(dir, '.sei')
    assert.equal(read?.file, '.sei/bundle.json')
    assert.equal(read?.bytes.toString('utf8'), '{"control_results": []}')
    assert.deepEqual(read?.bundle, {control_results: []})
  })

  it('no bundle yet: undefined, and NO_EVIDENCE (exit 1, an action) when one is required', () => {
    const dir = testDir({'.sei/PUBKEY.txt': 'x'})
    assert.equal(readCurrentBundle(dir, '.sei'), undefined)
    assert.throws(
      () => requireCurrentBundle(dir, '.sei'),
      (e: SeiError) => e.code === 'NO_EVIDENCE' && e.exit === 1 && e.actions.length > 0,
    )
  })

  it('a damaged bundle is BUNDLE_INVALID located at its line and column, never "no bundle"', () => {
    // the stray comma leaves "}" where a key must be: line 3, column 1
    const dir = testDir({'.sei/bundle.json': '{\n  "a": 1,\n}\n'})
    assert.throws(
      () => readCurrentBundle(dir, '.sei'),
      (e: SeiError) => {
        assert.equal(e.code, 'BUNDLE_INVALID')
        assert.equal(e.exit, 1)
        assert.deepEqual(e.where, {file: '.sei/bundle.json', line: 3, col: 1})
        assert.ok(e.actions.length > 0)
        return true
      },
    )
    const array = testDir({'.sei/bundle.json': '[1]'})
    assert.throws(
      () => readCurrentBundle(array, '.sei'),
      /\.sei\/bundle\.json is not a valid evidence bundle: not a JSON object/,
    )
  })
})
