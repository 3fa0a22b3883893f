import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {REVISION_SHA_LENGTH, shortSha} from '../../../src/engine/repo/index.js'

describe('shortSha', () => {
  const sha = '41abfe7c9d2e0b1a8f6e5d4c3b2a19080706f5e4'
  it('abbreviates as git log --oneline does (7), or to 12 for lists of bundle revisions', () => {
    assert.equal(shortSha(sha), '41abfe7')
    assert.equal(shortSha(sha, REVISION_SHA_LENGTH), '41abfe7c9d2e')
  })
})
