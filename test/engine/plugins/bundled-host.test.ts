import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {Config} from '@oclif/core'
import {
  type HostPlugin,
  bundledHost,
  collect,
  findReproducer,
  listStandards,
  seiPlugins,
} from '../../../src/engine/plugins/index.js'
import {projectRoot} from '../../helpers/cli.js'

// bundledHost stands in for oclif's Config when `sei status` starts without oclif. The independent
// reference is oclif itself, loaded on the same installation: same plugins, same answers.

describe('bundledHost (plugins without oclif)', async () => {
  const config = await Config.load(projectRoot)
  const host = bundledHost(projectRoot)

  it('lists the plugins oclif lists, with the same names, versions, types and roots', () => {
    const row = (p: unknown) => {
      const {name, version, type, root} = p as HostPlugin
      return `${name}@${version} ${type} ${root}`
    }
    assert.deepEqual(host.getPluginsList().map(row).sort(), config.getPluginsList().map(row).sort())
    assert.deepEqual(seiPlugins(host), seiPlugins(config))
  })

  it('gives the directories oclif gives (the stat and manifest caches live there)', () => {
    assert.deepEqual(
      {cacheDir: host.cacheDir, configDir: host.configDir, dataDir: host.dataDir},
      {cacheDir: config.cacheDir, configDir: config.configDir, dataDir: config.dataDir},
    )
  })

  it('answers every sei hook with what oclif collects, from the same plugins', async () => {
    for (const event of ['sei:signers', 'sei:reproducers', 'sei:standards'] as const) {
      const ours = await collect(host, event, {})
      const theirs = await collect(config, event, {})
      assert.deepEqual(
        [...ours].map(([id, a]) => [id, a.plugin]),
        [...theirs].map(([id, a]) => [id, a.plugin]),
        event,
      )
      assert.ok(ours.size > 0, event)
    }
  })

  it('captures a failing or slow hook as a failure of that plugin, as oclif does', async () => {
    const broken = bundledHost(projectRoot)
    const plugin = broken.getPluginsList().find((p) => p.name === '@sei/standard-dora')!
    plugin.pjson = {...plugin.pjson, oclif: {hooks: {'sei:standards': './lib/no-such-hook.js'}}}
    const run = (await broken.runHook('sei:standards', {}, 10_000, true)) as {
      failures: {plugin: {name: string}; error: Error}[]
    }
    assert.deepEqual(
      run.failures.map((f) => f.plugin.name),
      ['@sei/standard-dora'],
    )
    await assert.rejects(
      collect(broken, 'sei:standards', {}),
      /plugin @sei\/standard-dora failed answering sei:standards/,
    )
  })

  it('loads only the plugins whose "sei" block provides what is asked for', async () => {
    const broken = bundledHost(projectRoot)
    const dora = broken.getPluginsList().find((p) => p.name === '@sei/standard-dora')!
    dora.pjson = {...dora.pjson, oclif: {hooks: {'sei:standards': './lib/no-such-hook.js'}}}
    const run = (await broken.runHook('sei:standards', {}, 10_000, true, ['@sei/standard-iso-23894'])) as {
      successes: {plugin: {name: string}}[]
      failures: unknown[]
    }
    assert.deepEqual(
      {asked: run.successes.map((x) => x.plugin.name), failed: run.failures.length},
      {asked: ['@sei/standard-iso-23894'], failed: 0},
      'the broken plugin is not even loaded',
    )
    assert.deepEqual([...(await listStandards(broken, ['iso/23894@2023'])).keys()], ['iso/23894@2023'])
    assert.equal((await findReproducer(broken, 'dvc')).tool, 'dvc')
    const doraId = (dora.pjson.sei as {provides: string[]}).provides[0]
    await assert.rejects(listStandards(broken, [doraId]), /plugin @sei\/standard-dora failed answering sei:standards/)
    await assert.rejects(
      findReproducer(broken, 'make'),
      /no reproducer for pipeline.tool "make"; available: dagster, dvc, mlflow/,
    )
  })
})
