import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {SEI_PLUGIN_API} from '@sei/sdk'
import {blockProblem} from '../../../src/engine/plugins/index.js'

describe('plugin "sei" block', () => {
  it('accepts a well-formed block of the API this sei speaks', () => {
    assert.equal(SEI_PLUGIN_API, 1)
    assert.equal(blockProblem({kind: 'standard', provides: ['iso/23894@2023'], api: 1}, ['sei:standards']), undefined)
    assert.equal(blockProblem({kind: 'signer', provides: ['local'], api: 1}, ['sei:signers']), undefined)
  })

  it('explains each way a block can be wrong', () => {
    const cases: [unknown, string[], RegExp][] = [
      [undefined, ['sei:standards'], /answers sei:standards but its package.json has no "sei" block/],
      ['standard', ['sei:standards'], /"sei" block is not an object/],
      [{kind: 'standard', provides: ['a@1'], api: 2}, ['sei:standards'], /written for sei plugin API 2; this sei speaks API 1/],
      [{kind: 'standard', provides: ['a@1']}, ['sei:standards'], /no valid "api" \(expected the number 1, found nothing\)/],
      [{kind: 'standard', provides: ['a@1'], api: '1'}, ['sei:standards'], /no valid "api" \(expected the number 1, found "1"\)/],
      [{kind: 'catalog', provides: ['a@1'], api: 1}, ['sei:standards'], /kind "catalog"; expected one of signer, reproducer, standard/],
      [{kind: 'standard', provides: [], api: 1}, ['sei:standards'], /non-empty list/],
      [{kind: 'standard', provides: ['a@1', 'a@1'], api: 1}, ['sei:standards'], /lists an id twice/],
      [{kind: 'signer', provides: ['x'], api: 1}, ['sei:standards'], /declares kind "signer" but answers sei:standards/],
      [{kind: 'standard', provides: ['a@1'], api: 1}, [], /answers no sei hook/],
    ]
    for (const [block, events, expected] of cases) assert.match(blockProblem(block, events as never) ?? '', expected, JSON.stringify(block))
  })
})
