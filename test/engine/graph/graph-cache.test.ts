import assert from 'node:assert/strict'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import type {PipelineInput} from '@sei/sdk'
import {assembleGraph} from '../../../src/engine/graph/index.js'
import type {Manifest} from '../../../src/engine/manifest/index.js'
import {bundledHost, findReproducer} from '../../../src/engine/plugins/index.js'
import {projectRoot} from '../../helpers/cli.js'
import {testDir} from '../../helpers/git-repo.js'

const files = {
  'dvc.yaml': 'stages:\n  train:\n    cmd: python train.py\n    deps: [train.py]\n    params: [lr]\n',
  'params.yaml': 'lr: 0.1\n',
  'train.py': 'print(1)\n',
}
const manifest = {
  apiVersion: 'x',
  kind: 'AISystem',
  system: {name: 's'},
  pipeline: {tool: 'dvc', metrics: 'm.json'},
} as unknown as Manifest
// The cache trusts a file's stat only when it changed more than 2 s before the entry was written (its
// mtime and its ctime, which no one can set back): wait that long after writing.
const age = () => new Promise((resolve) => setTimeout(resolve, 2100))

describe('the reproducer graph cache', () => {
  it('reuses the graph while the files the reproducer read are unchanged, and asks again after an edit', async () => {
    const r = await findReproducer(bundledHost(projectRoot), 'dvc')
    const original = r.inputs!
    let calls = 0
    r.inputs = async (p, root) => {
      calls++
      return original(p, root)
    }
    try {
      const dir = testDir(files)
      await age()
      const cacheDir = mkdtempSync(join(tmpdir(), 'sei-graph-cache-'))
      const lr = async () =>
        (await assembleGraph(dir, manifest, {reproducer: r, cacheDir})).inputs.find(
          (i: PipelineInput) => i.key === 'lr',
        )?.value
      assert.equal(await lr(), 0.1)
      assert.equal(await lr(), 0.1)
      assert.equal(calls, 1, 'the second graph comes from the cache')
      writeFileSync(join(dir, 'params.yaml'), 'lr: 0.2\n')
      await age()
      assert.equal(await lr(), 0.2)
      assert.equal(calls, 2)
      // A file the reproducer looked for and did not find (dvc.lock) appearing is a change too.
      writeFileSync(join(dir, 'dvc.lock'), 'schema: "2.0"\nstages: {}\n')
      await age()
      await lr()
      assert.equal(calls, 3)
      // Without a cache dir the reproducer is asked every time.
      await assembleGraph(dir, manifest, {reproducer: r})
      assert.equal(calls, 4)
    } finally {
      r.inputs = original
    }
  })
})
