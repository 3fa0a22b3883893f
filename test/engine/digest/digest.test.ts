import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import {mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {Digester, digestCroissant, sha256FileHex} from '../../../src/engine/digest/index.js'
import {testDir} from '../../helpers/git-repo.js'

// Independent reference: coreutils sha256sum.
const sha256sum = (cwd: string, file: string) => execFileSync('sha256sum', ['--', file], {cwd, encoding: 'utf8'}).split(' ')[0]
const cacheDir = () => mkdtempSync(join(tmpdir(), 'sei-cache-'))
const past = (dir: string, file: string) => utimesSync(join(dir, file), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000))

describe('digest', () => {
  it('streams a file to the same sha256 as sha256sum (including a multi-chunk file)', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 17)
    for (let i = 0; i < big.length; i++) big[i] = (i * 31 + (i >> 11)) & 0xff
    const dir = testDir({'a.txt': 'hello\n', 'data/big.bin': big})
    assert.equal(await sha256FileHex(join(dir, 'data/big.bin')), sha256sum(dir, 'data/big.bin'))
    const d = new Digester(dir)
    assert.equal(await d.file('a.txt'), sha256sum(dir, 'a.txt'))
  })

  it('digests a directory as the sorted sha256sum listing of its files (recomputable with find|sort|sha256sum)', async () => {
    const dir = testDir({'ds/b.csv': 'b\n', 'ds/a.csv': 'a\n', 'ds/sub/Z.csv': 'z\n', 'ds/sub/y.csv': 'y\n'})
    const expected = execFileSync('bash', ['-c', "find . -type f | sed 's|^\\./||' | LC_ALL=C sort | xargs sha256sum | sha256sum"], {cwd: join(dir, 'ds'), encoding: 'utf8'}).split(' ')[0]
    assert.equal(await new Digester(dir).path('ds'), expected)
  })

  it('serves an unchanged file from the stat cache without reading it, and re-reads after any change', async () => {
    const dir = testDir({'data.csv': 'x,y\n1,2\n'})
    past(dir, 'data.csv')
    // ctime cannot be set back: wait out the racily-clean window (2 s) instead.
    await new Promise((r) => setTimeout(r, 2100))
    const cache = cacheDir()
    const first = new Digester(dir, {cacheDir: cache})
    const digest = await first.file('data.csv')
    assert.deepEqual(first.hashed, ['data.csv'])
    first.save()
    const second = new Digester(dir, {cacheDir: cache})
    assert.equal(await second.file('data.csv'), digest)
    assert.deepEqual(second.hashed, [], 'unchanged file must not be read again')
    // Same size, mtime put back: only ctime/inode betray the edit; the cache must not be fooled.
    const st = statSync(join(dir, 'data.csv'))
    writeFileSync(join(dir, 'data.csv'), 'x,y\n1,3\n')
    utimesSync(join(dir, 'data.csv'), st.atime, st.mtime)
    const third = new Digester(dir, {cacheDir: cache})
    assert.equal(await third.file('data.csv'), sha256sum(dir, 'data.csv'))
    assert.deepEqual(third.hashed, ['data.csv'])
  })

  it('does not trust a cache entry for a file modified just before it was hashed (racily clean)', async () => {
    const dir = testDir({'fresh.csv': 'a\n'})
    const cache = cacheDir()
    const first = new Digester(dir, {cacheDir: cache})
    await first.file('fresh.csv')
    first.save()
    const second = new Digester(dir, {cacheDir: cache})
    await second.file('fresh.csv')
    assert.deepEqual(second.hashed, ['fresh.csv'])
  })

  it('survives a corrupt cache file', async () => {
    const dir = testDir({'f': 'q\n'})
    past(dir, 'f')
    const cache = cacheDir()
    const d = new Digester(dir, {cacheDir: cache})
    await d.file('f')
    d.save()
    writeFileSync(d['cache'].file!, '{not json')
    assert.equal(await new Digester(dir, {cacheDir: cache}).file('f'), sha256sum(dir, 'f'))
  })

  it('refuses paths that leave the repository', async () => {
    const dir = testDir({'a': 'a'})
    await assert.rejects(new Digester(dir).file('../etc/passwd'), {code: 'PATH_OUTSIDE_REPO'})
  })
})

describe('croissant', () => {
  const descriptor = (files: object[]) => JSON.stringify({'@type': 'sc:Dataset', name: 'd', distribution: files})
  it('digests the descriptor bytes and each local FileObject, skipping remote ones', async () => {
    const dir = testDir({'data/a.csv': 'a,b\n1,2\n', 'data/d.json': descriptor([
      {'@type': 'cr:FileObject', '@id': 'a', contentUrl: 'data/a.csv'},
      {'@type': 'cr:FileObject', '@id': 'r', contentUrl: 'https://example.org/x.csv'},
    ])})
    const c = await digestCroissant(new Digester(dir), 'data/d.json')
    assert.equal(c.descriptor, sha256sum(dir, 'data/d.json'))
    assert.deepEqual(c.files, [{path: 'data/a.csv', sha256: sha256sum(dir, 'data/a.csv')}])
    assert.deepEqual(c.skipped, ['https://example.org/x.csv'])
  })

  it('accepts a declared sha256 that matches and rejects one that does not (exit 2, naming the file)', async () => {
    const dir = testDir({'data/a.csv': 'a,b\n1,2\n'})
    const good = sha256sum(dir, 'data/a.csv')
    writeFileSync(join(dir, 'data/d.json'), descriptor([{'@type': 'cr:FileObject', contentUrl: 'data/a.csv', sha256: good}]))
    assert.equal((await digestCroissant(new Digester(dir), 'data/d.json')).files[0].sha256, good)
    writeFileSync(join(dir, 'data/a.csv'), 'a,b\n1,9\n')
    await assert.rejects(digestCroissant(new Digester(dir), 'data/d.json'), (e: {code: string; exit: number; message: string}) => {
      assert.equal(e.code, 'DATA_DIGEST_MISMATCH')
      assert.equal(e.exit, 2)
      assert.match(e.message, /data\/a\.csv/)
      return true
    })
  })

  it('refuses a contentUrl that leaves the repository', async () => {
    const dir = testDir({'d.json': descriptor([{'@type': 'cr:FileObject', contentUrl: '../../etc/passwd'}])})
    await assert.rejects(digestCroissant(new Digester(dir), 'd.json'), {code: 'PATH_OUTSIDE_REPO'})
  })

  it('matches the reference quickstart descriptor: every declared sha256 verifies against the exported data', async () => {
    const {fileVersions} = await import('../../helpers/fixtures.js')
    const [desc] = fileVersions('quickstart', (p) => p === 'data/student.croissant.json').slice(-1)
    const [csv] = fileVersions('quickstart', (p) => p === 'data/student-mat.csv').slice(-1)
    const dir = testDir({'data/student.croissant.json': desc.content, 'data/student-mat.csv': csv.content})
    const c = await digestCroissant(new Digester(dir), 'data/student.croissant.json')
    assert.equal(c.files.length, 1)
    assert.equal(c.files[0].sha256, JSON.parse(readFileSync(join(dir, 'data/student.croissant.json'), 'utf8')).distribution[0].sha256)
  })
})
