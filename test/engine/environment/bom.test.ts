import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {BOM_SPEC_VERSION, bomSummary, environmentDrift, generateBom} from '../../../src/engine/environment/index.js'
import {SeiError} from '../../../src/engine/errors.js'
import {parseEvidenceJson} from '../../../src/engine/canonical/index.js'
import {projectRoot} from '../../helpers/cli.js'
import {fileVersions, fixtureNames} from '../../helpers/fixtures.js'
import {hasPythonEnv, pythonBin, pythonEnv, pythonToolEnv} from '../../helpers/python.js'
import {CYCLONEDX_FILES, cyclonedxFile, cyclonedxValidator} from '../../helpers/schemas.js'
import {referenceRuns} from '../evidence/bundle-reference.js'

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

describe("the bundle's bom summary against the reference engine", () => {
  const runs = referenceRuns()
  it('each reference bundle summarises its .venturalitica/bom.json: digest of its bytes, components as is', () => {
    assert.equal(runs.length, 4)
    for (const run of runs) {
      const reference = parseEvidenceJson(run.bundleText) as {
        bom: {format_version: string; digest: string; components: unknown[]}
      }
      assert.ok(run.bomBytes, `${run.fixture}: the BOM file is in the tree`)
      // What the reference's digest is over: the exact bytes of the whole CycloneDX file.
      assert.equal(reference.bom.digest, `sha256:${sha256(run.bomBytes)}`)
      assert.equal(reference.bom.format_version, `cyclonedx-${BOM_SPEC_VERSION}`)
      assert.deepEqual(
        bomSummary(JSON.parse(run.bomBytes.toString('utf8'))),
        JSON.parse(JSON.stringify(reference.bom.components)),
      )
    }
  })
  it("the reference's own BOM files are CycloneDX 1.6 by the official schema (the validator accepts real BOMs)", () => {
    const validate = cyclonedxValidator()
    const boms = fixtureNames.flatMap((f) => fileVersions(f, (p) => p === '.venturalitica/bom.json'))
    assert.ok(boms.length >= 3)
    for (const b of boms)
      assert.ok(validate(JSON.parse(b.content.toString('utf8'))), JSON.stringify(validate.errors?.slice(0, 3)))
  })
})

describe('the vendored CycloneDX schema', () => {
  it('is the file cyclonedx-python-lib ships, unmodified (hashes of test/fixtures/cyclonedx/README.md)', () => {
    const want = [
      '83821ba49aa366ad1f1d16c34837d05edd010f036f652e310db1c77d57b37c58',
      'ea6e844ee6fba1e93473d94834d0ee0996970533497935f932f73d488ffdf4a3',
      '8bae002c25e723db7ee1f26afde680ae1a2b1a8f6b4b4b0fd65dc3becb090aae',
    ]
    assert.deepEqual(
      CYCLONEDX_FILES.map((f) => sha256(readFileSync(cyclonedxFile(f)))),
      want,
    )
  })
  it('rejects what CycloneDX 1.6 forbids (the validator is real)', () => {
    const validate = cyclonedxValidator()
    assert.equal(
      validate({bomFormat: 'CycloneDX', specVersion: '1.6', components: [{name: 'x'}]}),
      false,
      'a component needs a type',
    )
    assert.equal(
      validate({
        bomFormat: 'CycloneDX',
        specVersion: '1.6',
        components: [{type: 'library', name: 'x', licenses: [{license: {id: 'NOT-AN-SPDX-ID'}}]}],
      }),
      false,
      'SPDX ids are checked',
    )
  })
})

describe('generateBom (cyclonedx-py on the project .venv)', {skip: !hasPythonEnv && 'no project Python env'}, () => {
  const env = pythonToolEnv()
  const python = join(pythonBin, 'python')
  const uv = join(projectRoot, '.venv-bootstrap', 'bin', 'uv')
  it("writes a valid CycloneDX 1.6 BOM with scikit-learn's purl; digest of the bytes; reproducible", async () => {
    const a = await generateBom({python, description: 'the project .venv', env, cwd: projectRoot})
    const bom = JSON.parse(a.bytes.toString('utf8')) as {
      $schema: string
      version: number
      components: {name: string; purl?: string}[]
    }
    const validate = cyclonedxValidator()
    assert.ok(validate(bom), JSON.stringify(validate.errors?.slice(0, 3)))
    // The two checks the library's copy of the schema dropped (see its README).
    assert.equal(bom.$schema, 'http://cyclonedx.org/schema/bom-1.6.schema.json')
    assert.equal(bom.version, 1)
    assert.equal(a.sha256, sha256(a.bytes))
    // scikit-learn's version from uv's own listing of the environment (an independent reader).
    const listed = JSON.parse(
      execFileSync(uv, ['pip', 'list', '--python', python, '--format', 'json'], {encoding: 'utf8'}),
    ) as {name: string; version: string}[]
    const sklearn = listed.find((p) => p.name === 'scikit-learn')!
    const component = bom.components.find((c) => c.name === 'scikit-learn')!
    assert.equal(component.purl, `pkg:pypi/scikit-learn@${sklearn.version}`)
    assert.deepEqual(a.components.find((c) => c.name === 'scikit-learn')?.purl, component.purl)
    assert.equal(a.components.length, bom.components.length)
    assert.equal(a.components.length, listed.length, 'one component per installed distribution')
    const again = await generateBom({python, description: 'the project .venv', env, cwd: projectRoot})
    assert.equal(again.sha256, a.sha256, 'the same environment gives the same bytes')
    assert.equal(a.environment.python, python)
    assert.ok(pythonEnv)
    // Two readers of one environment agree: cyclonedx-py's components and sei's metadata scan.
    assert.deepEqual(environmentDrift({components: a.components}, python), [])
    const older = a.components.map((c) =>
      c.name === 'scikit-learn' ? {...c, version: '1.5.2', purl: 'pkg:pypi/scikit-learn@1.5.2'} : c,
    )
    assert.deepEqual(environmentDrift({components: older}, python), [`scikit-learn 1.5.2 → ${sklearn.version}`])
  })
  it('without cyclonedx-py on PATH: exit 3 (environment), saying what to install', async () => {
    await assert.rejects(
      generateBom({python, description: 'x', env: {...env, PATH: '/usr/bin:/bin'}, cwd: projectRoot}),
      (e: unknown) => {
        assert.ok(e instanceof SeiError)
        assert.equal(e.code, 'SBOM_TOOL_MISSING')
        assert.equal(e.exit, 3)
        assert.match(e.actions.join(' '), /pip install cyclonedx-bom/)
        return true
      },
    )
  })
  it("with an interpreter that is not Python: exit 3, the tool's complaint quoted", async () => {
    await assert.rejects(
      generateBom({python: '/bin/false', description: 'x', env, cwd: projectRoot}),
      (e: unknown) => e instanceof SeiError && e.code === 'SBOM_FAILED' && e.exit === 3,
    )
  })
})
