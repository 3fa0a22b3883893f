import assert from 'node:assert/strict'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {it} from 'node:test'
import {parse as parseYaml} from 'yaml'
import {SeiError, formatWhere} from '../../../src/engine/errors.js'
import {parseManifest} from '../../../src/engine/manifest/index.js'
import {writePlan} from '../../../src/engine/oscal/index.js'
import {statusCheck} from '../../../src/engine/pipeline/index.js'
import {bundledHost} from '../../../src/engine/plugins/index.js'
import {projectRoot} from '../../helpers/cli.js'
import {gitRepo} from '../../helpers/git-repo.js'
import {FUZZ_COUNT, FUZZ_SEED, fixtureManifests, mutate, prng} from './mutations.js'

/** Values that a careless or hostile manifest gives the fields naming tools and files. */
const FIELD_VALUES: Record<string, unknown[]> = {
  'pipeline.tool': ['DVC', 'make', 'Dvc ', 'mlflow', 'dagster'],
  'dataset.croissant': ['missing.json', 'README.md', 'data', 'bad.json', '../x.json'],
  'eval.script': ['missing.py', 'data', '../evaluate.py'],
  'oscal.assessment_plan': ['plan.txt', 'sei.yaml', 'README.md', '.git/plan.yaml', 'p/plan.yaml'],
  'pipeline.params': ['nope.yaml', 'data'],
}

function setField(doc: Record<string, any>, field: string, value: unknown): void {
  const [section, key] = field.split('.')
  doc[section] = {...(typeof doc[section] === 'object' && doc[section] ? doc[section] : {}), [key]: value}
  if (section === 'pipeline') doc.pipeline.metrics ??= 'metrics.json'
}

// Every rejection a manifest causes, beyond the schema: each must point at sei.yaml:LINE:COL. The seeded
// fuzz mutations that validate, and each with a hostile value in a field that names a tool or a file,
// go through the status check (the inputs, the reproducer, the plan) and through compile, in-process.
it('every manifest-caused rejection of status and compile is located at sei.yaml:LINE:COL', async () => {
  const host = bundledHost(projectRoot)
  const cacheDir = mkdtempSync(join(tmpdir(), 'sei-fuzz-cache-'))
  const repo = gitRepo({'README.md': 'not a plan\n', 'bad.json': '{not json', 'data/x.csv': 'a\n1\n'})
  const bases = fixtureManifests()
  const parsed = bases.map((b) => parseYaml(b))
  const rand = prng(FUZZ_SEED)
  const texts: string[] = []
  for (let i = 0; i < FUZZ_COUNT; i++) {
    const m = mutate(bases[i % bases.length], rand, parsed[i % bases.length])
    if (parseManifest(m.text, 'sei.yaml').problems.length === 0) texts.push(m.text)
  }
  for (const [field, values] of Object.entries(FIELD_VALUES)) {
    for (const [n, value] of values.entries()) {
      const doc = structuredClone(parsed[n % parsed.length]) as Record<string, any>
      setField(doc, field, value)
      texts.push((await import('yaml')).stringify(doc))
    }
  }
  // A measure id that is no OSCAL token: compile cannot make a control-id of it (PLAN_INVALID).
  for (const base of parsed as Record<string, any>[]) {
    const doc = structuredClone(base)
    const measure = doc.risk?.risks?.[0]?.treat
      ?.find((t: any) => t.measures?.length)
      ?.measures?.find((m: any) => m.constraint)
    if (!measure) continue
    measure.id = `9 ${measure.id}`
    doc.oscal = {assessment_plan: 'p/plan.yaml'}
    texts.push((await import('yaml')).stringify(doc))
  }
  const codes = new Map<string, number>()
  let checked = 0
  for (const text of texts) {
    writeFileSync(join(repo, 'sei.yaml'), text)
    rmSync(join(repo, 'p'), {recursive: true, force: true})
    for (const step of ['status', 'compile'] as const) {
      try {
        if (step === 'status') await statusCheck(repo, {config: host, cacheDir})
        else {
          const {loadManifest, locateManifestError} = await import('../../../src/engine/manifest/index.js')
          const loaded = await loadManifest(repo)
          await writePlan(repo, loaded.manifest, loaded.file).catch((e: unknown) => {
            throw locateManifestError(e, loaded)
          })
        }
      } catch (error) {
        assert.ok(error instanceof SeiError, `${step}: not a SeiError: ${(error as Error).stack}\n${text}`)
        codes.set(error.code, (codes.get(error.code) ?? 0) + 1)
        if (error.exit !== 2) continue
        checked++
        const where = error.where ? formatWhere(error.where) : '(none)'
        assert.match(
          where,
          /^sei\.yaml:\d+:\d+$/,
          `${step} ${error.code} "${error.message}" is not located\n--- sei.yaml\n${text}`,
        )
      }
    }
  }
  // The hostile values must have produced the rejections the located errors are about.
  for (const code of [
    'REPRODUCER_UNKNOWN',
    'CROISSANT_MISSING',
    'CROISSANT_INVALID',
    'INPUT_MISSING',
    'PLAN_FORMAT_UNKNOWN',
    'PLAN_PATH_FORBIDDEN',
    'PIPELINE_OPTIONS_INVALID',
    'PLAN_INVALID',
  ]) {
    assert.ok(codes.has(code), `no ${code} among ${JSON.stringify([...codes])}`)
  }
  assert.ok(checked > 40, `${checked} located rejections checked`)
})
