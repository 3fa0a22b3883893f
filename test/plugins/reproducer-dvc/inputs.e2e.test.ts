import assert from 'node:assert/strict'
import {createHash} from 'node:crypto'
import {mkdirSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {posix} from 'node:path'
import {describe, it} from 'node:test'
import {parse} from 'yaml'
import {dvcReproducer} from '@sei/reproducer-dvc'
import {Digester} from '../../../src/engine/digest/index.js'
import {type ContentPair, assembleGraph, digestGraph} from '../../../src/engine/graph/index.js'
import type {Manifest} from '../../../src/engine/manifest/index.js'
import {gitRepo} from '../../helpers/git-repo.js'
import {hasPythonEnv} from '../../helpers/python.js'
import {dvc} from '../../pipelines/dvc-multi.js'

// Independent reference: the dvc.lock that `dvc repro` writes for the same dvc.yaml (DVC's own expansion
// of foreach/matrix/vars, its wdir handling, the params it records per stage and its md5s).
const files: Record<string, string> = {
  'config.yaml': 'names: [a, b]\n',
  'params.yaml': 'train:\n  C: 1.5\n  unused: 0\nseed: 42\n',
  'sub/local.yaml': 'alpha: 1\nbeta: [1, 2]\n',
  'sub/code.py': 'print("sub")\n',
  'data/raw.csv': 'x\n1\n',
  'data/dir/one.csv': '1\n',
  'data/dir/nested/two.csv': '2\n',
  'dvc.yaml': `vars:
  - config.yaml
  - extra: {suffix: txt}
stages:
  gen:
    foreach: \${names}
    do:
      cmd: mkdir -p out && echo \${item} > out/\${item}.\${extra.suffix}
      outs: ["out/\${item}.\${extra.suffix}"]
  grid:
    matrix:
      lr: [0.1, 0.2]
      opt: [adam, sgd]
    cmd: echo \${item.lr} \${item.opt} > grid-\${item.lr}-\${item.opt}.txt
    outs: ["grid-\${item.lr}-\${item.opt}.txt"]
  sub:
    wdir: sub
    cmd: cp ../data/raw.csv r.csv
    deps: [../data/raw.csv, code.py]
    params:
      - ../params.yaml:
          - train.C
      - local.yaml:
    outs: [r.csv]
  keyed:
    cmd: ls -R data/dir > keyed.txt
    deps: [data/dir]
    params: [train.C, seed]
    outs: [keyed.txt]
`,
}

type LockEntry = {path: string; md5: string}
type LockStage = {deps?: LockEntry[]; outs?: LockEntry[]; params?: Record<string, Record<string, unknown>>}

// A repository of `files` after `dvc add data/dir` and `dvc repro`, not committed: `dvc add` refuses data git tracks.
function reproduced(): string {
  const dir = gitRepo(files, {commit: false})
  mkdirSync(join(dir, 'out'), {recursive: true})
  dvc(dir, ['init', '-q'])
  dvc(dir, ['add', '-q', 'data/dir'])
  dvc(dir, ['repro', '-q'])
  return dir
}

const manifest = {
  apiVersion: 'x',
  kind: 'AISystem',
  system: {name: 's'},
  pipeline: {tool: 'dvc', metrics: 'keyed.txt'},
} as unknown as Manifest

describe('DVC input graph against the dvc.lock of dvc repro (real dvc)', {
  skip: !hasPythonEnv && 'no project Python env',
}, () => {
  it('expands foreach, matrix and vars, resolves wdir, reads params in every form and md5s as dvc does', async () => {
    const dir = reproduced()
    const lock = parse(readFileSync(join(dir, 'dvc.lock'), 'utf8')) as {
      stages: Record<string, LockStage & {cmd: string}>
    }
    const wdirOf = (name: string) => (name === 'sub' ? 'sub' : '.')
    const graph = await dvcReproducer.inputs!({tool: 'dvc', metrics: 'm.json'}, dir)
    const stages = graph.inputs.filter((i) => i.kind === 'stage')
    assert.deepEqual(stages.map((s) => s.key).sort(), Object.keys(lock.stages).sort())
    for (const s of stages) assert.equal((s.value as {cmd: string}).cmd, lock.stages[s.key!].cmd, `cmd of ${s.key}`)

    const expectDeps = new Map<string, string>()
    const expectOuts = new Map<string, string>()
    const expectParams = new Map<string, unknown>()
    for (const [name, st] of Object.entries(lock.stages)) {
      for (const d of st.deps ?? []) expectDeps.set(posix.normalize(posix.join(wdirOf(name), d.path)), d.md5)
      for (const o of st.outs ?? []) expectOuts.set(posix.normalize(posix.join(wdirOf(name), o.path)), o.md5)
      for (const [file, keys] of Object.entries(st.params ?? {})) {
        const rel = posix.normalize(posix.join(wdirOf(name), file))
        // A whole-file params entry: dvc records every key of the file.
        if (rel === 'sub/local.yaml') expectParams.set(rel, keys)
        else for (const [k, v] of Object.entries(keys)) expectParams.set(`${rel}#${k}`, v)
      }
    }
    const files_ = graph.inputs.filter((i) => i.kind !== 'stage' && i.kind !== 'params' && i.kind !== 'output')
    assert.deepEqual(new Map(files_.map((i) => [i.path, i.recorded?.value])), expectDeps)
    assert.deepEqual(
      new Map(graph.inputs.filter((i) => i.kind === 'output').map((i) => [i.path, i.recorded?.value])),
      expectOuts,
    )
    assert.deepEqual(
      new Map(
        graph.inputs.filter((i) => i.kind === 'params').map((i) => [i.key ? `${i.path}#${i.key}` : i.path, i.value]),
      ),
      expectParams,
    )
    assert.equal(files_.find((i) => i.path === 'data/dir')?.recorded?.source, 'data/dir.dvc')
    assert.deepEqual(Object.fromEntries(files_.map((i) => [i.path, i.kind])), {
      'data/raw.csv': 'data',
      'sub/code.py': 'code',
      'data/dir': 'data',
    })

    // The engine's digests (DVC's md5 and .dir manifests) equal what dvc recorded: no input mismatches.
    const digested = await digestGraph(
      new Digester(dir),
      await assembleGraph(dir, manifest, {reproducer: dvcReproducer}),
    )
    assert.deepEqual(
      digested.mismatches.map((m) => m.line),
      [],
    )
    assert.equal(digested.inputs.find((i) => i.path === 'data/dir')?.now, `md5:${expectDeps.get('data/dir')}`)
    writeFileSync(join(dir, 'data/dir/nested/two.csv'), '3\n')
    const edited = await digestGraph(new Digester(dir), await assembleGraph(dir, manifest, {reproducer: dvcReproducer}))
    assert.deepEqual(
      edited.mismatches.map((m) => m.line),
      ['data/dir (data) differs from the md5 recorded in data/dir.dvc'],
    )
  })

  it('pairs each md5 input with the sha256 of its bytes, and checks unchanged bytes in sha256 alone', async () => {
    const dir = reproduced()
    const graphNow = () => assembleGraph(dir, manifest, {reproducer: dvcReproducer})
    // Independent: sha256 of a file's bytes; of a directory, the sha256sum-style listing of its files, sorted.
    const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex')
    const listing = (rel: string) =>
      (readdirSync(join(dir, rel), {recursive: true, withFileTypes: true}) as import('node:fs').Dirent[])
        .filter((e) => e.isFile())
        .map((e) => posix.relative(rel, posix.join(posix.relative(dir, e.parentPath), e.name)))
        .sort()
        .map((f) => `${sha(readFileSync(join(dir, rel, f)))}  ${f}\n`)
        .join('')
    const expected = (path: string) =>
      `sha256:${path === 'data/dir' ? sha(listing(path)) : sha(readFileSync(join(dir, path)))}`

    const both = await digestGraph(new Digester(dir), await graphNow(), {content: 'both'})
    const md5Inputs = both.inputs.filter((i) => i.recorded?.algorithm === 'md5' && i.present)
    assert.ok(md5Inputs.some((i) => i.path === 'data/dir'))
    for (const i of md5Inputs) assert.equal(i.content, expected(i.path), `content of ${i.path}`)
    const pairs: Record<string, ContentPair> = Object.fromEntries(
      md5Inputs.map((i) => [i.id, {digest: i.now, content: i.content!}]),
    )

    // Unchanged bytes: every md5 input is read in sha256 only, and reaches the md5 dvc recorded.
    const unchanged = new Digester(dir)
    const checked = await digestGraph(unchanged, await graphNow(), {content: 'pairs', pairs})
    assert.deepEqual(unchanged.hashedAs.md5, [])
    assert.ok(unchanged.hashedAs.sha256.includes('data/dir/nested/two.csv'))
    assert.deepEqual(checked.mismatches, [])
    for (const i of md5Inputs) assert.equal(checked.inputs.find((x) => x.id === i.id)?.now, i.pinned)

    // Changed bytes: the sha256 differs from the pair, so md5 is computed and the recorded hash no longer matches.
    writeFileSync(join(dir, 'data/dir/nested/two.csv'), '3\n')
    const changed = new Digester(dir)
    const edited = await digestGraph(changed, await graphNow(), {content: 'pairs', pairs})
    assert.ok(changed.hashedAs.md5.includes('data/dir/nested/two.csv'))
    assert.deepEqual(
      edited.mismatches.map((m) => m.line),
      ['data/dir (data) differs from the md5 recorded in data/dir.dvc'],
    )
    assert.equal(edited.inputs.find((i) => i.path === 'data/dir')?.content, expected('data/dir'))

    // A pair whose sha256 is not these bytes' is not taken: md5 is computed.
    const stale = new Digester(dir)
    await digestGraph(stale, await graphNow(), {
      content: 'pairs',
      pairs: {...pairs, 'data:data/raw.csv': {digest: 'md5:0', content: `sha256:${'0'.repeat(64)}`}},
    })
    assert.ok(stale.hashedAs.md5.includes('data/raw.csv'))
  })
})
