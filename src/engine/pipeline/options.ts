import {ExitCode, SeiError, type Where} from '../errors.js'

type Schema = {
  type?: string | string[]
  properties?: Record<string, Schema>
  required?: string[]
  items?: Schema
  additionalProperties?: boolean | Schema
  minLength?: number
  pattern?: string
  enum?: unknown[]
  description?: string
}

const BASE_FIELDS = new Set(['tool', 'metrics', 'params'])

function typeOk(value: unknown, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string'
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
    case 'integer':
      return Number.isInteger(value)
    case 'boolean':
      return typeof value === 'boolean'
    case 'array':
      return Array.isArray(value)
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value)
    default:
      return true
  }
}

/** Problems of `value` against the JSON-schema-like subset plugins use, as [path, message]. */
export function schemaProblems(
  schema: Schema,
  value: unknown,
  path: (string | number)[] = [],
): [(string | number)[], string][] {
  const out: [(string | number)[], string][] = []
  if (schema.type) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type]
    if (!types.some((t) => typeOk(value, t))) return [[path, `expected ${types.join(' or ')}`]]
  }
  if (schema.enum && !schema.enum.includes(value))
    out.push([path, `expected one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}`])
  if (typeof value === 'string' && schema.minLength !== undefined && value.length < schema.minLength)
    out.push([path, 'must not be empty'])
  if (typeof value === 'string' && schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) {
    out.push([path, `must match ${schema.pattern}${schema.description ? ` (${schema.description})` : ''}`])
  }
  if (Array.isArray(value) && schema.items)
    value.forEach((v, i) => out.push(...schemaProblems(schema.items!, v, [...path, i])))
  if (typeOk(value, 'object') && (schema.properties || schema.required || schema.additionalProperties !== undefined)) {
    const obj = value as Record<string, unknown>
    for (const r of schema.required ?? []) if (!(r in obj)) out.push([[...path, r], 'is required'])
    for (const [k, v] of Object.entries(obj)) {
      const p = schema.properties?.[k]
      if (p) out.push(...schemaProblems(p, v, [...path, k]))
      else if (typeof schema.additionalProperties === 'object')
        out.push(...schemaProblems(schema.additionalProperties, v, [...path, k]))
      else if (schema.additionalProperties === false) out.push([[...path, k], 'is not a known field'])
    }
  }
  return out
}

/**
 * Validates the tool-specific fields of `pipeline:` with the reproducer plugin's optionsSchema;
 * unknown fields are errors (a typo must not silently change nothing). Errors are located in the manifest.
 */
export async function validatePipelineOptions(
  pipeline: Record<string, unknown>,
  schema: Record<string, unknown> | undefined,
  manifestFile: string,
  manifestText: string,
): Promise<void> {
  const s = (schema ?? {}) as Schema
  const own: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(pipeline)) if (!BASE_FIELDS.has(k)) own[k] = v
  const problems = schemaProblems({...s, type: 'object', additionalProperties: s.additionalProperties ?? false}, own, [
    'pipeline',
  ])
  if (problems.length === 0) return
  const {LineCounter, parseDocument} = await import('yaml')
  const lc = new LineCounter()
  const doc = parseDocument(manifestText, {lineCounter: lc})
  const locate = (p: (string | number)[]): Where => {
    for (let n = p.length; n > 0; n--) {
      const node = doc.getIn(p.slice(0, n), true) as {range?: [number, number]} | undefined
      if (node?.range) {
        const pos = lc.linePos(node.range[0])
        return {file: manifestFile, line: pos.line, col: pos.col}
      }
    }
    return {file: manifestFile, line: 1, col: 1}
  }
  const known = Object.keys(s.properties ?? {}).sort()
  const lines = problems.map(([p, m]) => {
    const w = locate(p)
    return `${w.file}:${w.line}:${w.col} ${p.join('.')}: ${m}`
  })
  throw new SeiError(
    'PIPELINE_OPTIONS_INVALID',
    `pipeline: has ${problems.length} problem(s) for tool "${String(pipeline.tool)}"`,
    {
      exit: ExitCode.invalidInput,
      where: locate(problems[0][0]),
      problems: lines,
      actions: [`Fields this tool accepts besides tool/metrics/params: ${known.join(', ') || 'none'}.`],
    },
  )
}
