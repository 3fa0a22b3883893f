// Writes schemas/sei.schema.json from the typebox manifest schema (typebox schemas are JSON Schema),
// so editors validate sei.yaml through the modeline `sei init` writes.
import {mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {ManifestSchema} from '../lib/src/engine/manifest/schema.js'

const root = join(import.meta.dirname, '..')
const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://seigarrena.dev/schemas/sei.schema.json',
  title: 'sei.yaml',
  ...JSON.parse(JSON.stringify(ManifestSchema)),
}
mkdirSync(join(root, 'schemas'), {recursive: true})
writeFileSync(join(root, 'schemas', 'sei.schema.json'), `${JSON.stringify(schema, null, 2)}\n`)
