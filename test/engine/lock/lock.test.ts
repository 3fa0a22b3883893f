import assert from 'node:assert/strict'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {parse} from 'yaml'
import {Digester, sha256Hex} from '../../../src/engine/digest/index.js'
import {drift, environmentChanged, serialiseLock, uuidV5Url, type LockFile} from '../../../src/engine/lock/index.js'
import {measureInputs} from '../../../src/engine/pipeline/index.js'
import {dvcReproducer} from '@sei/reproducer-dvc'
import type {Manifest} from '../../../src/engine/manifest/index.js'
import {fileVersions, replayFixture, type FixtureName} from '../../helpers/fixtures.js'
import {git, gitRepo} from '../../helpers/git-repo.js'
import {pipelinesDir} from '../../pipelines/repo.js'

const lastLock = (name: FixtureName) => fileVersions(name, (p) => /^(froga|venth)\.lock$/.test(p)).at(-1)!
const lastManifest = (name: FixtureName) =>
  parse(
    fileVersions(name, (p) => /^(froga|venth)\.yaml$/.test(p))
      .at(-1)!
      .content.toString('utf8'),
  ) as Manifest

describe('sei.lock', () => {
  for (const name of ['novacredit', 'quickstart', 'retina-screening'] as const) {
    it(`program_uid is UUIDv5(URL, system.name) as in the ${name} reference lock`, () => {
      const lock = JSON.parse(lastLock(name).content.toString('utf8'))
      assert.equal(uuidV5Url(lastManifest(name).system.name), lock.program_uid)
    })

    it(`serialises the ${name} reference lock byte for byte (key order, 2 spaces, no final newline)`, () => {
      const text = lastLock(name).content.toString('utf8')
      assert.equal(serialiseLock(JSON.parse(text) as LockFile), text)
    })
  }

  it('reproduces the reference quickstart lock where its hashes are reproducible (data sections, triple)', async () => {
    const root = replayFixture('quickstart')
    const ref = JSON.parse(lastLock('quickstart').content.toString('utf8'))
    const manifest = parse(readFileSync(join(root, 'froga.yaml'), 'utf8')) as Manifest
    // Code is not part of the fixture export; the measurement-model inputs are not compared here.
    const {existsSync} = await import('node:fs')
    if (!existsSync(join(root, manifest.eval!.script)))
      writeFileSync(join(root, manifest.eval!.script), '# placeholder\n')
    const got = (await measureInputs(new Digester(root), manifest, undefined, {code: 'x'})).computed
    assert.equal(got.sections.data_governance?.input_hash, ref.sections.data_governance.input_hash)
    assert.equal(got.sections['measurement-data']?.input_hash, ref.sections['measurement-data'].input_hash)
    assert.equal(got.triple.dataset, ref.triple.dataset)
    assert.equal(got.triple.model, ref.triple.model)
    assert.equal(got.sections.classification?.edge_type, 'scope')
    assert.equal(got.sections['measurement-model']?.edge_type, 'impl')
  })

  it('has measurement-data = sha256 of the empty string when no dataset is declared (reference rule)', async () => {
    const dir = gitRepo({'sei.yaml': 'x'})
    const got = (
      await measureInputs(
        new Digester(dir),
        {apiVersion: 'seigarrena.dev/v1alpha1', kind: 'AISystem', system: {name: 's'}} as Manifest,
        undefined,
        {code: ''},
      )
    ).computed
    assert.equal(got.sections['measurement-data']?.input_hash, `sha256:${sha256Hex('')}`)
    assert.equal(
      got.sections['measurement-data']?.input_hash,
      'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    )
  })
})

describe('typed drift', () => {
  const setup = async () => {
    const dir = gitRepo()
    const {cpSync} = await import('node:fs')
    cpSync(join(pipelinesDir, 'common'), dir, {recursive: true})
    writeFileSync(
      join(dir, 'sei.yaml'),
      readFileSync(join(dir, 'sei.yaml'), 'utf8') + readFileSync(join(pipelinesDir, 'dvc', 'pipeline.yaml'), 'utf8'),
    )
    cpSync(join(pipelinesDir, 'dvc', 'dvc.yaml'), join(dir, 'dvc.yaml'))
    writeFileSync(join(dir, 'dvc.lock'), 'schema: "2.0"\n')
    const sections = async () =>
      (
        await measureInputs(
          new Digester(dir),
          parse(readFileSync(join(dir, 'sei.yaml'), 'utf8')) as Manifest,
          dvcReproducer,
          {code: git(dir, ['rev-parse', 'HEAD']).trim()},
        )
      ).computed.sections
    git(dir, ['add', '-A'])
    git(dir, ['commit', '-q', '-m', 'declare'])
    const lock = {sections: await sections(), input_graph: 1}
    const edit = (file: string, from: string, to: string) => {
      const t = readFileSync(join(dir, file), 'utf8')
      assert.notEqual(t.replace(from, to), t)
      writeFileSync(join(dir, file), t.replace(from, to))
    }
    return {dir, lock, sections, edit}
  }
  const kinds = (d: {section: string; type: string}[]) => d.map((x) => `${x.section}:${x.type}`)

  it('is empty for an unchanged tree, also after a new commit (commit ids are never drift inputs)', async () => {
    const {dir, lock, sections} = await setup()
    git(dir, ['commit', '-q', '--allow-empty', '-m', 'evidence'])
    assert.deepEqual(drift(lock, await sections()), [])
  })

  it('gives Drift A for a change of intended_purpose, and nothing else', async () => {
    const {lock, sections, edit} = await setup()
    edit('sei.yaml', 'Flag screening images', 'Triage screening images')
    assert.deepEqual(kinds(drift(lock, await sections())), ['classification:A'])
  })

  it('gives Drift B for an edit of the eval script, naming it', async () => {
    const {lock, sections, edit} = await setup()
    edit('src/evaluate.py', 'recall = tp / len(positives)', 'recall = tp / max(1, len(positives))')
    const d = drift(lock, await sections())
    assert.deepEqual(kinds(d), ['measurement-model:B'])
    assert.deepEqual(d[0].inputs, ['src/evaluate.py (code)'])
  })

  it('gives Drift B for a change of a param key the stage reads, naming it; not a comment or unused key', async () => {
    const {lock, sections, edit} = await setup()
    edit('params.yaml', '# untreated model', '# untreated model, reviewed\nunused: 1')
    assert.deepEqual(drift(lock, await sections()), [])
    edit('params.yaml', '0.7', '0.3')
    const d = drift(lock, await sections())
    assert.deepEqual(kinds(d), ['measurement-model:B'])
    assert.deepEqual(d[0].changes, [{input: 'params.yaml#threshold (params)', kind: 'params', change: 'changed'}])
  })

  it('gives Drift B naming the stage for an edited command, and nothing for a comment in dvc.yaml', async () => {
    const {lock, sections, edit} = await setup()
    edit('dvc.yaml', 'stages:', '# the screening pipeline\nstages:')
    assert.deepEqual(drift(lock, await sections()), [])
    edit('dvc.yaml', 'cmd: python src/evaluate.py', 'cmd: python src/evaluate.py --verbose')
    assert.deepEqual(drift(lock, await sections())[0].inputs, ['dvc.yaml#evaluate (stage)'])
  })

  it('says once that a lock of an older sei (file-level inputs) predates the input graph', async () => {
    const {lock, sections} = await setup()
    const d = drift({sections: lock.sections}, await sections())
    assert.deepEqual(kinds(d), ['measurement-model:B'])
    assert.match(d[0].action, /predates the input graph/)
  })

  it('gives data drift for an edit of the dataset (undeclared sha256)', async () => {
    const {lock, sections, edit} = await setup()
    edit('data/screening.csv', 'p0,0.95,1', 'p0,0.15,1')
    const d = drift(lock, await sections())
    assert.deepEqual(kinds(d), ['measurement-data:data'])
    assert.deepEqual(d[0].inputs, ['data/screening.csv (data)'])
  })

  it('gives data drift on the descriptor and "risks" on the risk register', async () => {
    const {lock, sections, edit} = await setup()
    edit('data/screening.croissant.json', '"version": "1.0.0"', '"version": "1.0.1"')
    edit('sei.yaml', 'appetite: {individual: MEDIUM}', 'appetite: {individual: HIGH}')
    assert.deepEqual(kinds(drift(lock, await sections())), [
      'data_governance:data',
      'measurement-data:data',
      'risks:risks',
    ])
  })
})

describe('drift of the pipeline environment (env inputs valued by versions)', () => {
  const model = (inputs: Record<string, string>) => ({
    'measurement-model': {
      status: 'valid' as const,
      edge_type: 'impl' as const,
      input_hash: `sha256:${sha256Hex(JSON.stringify(inputs))}`,
      inputs,
    },
  })
  const lockOf = (inputs: Record<string, string>) => ({input_graph: 1, sections: model(inputs)})
  const code = {'code:src/train.py': 'sha256:aa'}

  it('names each package with both versions, added and removed ones with theirs (Drift B)', () => {
    const was = {
      ...code,
      'env:python': 'version:3.11.2',
      'env:scikit-learn': 'version:1.5.2',
      'env:numba': 'version:0.60.0',
      'env:numpy': 'version:2.1.0',
    }
    const now = {
      ...code,
      'env:python': 'version:3.11.2',
      'env:scikit-learn': 'version:1.6.1',
      'env:fairlearn': 'version:0.13.0',
      'env:numpy': 'version:2.1.0',
    }
    const d = drift(lockOf(was), model(now))
    assert.deepEqual(
      d.map((x) => [x.section, x.type, x.inputs]),
      [
        [
          'measurement-model',
          'B',
          ['fairlearn (env) added 0.13.0', 'numba (env) removed 0.60.0', 'scikit-learn (env) 1.5.2 → 1.6.1'],
        ],
      ],
    )
    assert.deepEqual(drift(lockOf(was), model(was)), [])
    // `sei run` forces the tool to rerun on such a change (the tool does not track the environment).
    assert.equal(environmentChanged(d), true)
    assert.equal(environmentChanged(drift(lockOf(was), model({...was, 'code:src/train.py': 'sha256:bb'}))), false)
    assert.deepEqual(drift(lockOf(was), model({...was, 'env:python': 'version:3.12.1'}))[0].inputs, [
      'python (env) 3.11.2 → 3.12.1',
    ])
  })

  it('a lock written before env inputs is stale once, in one line rather than one per package', () => {
    const now = {
      ...code,
      'env:python': 'version:3.11.2',
      'env:scikit-learn': 'version:1.6.1',
      'env:numpy': 'version:2.1.0',
    }
    const d = drift(lockOf(code), model(now))
    assert.deepEqual(
      d.map((x) => x.inputs),
      [['the pipeline environment (env) not in the lock (3 inputs: the interpreter and its distributions)']],
    )
    // Nothing says the environment changed: recorded by the next run, no forced rerun.
    assert.equal(environmentChanged(d), false)
  })
})
