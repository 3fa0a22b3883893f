import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {canonicalJson} from '../../../src/engine/canonical/index.js'

describe('canonicalJson', () => {
  it('sorts keys at every level, writes no space and drops undefined members', () => {
    const text = canonicalJson({b: [{z: 1, a: 'x'}], a: {d: null, c: undefined}, _t: true})
    assert.equal(text, '{"_t":true,"a":{"d":null},"b":[{"a":"x","z":1}]}')
  })
  it('writes undefined alone as null', () => {
    assert.equal(canonicalJson(undefined), 'null')
  })
})
