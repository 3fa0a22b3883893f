import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {dvcPointerHash} from '@sei/sdk'
import {testDir} from '../../helpers/git-repo.js'

// The one reader of `.dvc` pointers, shared by the DVC and the Dagster reproducers.
describe('dvcPointerHash', () => {
  it('keeps an md5 of digits only as the string DVC wrote (YAML would read a number)', async () => {
    const md5 = '12345678901234567890123456789012' // hand-written: 32 digits, a valid md5 text
    const dir = testDir({'wards.csv.dvc': `outs:\n- md5: ${md5}\n  size: 3\n  hash: md5\n  path: wards.csv\n`})
    assert.deepEqual(await dvcPointerHash(dir, 'wards.csv'), {algorithm: 'md5', value: md5, source: 'wards.csv.dvc'})
  })

  it('reads a pointer in a sub-directory, its out path relative to the pointer', async () => {
    const md5 = 'd41d8cd98f00b204e9800998ecf8427e.dir'
    const dir = testDir({'data/raw.dvc': `outs:\n- md5: ${md5}\n  path: raw\n`})
    assert.deepEqual(await dvcPointerHash(dir, 'data/raw'), {algorithm: 'md5', value: md5, source: 'data/raw.dvc'})
    assert.deepEqual(await dvcPointerHash(dir, './data/raw'), {algorithm: 'md5', value: md5, source: 'data/raw.dvc'})
  })

  it('no pointer, or one for another path: undefined; a pointer that is not YAML: an error naming it', async () => {
    const dir = testDir({'a.csv.dvc': 'outs:\n- md5: 0123\n  path: b.csv\n', 'c.csv.dvc': 'outs: [\n'})
    assert.equal(await dvcPointerHash(dir, 'missing.csv'), undefined)
    assert.equal(await dvcPointerHash(dir, 'a.csv'), undefined)
    await assert.rejects(dvcPointerHash(dir, 'c.csv'), /^Error: c\.csv\.dvc: /)
  })
})
