import {execFileSync} from 'node:child_process'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {Ajv, type ValidateFunction} from 'ajv'
import addFormatsModule from 'ajv-formats'
import {projectRoot} from './cli.js'
import {pythonBin} from './python.js'

// Official schemas vendored in test/fixtures (their READMEs name the source and the hashes) and the
// real compliance-trestle of the project .venv: the independent judges of sei's OSCAL and CycloneDX.

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv
/** A compiled schema: true when valid, `errors` says why not (not a type guard: the document keeps its type). */
export type Validator = ((data: unknown) => boolean) & {errors?: ValidateFunction['errors']}
const fixture = (...p: string[]) => join(projectRoot, 'test', 'fixtures', ...p)

let oscal: Validator | undefined
/** NIST's OSCAL 1.2.3 complete JSON schema (every model: component-definition, assessment-results, …). */
export function oscalValidator(): Validator {
  if (oscal) return oscal
  const ajv = new Ajv({strict: false, allErrors: true})
  addFormats(ajv)
  oscal = ajv.compile(JSON.parse(readFileSync(fixture('oscal', 'oscal_complete_schema.json'), 'utf8')))
  return oscal
}

export const CYCLONEDX_FILES = [
  'bom-1.6.SNAPSHOT.schema.json',
  'spdx.SNAPSHOT.schema.json',
  'jsf-0.82.SNAPSHOT.schema.json',
] as const
export const cyclonedxFile = (name: string) => fixture('cyclonedx', name)

/**
 * CycloneDX uses two formats ajv-formats lacks. Checked loosely rather than ignored (ajv would warn and
 * accept anything): an IRI reference has no whitespace, an internationalised e-mail has one @ between parts.
 */
function addIriFormats(ajv: Ajv): void {
  ajv.addFormat('iri-reference', /^\S*$/u)
  ajv.addFormat('idn-email', /^[^\s@]+@[^\s@]+$/u)
}

let cdx: Validator | undefined
/** The CycloneDX 1.6 JSON schema as cyclonedx-python-lib ships it (test/fixtures/cyclonedx/README.md). */
export function cyclonedxValidator(): Validator {
  if (cdx) return cdx
  const ajv = new Ajv({strict: false, allErrors: true})
  addFormats(ajv)
  addIriFormats(ajv)
  const [bom, ...refs] = CYCLONEDX_FILES.map((f) => JSON.parse(readFileSync(cyclonedxFile(f), 'utf8')))
  // The main schema refers to its companions by file name: register them under those names.
  for (const [i, schema] of refs.entries())
    ajv.addSchema(schema, `http://cyclonedx.org/schema/${CYCLONEDX_FILES[i + 1]}`)
  cdx = ajv.compile(bom)
  return cdx
}

/**
 * Loads an OSCAL document with compliance-trestle's pydantic models from the project .venv
 * (`oscal_read`, which validates every field); throws with trestle's own message when it refuses.
 */
export function trestleLoad(model: 'assessment-results' | 'component-definition', document: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'sei-trestle-'))
  const file = join(dir, `doc.json`)
  writeFileSync(file, JSON.stringify(document))
  const [module, cls] =
    model === 'assessment-results'
      ? ['trestle.oscal.assessment_results', 'AssessmentResults']
      : ['trestle.oscal.component', 'ComponentDefinition']
  const script =
    `import pathlib, sys\nfrom ${module} import ${cls}\n` +
    `d = ${cls}.oscal_read(pathlib.Path(sys.argv[1]))\nprint(type(d).__name__, d.uuid)`
  return execFileSync(join(pythonBin, 'python'), ['-c', script, file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim()
}
