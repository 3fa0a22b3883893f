import assert from 'node:assert/strict'
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {parse} from 'yaml'
import {projectRoot} from '../../helpers/cli.js'
import {hasPythonEnv} from '../../helpers/python.js'
import {oscalValidator, trestleLoad} from '../../helpers/schemas.js'
import {OSCAL_VERSION, compilePlan} from '../../../src/engine/oscal/index.js'
import {referencePlans} from './reference-plans.js'

// Validation against NIST's own JSON Schema of the OSCAL release the plan declares (see
// test/fixtures/oscal/README.md for where the file comes from).

const schemaFile = join(projectRoot, 'test', 'fixtures', 'oscal', 'oscal_complete_schema.json')
const schemaBytes = readFileSync(schemaFile)
const schema = JSON.parse(schemaBytes.toString('utf8'))
const validate = oscalValidator()

describe('compiled plans validate against the official OSCAL schema', () => {
  it('the vendored schema is the unmodified NIST release file of the declared version', () => {
    assert.equal(
      createHash('sha256').update(schemaBytes).digest('hex'),
      '384324105c7a817af0f65b120a963146caa0e0d55d969cf0daf60e063b87a206',
    )
    assert.equal(schema.$id, `http://csrc.nist.gov/ns/oscal/1.0/${OSCAL_VERSION}/oscal-complete-schema.json`)
  })
  for (const ref of referencePlans()) {
    it(`${ref.fixture}: the YAML plan and its JSON form are valid OSCAL ${OSCAL_VERSION}`, () => {
      const yaml = compilePlan(ref.manifest)
      assert.ok(validate(parse(yaml.text)), JSON.stringify(validate.errors?.slice(0, 5)))
      const json = compilePlan({...ref.manifest, oscal: {assessment_plan: 'plan.json'}})
      assert.ok(validate(JSON.parse(json.text)), JSON.stringify(validate.errors?.slice(0, 5)))
    })
  }
  it("compliance-trestle's pydantic ComponentDefinition loads every compiled plan (project .venv)", {
    skip: !hasPythonEnv && 'no project Python env',
  }, () => {
    for (const ref of referencePlans()) {
      assert.match(
        trestleLoad('component-definition', compilePlan(ref.manifest, {manifestFile: ref.manifestFile}).document),
        /^ComponentDefinition /,
      )
    }
  })
  it("the validator is real: the reference's own plans lack the required last-modified and fail", () => {
    const ref = referencePlans()[0]
    assert.equal(validate(ref.plan), false)
    assert.ok(validate.errors?.some((e) => e.message?.includes('last-modified')))
  })
  it('a plan with an empty prop value fails', () => {
    const doc = compilePlan(referencePlans()[1].manifest).document as any
    doc['component-definition'].components[0]['control-implementations'][0][
      'implemented-requirements'
    ][0].props[0].value = ''
    assert.equal(validate(doc), false)
  })
})
