import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, symlinkSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {binRun, isolatedEnv, sei} from './helpers/cli.js'
import {replayFixture} from './helpers/fixtures.js'
import {readmeBlocks} from './helpers/readme.js'
import {makeStandardPlugin, packPlugin, probe} from './engine/plugins/plugin-factory.js'

// A plugin a user installs must be discovered exactly like a bundled one (DESIGN §2): these build a
// small third-party standard plugin, pack it, install it with `sei plugins install`, and ask the engine.
describe('third-party standard plugins', () => {
  it("README's recipe, word for word: an empty directory, npm pack, sei plugins install, sei conformance", () => {
    const [write, use] = readmeBlocks('## Writing a plugin')
    const bin = mkdtempSync(join(tmpdir(), 'sei-bin-'))
    symlinkSync(binRun, join(bin, 'sei'))
    const env = {...isolatedEnv(), PATH: `${bin}:${process.env.PATH}`, npm_config_update_notifier: 'false'}
    const empty = join(mkdtempSync(join(tmpdir(), 'sei-recipe-')), 'work')
    mkdirSync(empty)
    // No registry is asked for @sei/sdk (it is not there: E404 with a plain dependency on it).
    const made = spawnSync('bash', ['-e', '-c', write], {cwd: empty, env, encoding: 'utf8'})
    assert.equal(made.status, 0, made.stdout + made.stderr)
    assert.match(sei(['plugins'], {env}).stdout, /acme-standard-iso-27001 1\.0\.0/)
    const repo = replayFixture('quickstart')
    const r = spawnSync('bash', ['-e', '-c', use], {cwd: repo, env, encoding: 'utf8'})
    // The quickstart fixture's evidence is stale against its work tree, so the projection is BLOCKED (exit 1).
    assert.equal(r.status, 1, r.stdout + r.stderr)
    assert.match(r.stdout, /^iso\/27001@2022 · ISO\/IEC 27001:2022 Information security management systems/m)
    for (const clause of ['6.1.2', '9.3', 'A.8.16']) assert.ok(r.stdout.includes(` ${clause} `), clause)
  })

  it('a plugin installed with `sei plugins install file:…tgz` is listed by the engine next to the bundled ones', () => {
    const env = isolatedEnv()
    const before = probe(env)
    assert.equal(before.status, 0, JSON.stringify(before.result))
    assert.equal(before.result.standards?.includes('test/acme-risk@2026'), false)
    const tgz = packPlugin(makeStandardPlugin({name: 'sei-standard-acme', ids: ['test/acme-risk@2026']}))
    const install = sei(['plugins', 'install', `file:${tgz}`], {env})
    assert.equal(install.status, 0, install.stderr)
    assert.match(sei(['plugins'], {env}).stdout, /sei-standard-acme 1\.0\.0/)
    const after = probe(env)
    assert.equal(after.status, 0, JSON.stringify(after.result))
    assert.ok(after.result.standards?.includes('test/acme-risk@2026'), JSON.stringify(after.result))
    assert.equal(after.result.titles?.['test/acme-risk@2026'], 'Test standard test/acme-risk@2026')
    assert.deepEqual(
      after.result.plugins?.find((p) => p.plugin === 'sei-standard-acme'),
      {plugin: 'sei-standard-acme', type: 'user', kind: 'standard', provides: ['test/acme-risk@2026']},
    )
    // The bundled standard plugins are still there, unchanged, as the same kind of entry.
    assert.equal(after.result.plugins?.find((p) => p.plugin === '@sei/standard-iso-23894')?.type, 'core')
    assert.equal(sei(['plugins', 'uninstall', 'sei-standard-acme'], {env}).status, 0)
    assert.equal(probe(env).result.standards?.includes('test/acme-risk@2026'), false)
  })

  it('a plugin directory linked with `sei plugins link DIR` is listed too', () => {
    const env = isolatedEnv()
    const dir = makeStandardPlugin({name: 'sei-standard-linked', ids: ['test/linked@2026']})
    const link = sei(['plugins', 'link', dir, '--no-install'], {env})
    assert.equal(link.status, 0, link.stderr)
    const r = probe(env)
    assert.equal(r.status, 0, JSON.stringify(r.result))
    assert.ok(r.result.standards?.includes('test/linked@2026'))
    assert.equal(r.result.plugins?.find((p) => p.plugin === 'sei-standard-linked')?.type, 'link')
  })

  it('two plugins providing the same id: an error naming both (user plugin vs bundled, two user plugins)', () => {
    const env = isolatedEnv()
    const clash = packPlugin(makeStandardPlugin({name: 'sei-standard-clash', ids: ['iso/23894@2023']}))
    assert.equal(sei(['plugins', 'install', `file:${clash}`], {env}).status, 0)
    const r = probe(env)
    assert.equal(r.status, 1)
    assert.equal(r.result.error?.code, 'PLUGIN_CONFLICT')
    assert.match(
      r.result.error?.message ?? '',
      /plugins @sei\/standard-iso-23894 \(.+\) and sei-standard-clash \(.+\) both provide standard "iso\/23894@2023"/,
    )

    const env2 = isolatedEnv()
    const one = packPlugin(makeStandardPlugin({name: 'sei-standard-one', ids: ['test/same@2026']}))
    const two = makeStandardPlugin({name: 'sei-standard-two', ids: ['test/same@2026']})
    assert.equal(sei(['plugins', 'install', `file:${one}`], {env: env2}).status, 0)
    assert.equal(sei(['plugins', 'link', two, '--no-install'], {env: env2}).status, 0)
    const r2 = probe(env2)
    assert.equal(r2.result.error?.code, 'PLUGIN_CONFLICT')
    assert.match(
      r2.result.error?.message ?? '',
      /plugins sei-standard-one \(.+\) and sei-standard-two \(.+\) both provide standard "test\/same@2026"/,
    )
  })

  it('a plugin for another plugin API, without a "sei" block, or answering an undeclared id is refused clearly', () => {
    const cases: [Parameters<typeof makeStandardPlugin>[0], RegExp][] = [
      [
        {name: 'sei-standard-future', ids: ['test/f@2026'], sei: {kind: 'standard', provides: ['test/f@2026'], api: 3}},
        new RegExp(
          String.raw`plugin sei-standard-future@1\.0\.0 \(.+\) cannot be used: it is ` +
            String.raw`written for sei plugin API 3; this sei accepts API 1 or 2 for a standard`,
        ),
      ],
      [
        {name: 'sei-standard-noblock', ids: ['test/n@2026'], sei: null},
        new RegExp(
          String.raw`plugin sei-standard-noblock@1\.0\.0 \(.+\) cannot be used: it ` +
            String.raw`answers sei:standards but its package.json has no "sei" block`,
        ),
      ],
      [
        {name: 'sei-standard-liar', ids: ['test/declared@2026'], answers: ['test/other@2026']},
        new RegExp(
          String.raw`plugin sei-standard-liar \(.+\) answered sei:standards with ` +
            String.raw`"test\/other@2026", which its package.json "sei".provides does not list`,
        ),
      ],
    ]
    for (const [spec, expected] of cases) {
      const env = isolatedEnv()
      assert.equal(sei(['plugins', 'link', makeStandardPlugin(spec), '--no-install'], {env}).status, 0)
      const r = probe(env)
      assert.equal(r.status, 1, spec.name)
      assert.equal(r.result.error?.code, 'PLUGIN_INVALID', spec.name)
      assert.match(r.result.error?.message ?? '', expected)
    }
  })
})
