import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {URL_NAMESPACE, uuidV5} from '../../../src/engine/canonical/index.js'

describe('uuidV5', () => {
  it('matches RFC 9562 Appendix A.4 (www.example.com in the DNS namespace)', () => {
    assert.equal(
      uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com'),
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    )
  })
  it('takes the URL namespace of RFC 9562 Appendix C', () => {
    assert.equal(URL_NAMESPACE, '6ba7b811-9dad-11d1-80b4-00c04fd430c8')
  })
})
