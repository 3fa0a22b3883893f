import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {SEI_PLUGIN_API} from '@sei/sdk'
import {blockProblem} from '../../../src/engine/plugins/index.js'

describe('plugin "sei" block', () => {
  it('accepts a well-formed block of the API this sei speaks', () => {
    assert.equal(SEI_PLUGIN_API, 2)
    assert.equal(blockProblem({kind: 'standard', provides: ['iso/23894@2023'], api: 2}, ['sei:standards']), undefined)
    assert.equal(blockProblem({kind: 'reproducer', provides: ['dvc'], api: 2}, ['sei:reproducers']), undefined)
  })

  it('keeps accepting API 1 signers and standards (their contract did not change), not API 1 reproducers', () => {
    assert.equal(blockProblem({kind: 'standard', provides: ['iso/23894@2023'], api: 1}, ['sei:standards']), undefined)
    assert.equal(blockProblem({kind: 'signer', provides: ['local'], api: 1}, ['sei:signers']), undefined)
    assert.match(
      blockProblem({kind: 'reproducer', provides: ['dvc'], api: 1}, ['sei:reproducers']) ?? '',
      /written for sei plugin API 1; this sei accepts API 2 for a reproducer/,
    )
  })

  it('explains each way a block can be wrong', () => {
    const cases: [unknown, string[], RegExp][] = [
      [undefined, ['sei:standards'], /answers sei:standards but its package.json has no "sei" block/],
      ['standard', ['sei:standards'], /"sei" block is not an object/],
      [
        {kind: 'standard', provides: ['a@1'], api: 3},
        ['sei:standards'],
        /written for sei plugin API 3; this sei accepts API 1 or 2 for a standard/,
      ],
      [
        {kind: 'standard', provides: ['a@1']},
        ['sei:standards'],
        /no valid "api" \(expected the number 2, found nothing\)/,
      ],
      [
        {kind: 'standard', provides: ['a@1'], api: '1'},
        ['sei:standards'],
        /no valid "api" \(expected the number 2, found "1"\)/,
      ],
      [
        {kind: 'catalog', provides: ['a@1'], api: 1},
        ['sei:standards'],
        /kind "catalog"; expected one of signer, reproducer, standard/,
      ],
      [{kind: 'standard', provides: [], api: 1}, ['sei:standards'], /non-empty list/],
      [{kind: 'standard', provides: ['a@1', 'a@1'], api: 1}, ['sei:standards'], /lists an id twice/],
      [
        {kind: 'signer', provides: ['x'], api: 1},
        ['sei:standards'],
        /declares kind "signer" but answers sei:standards/,
      ],
      [{kind: 'standard', provides: ['a@1'], api: 1}, [], /answers no sei hook/],
    ]
    for (const [block, events, expected] of cases)
      assert.match(blockProblem(block, events as never) ?? '', expected, JSON.stringify(block))
  })
})
