import assert from 'node:assert/strict'
import {symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {SeiError} from '../../../src/engine/errors.js'
import {
  didYouMean,
  editDistance,
  formatProblem,
  isIsoDuration,
  loadManifest,
  parseConstraintText,
  parseManifest,
  pathEscape,
} from '../../../src/engine/manifest/index.js'
import {sei} from '../../helpers/cli.js'
import {fileVersions, fixtureNames} from '../../helpers/fixtures.js'
import {gitRepo, testDir} from '../../helpers/git-repo.js'

const lines = (text: string, file = 'sei.yaml') => parseManifest(text, file).problems.map(formatProblem)

const minimal = 'apiVersion: seigarrena.dev/v1alpha1\nkind: AISystem\nsystem:\n  name: demo\n'

// Hand-written: every line below was counted by hand (1-based line and column of the offending
// value, or of the key for unknown keys).
const broken = `apiVersion: seigarrena.dev/v1alpha2
kind: AISystem
system:
  name: 3
  foo: 1
dataset: {croissant: ../../etc/passwd}
risk:
  appetite: {individual: MEDUIM}
  review_interval: 6 months
  risks:
    - id: a
      title: t
      impact: {}
      likelihood: LIKLY
      treat:
        - method: REDUCE
          measures:
            - {id: m, metric: x, constraint: "<<1", enforcment: gate}
            - {id: m, metric: x, constraint: "< 1", frequency: P0D}
    - id: a
      title: u
      impact: {society: HIGH}
      likelihood: RARE
`

describe('manifest validator', () => {
  it('accepts every historic manifest of the three reference fixtures with no problem', () => {
    let count = 0
    for (const name of fixtureNames) {
      for (const v of fileVersions(name, (p) => /^(sei|froga|venth)\.yaml$/.test(p))) {
        count++
        const r = parseManifest(v.content.toString('utf8'), v.path)
        assert.deepEqual(r.problems.map(formatProblem), [], `${name}@${v.commit.sha.slice(0, 8)} ${v.path}`)
        assert.ok(r.manifest)
      }
    }
    assert.equal(count, 6, 'novacredit 1 + quickstart 4 + retina-screening 1 versions (history.json)')
  })

  it('reports every problem at once, located at line:col with its path, did-you-mean for keys and enum values', () => {
    assert.deepEqual(lines(broken), [
      'sei.yaml:1:13 apiVersion: the text "seigarrena.dev/v1alpha2" is not one of seigarrena.dev/v1alpha1, ' +
        'venturalitica.ai/v1alpha1; did you mean "seigarrena.dev/v1alpha1"?',
      'sei.yaml:4:9 system.name: expected a text, found the integer 3',
      'sei.yaml:5:3 system.foo: unknown key "foo"; allowed here: name, intended_purpose, organization, version, ' +
        'decisions, affected_persons, component_type, potential_misuses',
      'sei.yaml:6:22 dataset.croissant: path "../../etc/passwd" leaves the repository (".."); use a path ' +
        'relative to the repository root, inside it',
      'sei.yaml:8:26 risk.appetite.individual: the text "MEDUIM" is not one of LOW, MEDIUM, HIGH, CRITICAL; did ' +
        'you mean "MEDIUM"?',
      'sei.yaml:9:20 risk.review_interval: "6 months" is not an ISO 8601 duration longer than zero (e.g. P6M, P1Y)',
      'sei.yaml:14:19 risk.risks[0].likelihood: the text "LIKLY" is not one of RARE, UNLIKELY, POSSIBLE, ' +
        'LIKELY, ALMOST_CERTAIN; did you mean "LIKELY"?',
      'sei.yaml:18:46 risk.risks[0].treat[0].measures[0].constraint: "<<1" is not "<op> <number>" with op one ' +
        'of < <= > >= == != (e.g. "< 0.10")',
      'sei.yaml:18:53 risk.risks[0].treat[0].measures[0].enforcment: unknown key "enforcment"; did you mean ' +
        '"enforcement"?',
      'sei.yaml:19:20 risk.risks[0].treat[0].measures[1].id: duplicate measure id "m" (first declared on line 18)',
      'sei.yaml:19:64 risk.risks[0].treat[0].measures[1].frequency: "P0D" is not an ISO 8601 duration longer ' +
        'than zero (e.g. P3M, P1Y, P2W)',
      'sei.yaml:20:11 risk.risks[1].id: duplicate risk id "a" (first declared on line 11)',
    ])
  })

  it('names a missing required key at its parent, and a wrong type at the value', () => {
    assert.deepEqual(
      lines('apiVersion: seigarrena.dev/v1alpha1\nkind: AISystem\nsystem:\n  version: "1"\nrisk:\n  risks: {}\n'),
      [
        'sei.yaml:3:1 system: missing required key "name" (Slug of the system; feeds program_uid and report titles.)',
        'sei.yaml:5:1 risk: missing required key "appetite"',
        'sei.yaml:6:10 risk.risks: expected a list, found a mapping',
      ],
    )
  })

  it('rejects YAML that is not a plain manifest: syntax, duplicate keys, several documents, complex keys, tags', () => {
    assert.match(lines('apiVersion: [a\n')[0], /^sei\.yaml:\d+:\d+ \(document\): .*YAML/)
    assert.deepEqual(lines(`${minimal}kind: AISystem\n`), [
      'sei.yaml:5:1 (document): duplicate key: a key may appear once in a mapping',
    ])
    assert.match(lines(`${minimal}---\nkind: x\n`)[0], /^sei\.yaml:5:1 \(document\): .*MULTIPLE_DOCS/)
    assert.deepEqual(lines(`${minimal}? [a, b]\n: 1\n`), [
      'sei.yaml:5:3 (document): a key must be plain text, not a list, mapping or alias',
    ])
    assert.match(
      lines(`${minimal.replace('name: demo', 'name: !custom demo')}`)[0],
      /^sei\.yaml:4:9 \(document\): .*TAG/,
    )
  })

  it('refuses alias bombs and circular aliases quickly, located', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for (let i = 1; i < 9; i++)
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      )
    const started = process.hrtime.bigint()
    const bomb = lines(`${minimal}x:\n${levels.map((l) => `  ${l}`).join('\n')}\n`)
    assert.ok(process.hrtime.bigint() - started < 5_000_000_000n, 'an alias bomb must not be expanded')
    assert.deepEqual(bomb, [
      'sei.yaml:1:1 (document): 72 YAML aliases (more than 64): refused as a possible alias bomb; write the values out',
    ])
    assert.deepEqual(lines(`${minimal}x: &loop [1, *loop]\n`), [
      'sei.yaml:5:14 (document): alias *loop refers to a mapping or list that contains it (circular)',
    ])
    // A few aliases are ordinary YAML: they are followed and validated like written-out values.
    assert.deepEqual(lines(`${minimal.replace('name: demo', 'name: &n demo\n  organization: *n')}`), [])
  })

  it('refuses a fraction in a duration (P0.5Y, P1.5M) at its place: it has no exact calendar length', () => {
    const text =
      `${minimal}risk:\n  appetite: {}\n  review_interval: P0.5Y\n  risks:\n    - id: r\n` +
      `      title: t\n      impact: {}\n      likelihood: RARE\n      treat:\n        - method: REDUCE\n` +
      `          measures:\n` +
      `            - {id: m, metric: x, constraint: "< 1", lifecycle: [monitoring], frequency: "P1,5M"}\n`
    assert.deepEqual(lines(text), [
      'sei.yaml:7:20 risk.review_interval: "P0.5Y" has a fraction, which has no exact calendar length; use ' +
        'whole units (P6M, not P0.5Y; P6W3D or P45D, not P1.5M)',
      'sei.yaml:16:89 risk.risks[0].treat[0].measures[0].frequency: "P1,5M" has a fraction, which has no exact ' +
        'calendar length; use whole units (P6M, not P0.5Y; P6W3D or P45D, not P1.5M)',
    ])
  })

  it('checks the mini-languages: constraints, ISO 8601 durations, standard ids and clause references', () => {
    for (const ok of ['< 0.10', '<= 1', '> -2.5e-3', '>= .5', '== 0', '!= 1.', '<0.03'])
      assert.ok(parseConstraintText(ok), ok)
    for (const bad of ['<< 1', '< ', '≤ 0.1', '0.1', '< 0.1 and > 0', '=< 1', '< 1e999', '< abc'])
      assert.equal(parseConstraintText(bad), undefined, bad)
    assert.deepEqual(parseConstraintText(' >= 0.80 '), {op: '>=', value: 0.8})
    for (const ok of ['P6M', 'P1Y', 'P3M', 'P2W', 'P1DT12H', 'PT30M', 'P0Y6M', 'P1.5Y'])
      assert.equal(isIsoDuration(ok), true, ok)
    for (const bad of ['P', 'PT', 'P0D', '6M', 'P6', 'P1M2Y', 'P1H', 'p6m', 'P6M ', 'six months'])
      assert.equal(isIsoDuration(bad), false, bad)
    const text =
      `${minimal}context:\n  applicable_standards: [iso/23894@2023, ISO 23894]\nrisk:\n` +
      `  appetite: {}\n  applicability:\n    iso/42001@2023#A.2.2: {excluded: true}\n` +
      `    A.3: {excluded: false}\n  risks:\n    - id: r\n      title: t\n      impact: {}\n` +
      `      likelihood: RARE\n      treat:\n        - method: REDUCE\n          measures:\n` +
      `            - {id: m, metric: x, constraint: "< 1", standard_clauses: [iso/23894@2023#6.5, "6.5"], ` +
      `metric_threshold: "about 5"}\n`
    assert.deepEqual(lines(text), [
      'sei.yaml:6:42 context.applicable_standards[1]: "ISO 23894" is not a standard id ' +
        '"<authority>/<name>@<version>" (e.g. "iso/23894@2023")',
      'sei.yaml:10:5 risk.applicability.iso/42001@2023#A.2.2: an excluded control needs a justification (ISO ' +
        '42001 §6.1.3 d)',
      'sei.yaml:11:5 risk.applicability.A.3: "A.3" is not "<standard-id>#<control>" (e.g. "iso/42001@2023#A.6.2.4")',
      'sei.yaml:20:92 risk.risks[0].treat[0].measures[0].standard_clauses[1]: "6.5" is not ' +
        '"<standard-id>#<clause>" (e.g. "iso/23894@2023#6.5")',
      'sei.yaml:20:118 risk.risks[0].treat[0].measures[0].metric_threshold: "about 5" is not "<op> <number>" ' +
        'with op one of < <= > >= == != (e.g. "< 0.10")',
    ])
  })

  it('keeps manifest paths inside the repository, lexically at parse time', () => {
    for (const ok of ['data/x.json', './data/../data/x.json', 'a/b/../c']) assert.equal(pathEscape(ok), undefined, ok)
    for (const bad of ['../x', '/etc/passwd', 'a/../../b', '..', '.', 'C:\\x', 'a\0b']) assert.ok(pathEscape(bad), bad)
    assert.deepEqual(
      lines(
        `${minimal}eval: {script: /usr/bin/python}\n` +
          `pipeline: {tool: dvc, metrics: "a/../../m.json", stage_extra: kept}\n`,
      ),
      [
        'sei.yaml:5:16 eval.script: path "/usr/bin/python" is absolute; use a path relative to the repository ' +
          'root, inside it',
        'sei.yaml:6:32 pipeline.metrics: path "a/../../m.json" leaves the repository (".."); use a path ' +
          'relative to the repository root, inside it',
      ],
    )
  })

  it('suggests the closest word only when it is close enough to be a typo', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3)
    assert.equal(editDistance('enforcment', 'enforcement'), 1)
    assert.equal(editDistance('ab', 'ba'), 1)
    assert.equal(didYouMean('medium', ['LOW', 'MEDIUM', 'HIGH']), 'MEDIUM')
    assert.equal(didYouMean('xyz', ['LOW', 'MEDIUM', 'HIGH']), undefined)
    assert.equal(didYouMean('severty', ['severity', 'enforcement']), 'severity')
  })
})

describe('loadManifest', () => {
  it('says which family it found and accepts both apiVersions', async () => {
    const repo = gitRepo({'froga.yaml': minimal.replace('seigarrena.dev', 'venturalitica.ai')})
    const loaded = await loadManifest(repo)
    assert.equal(loaded.family.name, 'froga')
    assert.equal(loaded.file, 'froga.yaml')
    assert.equal(loaded.manifest.system.name, 'demo')
    const venth = gitRepo({'venth.yaml': minimal})
    assert.equal((await loadManifest(venth)).family.name, 'venth')
  })

  it('throws one SeiError (exit 2) listing every problem as file:line:col, first one as where', async () => {
    const repo = gitRepo({'sei.yaml': broken})
    await assert.rejects(loadManifest(repo), (error: unknown) => {
      assert.ok(error instanceof SeiError)
      assert.equal(error.exit, 2)
      assert.equal(error.problems?.length, 12)
      assert.deepEqual(error.where, {file: 'sei.yaml', line: 1, col: 13})
      for (const p of error.problems ?? []) assert.match(p, /^sei\.yaml:\d+:\d+ \S+: \S/)
      return true
    })
  })

  it('refuses a path that leaves the repository through a symlink', async () => {
    const outside = testDir({'metrics.json': '{}'})
    const repo = gitRepo({'sei.yaml': `${minimal}pipeline: {tool: dvc, metrics: out/metrics.json}\n`})
    symlinkSync(outside, join(repo, 'out'))
    await assert.rejects(loadManifest(repo), (error: unknown) => {
      assert.ok(error instanceof SeiError)
      assert.deepEqual(error.problems, [
        'sei.yaml:5:32 pipeline.metrics: path "out/metrics.json" leaves the repository (through a symlink); ' +
          'keep the file inside it',
      ])
      return true
    })
    writeFileSync(join(repo, 'sei.yaml'), `${minimal}pipeline: {tool: dvc, metrics: metrics.json}\n`)
    assert.equal((await loadManifest(repo)).manifest.pipeline?.metrics, 'metrics.json')
  })

  it('the CLI prints the located problems and exits 2, with no stack trace', () => {
    const repo = gitRepo({'sei.yaml': broken})
    const r = sei(['status', '--repo', repo])
    assert.equal(r.status, 2, r.stderr)
    assert.match(r.stderr, /sei\.yaml has 12 problems/)
    assert.match(
      r.stderr,
      new RegExp(
        String.raw`^ {2}sei\.yaml:18:53 risk\.risks\[0\]\.treat\[0\]\.measures\[0\]\.enforcment: ` +
          String.raw`unknown key "enforcment"; did you mean "enforcement"\?$`,
        'm',
      ),
    )
    assert.doesNotMatch(r.stderr, /^\s+at /m)
    const json = sei(['status', '--repo', repo, '--json'])
    assert.equal(json.status, 2)
    assert.equal(JSON.parse(json.stdout).error.problems.length, 12)
  })
})
