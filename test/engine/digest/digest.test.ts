import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import {mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {Digester, sha256FileHex} from '../../../src/engine/digest/index.js'
import {assembleGraph, digestGraph} from '../../../src/engine/graph/index.js'
import type {Manifest} from '../../../src/engine/manifest/index.js'
import {testDir} from '../../helpers/git-repo.js'

// Independent reference: coreutils sha256sum.
const sha256sum = (cwd: string, file: string) =>
  execFileSync('sha256sum', ['--', file], {cwd, encoding: 'utf8'}).split(' ')[0]
const cacheDir = () => mkdtempSync(join(tmpdir(), 'sei-cache-'))
const past = (dir: string, file: string) =>
  utimesSync(join(dir, file), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000))

describe('digest', () => {
  it('streams a file to the same sha256 as sha256sum (including a multi-chunk file)', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 17)
    for (let i = 0; i < big.length; i++) big[i] = (i * 31 + (i >> 11)) & 0xff
    const dir = testDir({'a.txt': 'hello\n', 'data/big.bin': big})
    assert.equal(await sha256FileHex(join(dir, 'data/big.bin')), sha256sum(dir, 'data/big.bin'))
    const d = new Digester(dir)
    assert.equal(await d.file('a.txt'), sha256sum(dir, 'a.txt'))
  })

  it('digests a directory as the sorted sha256sum listing of its files (find|sort|sha256sum gives it)', async () => {
    const dir = testDir({'ds/b.csv': 'b\n', 'ds/a.csv': 'a\n', 'ds/sub/Z.csv': 'z\n', 'ds/sub/y.csv': 'y\n'})
    const expected = execFileSync(
      'bash',
      ['-c', "find . -type f | sed 's|^\\./||' | LC_ALL=C sort | xargs sha256sum | sha256sum"],
      {cwd: join(dir, 'ds'), encoding: 'utf8'},
    ).split(' ')[0]
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
    const dir = testDir({f: 'q\n'})
    past(dir, 'f')
    const cache = cacheDir()
    const d = new Digester(dir, {cacheDir: cache})
    await d.file('f')
    d.save()
    writeFileSync((d as unknown as {cache: {file?: string}}).cache.file!, '{not json')
    assert.equal(await new Digester(dir, {cacheDir: cache}).file('f'), sha256sum(dir, 'f'))
  })

  it('refuses paths that leave the repository', async () => {
    const dir = testDir({a: 'a'})
    await assert.rejects(new Digester(dir).file('../etc/passwd'), {code: 'PATH_OUTSIDE_REPO'})
  })
})

describe('croissant', () => {
  const descriptor = (files: object[]) =>
    JSON.stringify({'@type': 'sc:Dataset', name: 'd', distribution: files}, null, 2)
  const graphOf = async (dir: string, path: string) =>
    digestGraph(new Digester(dir), await assembleGraph(dir, {dataset: {croissant: path}} as Manifest, {}))

  it('digests the descriptor and each local FileObject as data inputs; a remote one pinned by its sha256', async () => {
    const pin = 'ab'.repeat(32)
    const dir = testDir({
      'data/a.csv': 'a,b\n1,2\n',
      'data/d.json': descriptor([
        {'@type': 'cr:FileObject', '@id': 'a', contentUrl: 'data/a.csv'},
        {'@type': 'cr:FileObject', '@id': 'r', contentUrl: 'https://example.org/x.csv', sha256: pin},
      ]),
    })
    const g = await graphOf(dir, 'data/d.json')
    assert.equal(g.croissant?.descriptor, sha256sum(dir, 'data/d.json'))
    assert.deepEqual(
      g.inputs.map((i) => [i.id, i.now, i.present]),
      [
        ['data:data/a.csv', `sha256:${sha256sum(dir, 'data/a.csv')}`, true],
        ['data:https://example.org/x.csv', `sha256:${pin}`, false],
      ],
    )
    assert.deepEqual(g.pinnedNotes, ['https://example.org/x.csv not in the workspace: pinned by data/d.json'])
  })

  it('refuses a remote contentUrl without a declared sha256, located in the descriptor (exit 2)', async () => {
    const dir = testDir({'data/d.json': descriptor([{'@type': 'cr:FileObject', contentUrl: 'file:///srv/x.csv'}])})
    await assert.rejects(
      graphOf(dir, 'data/d.json'),
      (e: {code: string; exit: number; where: {file: string; line: number; col: number}}) => {
        assert.equal(e.code, 'CROISSANT_REMOTE_UNPINNED')
        assert.equal(e.exit, 2)
        // Hand-counted: the contentUrl value sits on line 7 of the pretty-printed descriptor.
        assert.deepEqual({file: e.where.file, line: e.where.line}, {file: 'data/d.json', line: 7})
        return true
      },
    )
  })

  it('reports a file that differs from its declared sha256 as a mismatch of that input, not an error', async () => {
    const dir = testDir({'data/a.csv': 'a,b\n1,2\n'})
    const good = sha256sum(dir, 'data/a.csv')
    writeFileSync(
      join(dir, 'data/d.json'),
      descriptor([{'@type': 'cr:FileObject', contentUrl: 'data/a.csv', sha256: good}]),
    )
    assert.deepEqual((await graphOf(dir, 'data/d.json')).mismatches, [])
    writeFileSync(join(dir, 'data/a.csv'), 'a,b\n1,9\n')
    const g = await graphOf(dir, 'data/d.json')
    assert.deepEqual(
      g.mismatches.map((m) => m.line),
      ['data/a.csv (data) differs from the sha256 recorded in data/d.json'],
    )
    assert.equal(g.inputs[0].now, `sha256:${sha256sum(dir, 'data/a.csv')}`)
  })

  it('judges an absent file with a declared sha256 by it', async () => {
    const dir = testDir({
      'data/d.json': descriptor([{'@type': 'cr:FileObject', contentUrl: 'data/a.csv', sha256: 'cd'.repeat(32)}]),
    })
    const g = await graphOf(dir, 'data/d.json')
    assert.equal(g.inputs[0].now, `sha256:${'cd'.repeat(32)}`)
    assert.deepEqual(g.pinnedNotes, ['data/a.csv not in the workspace: pinned by data/d.json'])
  })

  it('refuses a contentUrl that leaves the repository', async () => {
    const dir = testDir({'d.json': descriptor([{'@type': 'cr:FileObject', contentUrl: '../../etc/passwd'}])})
    await assert.rejects(graphOf(dir, 'd.json'), {code: 'PATH_OUTSIDE_REPO'})
  })

  it('matches the reference quickstart descriptor: each declared sha256 verifies against the data', async () => {
    const {fileVersions} = await import('../../helpers/fixtures.js')
    const [desc] = fileVersions('quickstart', (p) => p === 'data/student.croissant.json').slice(-1)
    const [csv] = fileVersions('quickstart', (p) => p === 'data/student-mat.csv').slice(-1)
    const dir = testDir({'data/student.croissant.json': desc.content, 'data/student-mat.csv': csv.content})
    const g = await graphOf(dir, 'data/student.croissant.json')
    assert.equal(g.inputs.length, 1)
    assert.deepEqual(g.mismatches, [])
    assert.equal(
      g.inputs[0].now,
      `sha256:${JSON.parse(readFileSync(join(dir, 'data/student.croissant.json'), 'utf8')).distribution[0].sha256}`,
    )
  })
})

describe('DVC hashes', () => {
  // Independent reference: md5sum for files; a directory's .dir hash hand-computed from NOTES-toolchain's rule
  // with python's json.
  it("md5 of a file equals md5sum; a directory gives DVC's .dir hash (python json.dumps, sort_keys)", async () => {
    const dir = testDir({'ds/b.csv': 'b\n', 'ds/a.csv': 'a\n', 'ds/sub/é.csv': 'e\n', 'one.csv': '1\n'})
    const d = new Digester(dir)
    assert.equal(
      await d.digest('one.csv', 'md5'),
      execFileSync('md5sum', ['one.csv'], {cwd: dir, encoding: 'utf8'}).split(' ')[0],
    )
    const py =
      "import hashlib,json,os\nrows=[]\nfor r,_,fs in os.walk('ds'):\n  for f in fs:\n" +
      '    p=os.path.join(r,f); ' +
      "rows.append({'md5':hashlib.md5(open(p,'rb').read()).hexdigest(),'relpath':os.path.relpath(p,'ds')})\n" +
      "rows.sort(key=lambda e:e['relpath'])\n" +
      "print(hashlib.md5(json.dumps(rows,sort_keys=True).encode()).hexdigest()+'.dir')"
    assert.equal(await d.digest('ds', 'md5'), execFileSync('python3', ['-c', py], {cwd: dir, encoding: 'utf8'}).trim())
  })

  it("gives the same digests when a large workload is hashed on the pool's threads (md5sum, sha256sum)", async () => {
    const files: Record<string, Buffer> = {}
    for (let i = 0; i < 56; i++) files[`big/f${i}.bin`] = Buffer.alloc(1 << 20, i)
    const dir = testDir(files)
    const d = new Digester(dir)
    const md5 = await d.each(Object.keys(files), (path) => d.digest(path, 'md5'))
    const sha = await d.each(Object.keys(files), (path) => d.digest(path, 'sha256'))
    const md5sum = execFileSync('md5sum', Object.keys(files), {cwd: dir, encoding: 'utf8'})
      .trim()
      .split('\n')
      .map((l) => l.split(' ')[0])
    assert.deepEqual(md5, md5sum)
    assert.deepEqual(
      sha,
      Object.keys(files).map((f) => sha256sum(dir, f)),
    )
  })

  it("digests a large directory in batches on the pool's threads as sha256sum and DVC do", async () => {
    // 60 MiB in files of uneven sizes (more than the pool's threshold; batches end by bytes and by count).
    const files: Record<string, Buffer> = {}
    for (let i = 0; i < 40; i++) files[`ds/big/f${i}.bin`] = Buffer.alloc((1 << 20) + i * 7919, i)
    for (let i = 0; i < 150; i++) files[`ds/small/s${String(i).padStart(3, '0')}.txt`] = Buffer.from(`row ${i}\n`)
    files['ds/one-large.bin'] = Buffer.alloc(20 << 20, 3)
    const dir = testDir(files)
    const d = new Digester(dir, {cacheDir: cacheDir()})
    const sha = await d.digest('ds', 'sha256')
    const md5 = await d.digest('ds', 'md5')
    assert.equal(d.hashedAs.sha256.length, Object.keys(files).length)
    const listing = execFileSync('sh', ['-c', 'find . -type f | sed "s|^./||" | LC_ALL=C sort | xargs sha256sum'], {
      cwd: join(dir, 'ds'),
      encoding: 'utf8',
    })
    assert.equal(sha, execFileSync('sha256sum', {input: listing, encoding: 'utf8'}).split(' ')[0])
    const py =
      "import hashlib,json,os\nrows=[]\nfor r,_,fs in os.walk('ds'):\n  for f in fs:\n" +
      "    p=os.path.join(r,f); rows.append({'md5':hashlib.md5(open(p,'rb').read()).hexdigest()," +
      "'relpath':os.path.relpath(p,'ds')})\n" +
      "rows.sort(key=lambda e:e['relpath'])\n" +
      "print(hashlib.md5(json.dumps(rows,sort_keys=True).encode()).hexdigest()+'.dir')"
    assert.equal(md5, execFileSync('python3', ['-c', py], {cwd: dir, encoding: 'utf8'}).trim())
  })
})
