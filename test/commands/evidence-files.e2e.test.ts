import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {describe, it} from 'node:test'
import {parse} from 'yaml'
import {projectRoot, sei} from '../helpers/cli.js'
import {hasPythonEnv, pythonBin} from '../helpers/python.js'
import {cyclonedxValidator, oscalValidator, trestleLoad} from '../helpers/schemas.js'

type ExampleRepo = {
  materialise(name: string, options: {env: Record<string, string | undefined>}): string
  toolEnv(extra?: Record<string, string>): Record<string, string | undefined>
}
const examples: ExampleRepo = await import(pathToFileURL(join(projectRoot, 'scripts', 'example-repo.js')).href)

// The medical example (Dagster) through `sei run`: the signed SBOM, the bundle's bom summary, the OSCAL
// results, and the MDR SOUP clause they cover, each judged by a tool sei did not write.
describe('sei run: signed CycloneDX SBOM and OSCAL assessment-results (examples/medical, Dagster)', {
  skip: !hasPythonEnv && 'no project Python env',
}, () => {
  const env = examples.toolEnv({
    SEI_SIGNING_KEY: join(mkdtempSync(join(tmpdir(), 'sei-key-')), 'k.hex'),
    SEI_CACHE_DIR: mkdtempSync(join(tmpdir(), 'sei-cache-')),
    NO_COLOR: '1',
  })
  const dir = examples.materialise('medical', {env})
  const git = (args: string[]) => execFileSync('git', args, {cwd: dir, env: env as NodeJS.ProcessEnv, encoding: 'utf8'})
  const run = (args: string[], e = env) => sei(args, {cwd: dir, env: e})
  const read = (p: string) => readFileSync(join(dir, p))

  it('without cyclonedx-py on PATH the run stops before the pipeline: exit 3, nothing written', () => {
    // The project's tools, cyclonedx-py left out.
    const bin = mkdtempSync(join(tmpdir(), 'sei-bin-'))
    for (const f of readdirSync(pythonBin)) if (f !== 'cyclonedx-py') symlinkSync(join(pythonBin, f), join(bin, f))
    // The plan is the gate contract (a stale one stops the run first, exit 2): compile it as a user would.
    assert.equal(run(['compile']).status, 0)
    const r = run(['run'], {...env, PATH: `${bin}:/usr/bin:/bin`})
    assert.equal(r.status, 3, r.stdout + r.stderr)
    assert.match(r.stderr, /SBOM_TOOL_MISSING[\s\S]*cyclonedx-py is not on PATH[\s\S]*pip install cyclonedx-bom/)
    assert.equal(existsSync(join(dir, '.sei', 'bundle.json')), false)
    assert.equal(existsSync(join(dir, 'sei.lock')), false)
    assert.doesNotMatch(r.stderr, /reproducing with/)
  })

  it("signs .sei/bom.cdx.json (CycloneDX 1.6, scikit-learn's purl, digest in bundle); mdr.soup-inventory", () => {
    assert.equal(run(['compile']).status, 0)
    git(['add', '-A'])
    git(['commit', '-q', '-m', 'compile'])
    const r = run(['run'])
    assert.equal(r.status, 1, r.stdout + r.stderr) // V1 of the example is red; the evidence is written anyway
    const dagsterPython = readFileSync(join(pythonBin, 'dagster'), 'utf8').split('\n')[0].slice(2).trim()
    assert.match(
      r.stdout,
      new RegExp(
        `sbom: \\d+ components of the interpreter \`dagster\` on PATH runs in ` +
          `\\(${dagsterPython.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\)`,
      ),
    )
    assert.match(
      r.stdout,
      new RegExp(
        String.raw`wrote .*\.sei\/bom\.cdx\.json, \.sei\/bom\.cdx\.json\.sig, ` +
          String.raw`\.sei\/assessment-results\.oscal\.json, ` +
          String.raw`\.sei\/assessment-results\.oscal\.json\.sig, \.sei\/bundle\.json`,
      ),
    )

    const bomBytes = read('.sei/bom.cdx.json')
    const bom = JSON.parse(bomBytes.toString('utf8')) as any
    const validate = cyclonedxValidator()
    assert.ok(validate(bom), JSON.stringify(validate.errors?.slice(0, 3)))
    const sklearnVersion = execFileSync(
      join(pythonBin, 'python'),
      ['-c', 'import sklearn; print(sklearn.__version__)'],
      {encoding: 'utf8'},
    ).trim()
    assert.ok(
      bom.components.some(
        (c: {name: string; purl?: string}) =>
          c.name === 'scikit-learn' && c.purl === `pkg:pypi/scikit-learn@${sklearnVersion}`,
      ),
    )
    const bundle = JSON.parse(read('.sei/bundle.json').toString('utf8'))
    assert.equal(bundle.bom.digest, `sha256:${createHash('sha256').update(bomBytes).digest('hex')}`)
    assert.equal(bundle.bom.format_version, 'cyclonedx-1.6')
    assert.equal(bundle.bom.components.length, bom.components.length)

    const v = run(['verify', '--all'])
    assert.equal(v.status, 0, v.stdout + v.stderr)
    assert.match(v.stdout, /ok\s+\.sei\/bom\.cdx\.json/)
    assert.match(v.stdout, /ok\s+\.sei\/assessment-results\.oscal\.json/)

    const c = run(['conformance', '--standard', 'eu/mdr@2017', '--json'])
    // V1 is red: the projection is BLOCKED by the risk gate (exit 1), and still shows every clause.
    assert.equal(c.status, 1, c.stderr)
    assert.equal(JSON.parse(c.stdout).result.gates.risk, 'RED')
    const clauses = (JSON.parse(c.stdout) as any).result.standards.flatMap((x: {clauses: unknown[]}) => x.clauses)
    const soup = clauses.find((x: {clause_id: string}) => x.clause_id === 'mdr.soup-inventory')
    assert.equal(soup?.decision, 'covered', c.stdout.slice(0, 2000))
  })

  it('signs .sei/assessment-results.oscal.json: NIST-valid, loaded by trestle, linked to the plan on disk', () => {
    const doc = JSON.parse(read('.sei/assessment-results.oscal.json').toString('utf8')) as any
    assert.ok(oscalValidator()(doc), JSON.stringify(oscalValidator().errors?.slice(0, 3)))
    assert.match(trestleLoad('assessment-results', doc), /^AssessmentResults /)
    const planPath = 'policies/assessment_plan.oscal.yaml'
    const plan = parse(read(planPath).toString('utf8'))
    assert.match(trestleLoad('component-definition', plan), /^ComponentDefinition /)
    const irs = new Set(
      plan['component-definition'].components[0]['control-implementations'][0]['implemented-requirements'].map(
        (r: {uuid: string}) => r.uuid,
      ),
    )
    const bundle = JSON.parse(read('.sei/bundle.json').toString('utf8'))
    const [result] = doc['assessment-results'].results
    assert.equal(result.observations.length, bundle.control_results.length)
    for (const o of result.observations) {
      const [href, uuid] = o.links[0].href.split('#')
      assert.equal(href, `../${planPath}`)
      assert.ok(irs.has(uuid), `${uuid} is an implemented-requirement of the plan on disk`)
    }
    const failing = bundle.control_results
      .filter((r: {passed: boolean}) => !r.passed)
      .map((r: {control_id: string}) => r.control_id)
    assert.ok(failing.length > 0)
    assert.deepEqual(
      result.findings.map((f: any) => f.target['target-id']),
      failing,
    )
    // Resources name the files with their sha256, so each href is checkable.
    const bundleResource = doc['assessment-results']['back-matter'].resources.find(
      (x: any) => x.rlinks?.[0]?.href === 'bundle.json',
    )
    assert.equal(
      bundleResource.rlinks[0].hashes[0].value,
      createHash('sha256').update(read('.sei/bundle.json')).digest('hex'),
    )
  })

  it('a second run with nothing changed writes the same SBOM bytes and the same results', () => {
    git(['add', '-A'])
    git(['commit', '-q', '-m', 'run'])
    const bom = read('.sei/bom.cdx.json')
    const r = run(['run'])
    assert.equal(r.status, 1, r.stdout + r.stderr)
    assert.match(r.stdout, /reproduced: nothing/)
    assert.ok(read('.sei/bom.cdx.json').equals(bom))
    assert.equal(git(['status', '--porcelain', '.sei/bom.cdx.json', '.sei/bom.cdx.json.sig']).trim(), '')
    mkdirSync(join(dir, 'x'), {recursive: true})
  })
})
