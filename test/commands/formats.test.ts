import assert from 'node:assert/strict'
import {cpSync, readFileSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import Ajv4 from 'ajv-draft-04'
import {validateXML} from 'xmllint-wasm'
import {isolatedEnv, projectRoot, sei} from '../helpers/cli.js'
import {replayFixture} from '../helpers/fixtures.js'
import {gitRepo, testDir} from '../helpers/git-repo.js'
import {pipelinesDir} from '../pipelines/repo.js'

// The CI formats judged by independent validators: JUnit against the Jenkins xUnit plugin's junit-10.xsd
// (test/fixtures/schemas, source named there) with xmllint (libxml2 as wasm), SARIF against the SARIF 2.1.0
// JSON schema that @microsoft/jest-sarif ships, with ajv's draft-04 class. Locations are read off the
// test manifest by hand (test/pipelines/common/sei.yaml: screen-recall's measure starts at 26:15).

const junitXsd = readFileSync(join(projectRoot, 'test', 'fixtures', 'schemas', 'junit-10.xsd'), 'utf8')
const sarifSchema = JSON.parse(
  readFileSync(
    createRequire(import.meta.url).resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'),
    'utf8',
  ),
)

async function assertValidJunit(xml: string): Promise<void> {
  const r = await validateXML({xml: [{fileName: 'report.xml', contents: xml}], schema: [junitXsd]})
  assert.ok(r.valid, `${r.errors.map((e) => e.message).join('\n')}\n${xml}`)
}

function assertValidSarif(text: string): {runs: {results: Record<string, unknown>[]}[]} {
  const log = JSON.parse(text) as {runs: {results: Record<string, unknown>[]}[]}
  const validate = new (Ajv4 as unknown as typeof Ajv4.default)({
    allErrors: true,
    strict: false,
    validateFormats: false,
    unicodeRegExp: false,
  }).compile(sarifSchema)
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2))
  return log
}

/** The screening system without any pipeline run: status is red, screen-recall has no value. */
function declared(extra = ''): string {
  const files: Record<string, string> = {}
  for (const f of ['sei.yaml', 'params.yaml', 'src/evaluate.py', 'data/screening.csv', 'data/screening.croissant.json'])
    files[f] = readFileSync(join(pipelinesDir, 'common', f), 'utf8')
  files['sei.yaml'] += `pipeline: {tool: dvc, metrics: metrics.json, params: params.yaml}\n${extra}`
  files['dvc.yaml'] = readFileSync(join(pipelinesDir, 'dvc', 'dvc.yaml'), 'utf8')
  return gitRepo(files)
}

describe('--format junit|sarif|github|markdown', () => {
  it('junit: a testcase per control and freshness problem, valid against the JUnit XSD; same exit code', async () => {
    const dir = declared()
    const r = sei(['status', '--format', 'junit'], {cwd: dir})
    assert.equal(r.status, 1, r.stderr)
    await assertValidJunit(r.stdout)
    assert.match(r.stdout, /<testcase name="screen-recall" classname="sei\.status\.controls">\n\s+<failure type="gate"/)
    assert.match(r.stdout, /<testcase name="lock" classname="sei\.status\.freshness">/)
  })

  it('the validators can fail: a testsuite without counts, a SARIF log of another version', async () => {
    const r = await validateXML({xml: [{fileName: 'r.xml', contents: '<testsuite name="x"/>'}], schema: [junitXsd]})
    assert.equal(r.valid, false)
    assert.throws(() => assertValidSarif(JSON.stringify({version: '2.0.0', runs: []})))
  })

  it('junit on conformance: one failing testcase per blocking reason, valid against the XSD', async () => {
    // The reference quickstart's last commit changed the classification after its evidence: drift A blocks.
    const dir = join(testDir({}), 'repo')
    cpSync(replayFixture('quickstart'), dir, {recursive: true})
    const r = sei(['conformance', '--format', 'junit'], {cwd: dir})
    assert.equal(r.status, 1, r.stderr)
    await assertValidJunit(r.stdout)
    assert.match(r.stdout, /<testcase name="blocking-1" classname="sei\.conformance\.blocking">\n\s+<failure /)
    assert.match(r.stdout, /<failure type="gate" message="classification: drift A \(changed\)/)
  })

  it('sarif: the failing gate control located at its measure in sei.yaml, valid SARIF 2.1.0', () => {
    const dir = declared()
    const r = sei(['status', '--format', 'sarif'], {cwd: dir})
    assert.equal(r.status, 1, r.stderr)
    const log = assertValidSarif(r.stdout)
    const recall = log.runs[0].results.find((x) => x.ruleId === 'sei/control') as {
      level: string
      locations: {
        physicalLocation: {artifactLocation: {uri: string}; region: {startLine: number; startColumn: number}}
      }[]
    }
    assert.equal(recall.level, 'error')
    const loc = recall.locations[0].physicalLocation
    assert.deepEqual([loc.artifactLocation.uri, loc.region.startLine, loc.region.startColumn], ['sei.yaml', 26, 15])
  })

  it('sarif: a manifest error (exit 2) is a SARIF log with every problem at its line:col', () => {
    // Line 40 of the manifest (38 lines of the fixture, the pipeline line, then this), an unknown top-level key.
    const dir = declared('bogus_key: 1\n')
    const r = sei(['status', '--format', 'sarif'], {cwd: dir})
    assert.equal(r.status, 2, r.stderr)
    assert.match(r.stderr, /MANIFEST_INVALID/)
    const log = assertValidSarif(r.stdout)
    const result = log.runs[0].results[0] as {ruleId: string; locations: {physicalLocation: {region: object}}[]}
    assert.equal(result.ruleId, 'MANIFEST_INVALID')
    assert.deepEqual(result.locations[0].physicalLocation.region, {startLine: 40, startColumn: 1})
  })

  it('github: a manifest error prints an ::error line with its file and line', () => {
    const dir = declared('bogus_key: 1\n')
    const r = sei(['status', '--format', 'github'], {cwd: dir})
    assert.equal(r.status, 2)
    assert.match(r.stdout, /^::error file=sei\.yaml,line=40,col=1,title=sei status%3A MANIFEST_INVALID::.*bogus_key/m)
  })

  it('github and markdown: failing gate controls annotated; the gate table as Markdown', () => {
    const dir = declared()
    const gh = sei(['status', '--format', 'github'], {cwd: dir})
    assert.match(gh.stdout, /^::error file=sei\.yaml,line=26,col=15,title=sei status%3A screen-recall::/m)
    assert.match(gh.stdout, /^sei status: RED$/m)
    const md = sei(['status', '--format', 'markdown'], {cwd: dir})
    assert.match(md.stdout, /^\| screen-recall \| no value \| > 0\.8 \| FAIL \| gate \|$/m)
    assert.match(md.stdout, /^- \*\*freshness\*\* never run: no lock/m)
  })

  it('FORMAT=PATH writes files (outside the repository too) beside the format on stdout', async () => {
    const dir = declared()
    const out = testDir({})
    const junit = join(out, 'report.xml')
    const sarif = join(out, 'sei.sarif')
    const r = sei(['status', '--format', `junit=${junit}`, '--format', `sarif=${sarif}`, '--format', 'github'], {
      cwd: dir,
    })
    assert.equal(r.status, 1, r.stderr)
    assert.match(r.stdout, /^::error /m)
    await assertValidJunit(readFileSync(junit, 'utf8'))
    assertValidSarif(readFileSync(sarif, 'utf8'))
  })

  it('refuses an unknown format and two formats for stdout (exit 2, FORMAT_INVALID)', () => {
    const dir = declared()
    for (const args of [
      ['--format', 'bogus'],
      ['--format', 'junit', '--format', 'sarif'],
      ['--json', '--format', 'junit'],
    ]) {
      const r = sei(['status', ...args], {cwd: dir})
      assert.equal(r.status, 2, args.join(' '))
      assert.match(`${r.stdout}${r.stderr}`, /FORMAT_INVALID/)
    }
  })

  it('GITHUB_STEP_SUMMARY: status and run append their Markdown, whatever the format', () => {
    const dir = declared()
    const summary = join(testDir({}), 'summary.md')
    writeFileSync(summary, 'before\n')
    const env = isolatedEnv({GITHUB_STEP_SUMMARY: summary})
    assert.equal(sei(['status', '--json'], {cwd: dir, env}).status, 1)
    // run stops before the pipeline here (the plan is not compiled): its error is summarised too.
    assert.equal(sei(['run'], {cwd: declared('bogus_key: 1\n'), env}).status, 2)
    const text = readFileSync(summary, 'utf8')
    assert.match(text, /^before\n### sei status: RED\n/)
    assert.match(text, /^\| screen-recall \| no value \| > 0\.8 \| FAIL \| gate \|$/m)
    assert.match(text, /^### sei run: error MANIFEST_INVALID$/m)
  })
})
