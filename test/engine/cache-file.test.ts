import assert from 'node:assert/strict'
import {mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {writeCacheFile} from '../../src/engine/cache-file.js'

describe('writeCacheFile', () => {
  it('creates the folder, replaces the entry and leaves no temp file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sei-cache-file-'))
    const path = join(dir, 'a', 'b', 'entry.json')
    assert.equal(writeCacheFile(path, 'one'), true)
    assert.equal(writeCacheFile(path, 'two'), true)
    assert.equal(readFileSync(path, 'utf8'), 'two')
    assert.deepEqual(readdirSync(join(dir, 'a', 'b')), ['entry.json'])
  })

  it('returns false without throwing when the cache dir cannot be written, and leaves nothing behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sei-cache-file-'))
    writeFileSync(join(dir, 'file'), 'x') // a file where the cache dir would be: ENOTDIR, even for root
    assert.equal(writeCacheFile(join(dir, 'file', 'entry.json'), 'data'), false)
    assert.deepEqual(readdirSync(dir), ['file'])
  })
})
