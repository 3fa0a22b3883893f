import assert from 'node:assert/strict'
import {existsSync, readFileSync, readdirSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {parse as parseYaml} from 'yaml'
import {parseManifest} from '../../src/engine/manifest/index.js'
import {projectRoot, sei} from '../helpers/cli.js'
import {fileVersions, fixtureNames} from '../helpers/fixtures.js'
import {gitRepo, testDir} from '../helpers/git-repo.js'

const snapshot = (dir: string) =>
  Object.fromEntries(['sei.yaml', '.gitattributes'].map((f) => [f, readFileSync(join(dir, f), 'utf8')]))

describe('sei init', () => {
  it('creates .sei/, a commented sei.yaml with a schema modeline, .gitattributes; a rerun changes nothing', () => {
    const repo = gitRepo()
    const r = sei(['init', '--repo', repo])
    assert.equal(r.status, 0, r.stderr)
    assert.match(r.stdout, /created \.sei\//)
    assert.match(r.stdout, /created sei\.yaml/)
    assert.equal(existsSync(join(repo, '.sei')), true)
    const text = readFileSync(join(repo, 'sei.yaml'), 'utf8')
    const modeline = /^# yaml-language-server: \$schema=(.+)$/m.exec(text)
    assert.ok(modeline && existsSync(modeline[1]), 'the modeline names a schema file that exists')
    assert.deepEqual(parseManifest(text, 'sei.yaml').problems, [])
    assert.equal(readFileSync(join(repo, '.gitattributes'), 'utf8'), '.sei/* -text\n')
    const before = snapshot(repo)
    const again = sei(['init', '--repo', repo, '--json'])
    assert.equal(again.status, 0)
    assert.deepEqual(JSON.parse(again.stdout).result.created, [])
    assert.deepEqual(snapshot(repo), before)
  })

  it('never overwrites: keeps an existing froga.yaml and appends to an existing .gitattributes once', () => {
    const repo = gitRepo({'froga.yaml': 'mine', '.gitattributes': '*.csv binary'})
    assert.equal(sei(['init', '--repo', repo]).status, 0)
    assert.equal(existsSync(join(repo, 'sei.yaml')), false)
    assert.equal(readFileSync(join(repo, 'froga.yaml'), 'utf8'), 'mine')
    assert.equal(readFileSync(join(repo, '.gitattributes'), 'utf8'), '*.csv binary\n.sei/* -text\n')
    sei(['init', '--repo', repo])
    assert.equal(readFileSync(join(repo, '.gitattributes'), 'utf8'), '*.csv binary\n.sei/* -text\n')
  })

  it('refuses a directory outside any git repository and creates nothing', () => {
    const dir = testDir()
    const r = sei(['init', '--repo', dir])
    assert.equal(r.status, 2)
    assert.match(r.stderr, /not inside a git repository/)
    assert.deepEqual(readdirSync(dir), [])
  })

  it('the generated JSON Schema (ajv, draft 2020-12) accepts each fixture manifest, rejects a broken one', async () => {
    const {Ajv2020} = (await import('ajv/dist/2020.js')) as unknown as {
      Ajv2020: new (o: object) => {compile(s: object): ((d: unknown) => boolean) & {errors?: unknown}}
    }
    const schema = JSON.parse(readFileSync(join(projectRoot, 'schemas', 'sei.schema.json'), 'utf8'))
    const validate = new Ajv2020({strict: false}).compile(schema)
    for (const name of fixtureNames) {
      for (const v of fileVersions(name, (p) => /^(sei|froga|venth)\.yaml$/.test(p)))
        assert.equal(validate(parseYaml(v.content.toString('utf8'))), true, `${name} ${v.path}`)
    }
    assert.equal(
      validate({
        apiVersion: 'seigarrena.dev/v1alpha1',
        kind: 'AISystem',
        system: {name: 'x'},
        risk: {appetite: {individual: 'HUGE'}},
      }),
      false,
    )
  })
})
