import {existsSync, readFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {ExitCode, SeiError} from '../errors.js'
import type {JsonSchema} from './check-schema.js'

// The validator reads the JSON Schema that the build generates from the typebox schema
// (scripts/build-schema.js → schemas/sei.schema.json, shipped in the package): one source of truth,
// and no typebox import at run time (it costs ≈ 250 ms of start-up).

let cached: {path: string; schema: JsonSchema} | undefined

/** Path of the shipped schemas/sei.schema.json of this installation of sei. */
export function manifestSchemaPath(): string {
  if (cached) return cached.path
  let dir = import.meta.dirname
  for (;;) {
    const candidate = join(dir, 'schemas', 'sei.schema.json')
    if (existsSync(candidate) && existsSync(join(dir, 'package.json'))) return candidate
    const up = dirname(dir)
    if (up === dir) {
      throw new SeiError('SCHEMA_MISSING', 'schemas/sei.schema.json is missing from this installation of sei', {
        exit: ExitCode.environment,
        actions: ['Run `npm run build` (it generates the schema), or reinstall sei.'],
      })
    }
    dir = up
  }
}

export function manifestJsonSchema(): JsonSchema {
  if (!cached) {
    const path = manifestSchemaPath()
    cached = {path, schema: JSON.parse(readFileSync(path, 'utf8')) as JsonSchema}
  }
  return cached.schema
}
