import {didYouMean} from './did-you-mean.js'
import type {ManifestPath} from './locate.js'

/**
 * The JSON Schema subset that typebox emits for sei.yaml (type, properties, required,
 * additionalProperties, patternProperties, items, enum, and simple bounds).
 */
export type JsonSchema = {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  additionalProperties?: boolean | JsonSchema
  patternProperties?: Record<string, JsonSchema>
  items?: JsonSchema
  enum?: unknown[]
  const?: unknown
  minLength?: number
  maxLength?: number
  minItems?: number
  minimum?: number
  pattern?: string
  description?: string
}

/** A problem found against the schema, before it is located in the YAML text. */
export type RawProblem = {path: ManifestPath; message: string; on?: 'key' | 'value'}

/** ` (<the key's description>)`, when the schema gives one. */
function described(schema: JsonSchema | undefined): string {
  return schema?.description ? ` (${schema.description})` : ''
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  if (typeof value === 'string')
    return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`
  if (typeof value === 'number') return Number.isInteger(value) ? `the integer ${value}` : `the number ${value}`
  return `${typeof value} ${String(value)}`
}

const TYPE_NAMES: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a text',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  null: 'an empty value',
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value)
    case 'array':
      return Array.isArray(value)
    case 'string':
      return typeof value === 'string'
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value)
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
    case 'boolean':
      return typeof value === 'boolean'
    case 'null':
      return value === null
    default:
      return true
  }
}

function enumMessage(value: unknown, allowed: unknown[]): string {
  const names = allowed.map(String)
  const hint = typeof value === 'string' || typeof value === 'number' ? didYouMean(String(value), names) : undefined
  return `${describe(value)} is not one of ${names.join(', ')}${hint ? `; did you mean "${hint}"?` : ''}`
}

/** Every way `value` breaks `schema`, with the path of each (all at once, never stopping at the first). */
export function checkSchema(
  schema: JsonSchema,
  value: unknown,
  path: ManifestPath = [],
  out: RawProblem[] = [],
): RawProblem[] {
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type]
  if (types.length > 0 && !types.some((t) => hasType(value, t))) {
    if (schema.enum) out.push({path, message: enumMessage(value, schema.enum)})
    else
      out.push({
        path,
        message: `expected ${types.map((t) => TYPE_NAMES[t] ?? t).join(' or ')}, found ${describe(value)}`,
      })
    return out
  }
  if (schema.enum && !schema.enum.some((e) => e === value)) {
    out.push({path, message: enumMessage(value, schema.enum)})
    return out
  }
  if ('const' in schema && schema.const !== value) {
    out.push({path, message: `must be ${JSON.stringify(schema.const)}, found ${describe(value)}`})
    return out
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength)
      out.push({
        path,
        message: schema.minLength === 1 ? 'must not be empty' : `must be at least ${schema.minLength} characters`,
      })
    if (schema.maxLength !== undefined && value.length > schema.maxLength)
      out.push({path, message: `must be at most ${schema.maxLength} characters`})
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value))
      out.push({path, message: `${describe(value)} does not match ${schema.pattern}`})
  }
  if (typeof value === 'number' && schema.minimum !== undefined && value < schema.minimum)
    out.push({path, message: `must be ≥ ${schema.minimum}`})
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      out.push({path, message: `needs at least ${schema.minItems} item(s)`})
    if (schema.items) value.forEach((item, i) => checkSchema(schema.items as JsonSchema, item, [...path, i], out))
  } else if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>
    const props = schema.properties ?? {}
    for (const key of schema.required ?? []) {
      if (!Object.hasOwn(obj, key))
        out.push({
          path,
          on: 'key',
          message: `missing required key "${key}"${described(schema.properties?.[key])}`,
        })
    }
    const patterns = Object.entries(schema.patternProperties ?? {}).map(([p, s]) => [new RegExp(p, 'u'), s] as const)
    for (const [key, child] of Object.entries(obj)) {
      if (Object.hasOwn(props, key)) {
        checkSchema(props[key], child, [...path, key], out)
        continue
      }
      const byPattern = patterns.filter(([re]) => re.test(key))
      if (byPattern.length > 0) {
        for (const [, s] of byPattern) checkSchema(s, child, [...path, key], out)
      } else if (typeof schema.additionalProperties === 'object') {
        checkSchema(schema.additionalProperties, child, [...path, key], out)
      } else if (schema.additionalProperties === false) {
        const known = Object.keys(props)
        const hint = didYouMean(key, known)
        out.push({
          path: [...path, key],
          on: 'key',
          message: `unknown key "${key}"; ${hint ? `did you mean "${hint}"?` : `allowed here: ${known.join(', ')}`}`,
        })
      }
    }
  }
  return out
}
