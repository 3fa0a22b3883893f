// Deterministic mutations of manifest text for the fuzz tests (seeded PRNG, no dependency).
import {parse as parseYaml, stringify} from 'yaml'
import {fileVersions, fixtureNames} from '../../helpers/fixtures.js'
import {
  API_VERSIONS,
  CONTROL_TIERS,
  ENFORCEMENTS,
  IMPACTS,
  LEVELS,
  LIFECYCLES,
  LIKELIHOODS,
  SEVERITIES,
  TREATMENT_METHODS,
} from '../../../src/engine/manifest/index.js'

export const FUZZ_SEED = 0x5e1
export const FUZZ_COUNT = 1200

/** Every historic manifest of the reference fixtures (the seeds of the mutations). */
export function fixtureManifests(): string[] {
  return fixtureNames.flatMap((name) =>
    fileVersions(name, (p) => /^(sei|froga|venth)\.yaml$/.test(p)).map((v) => v.content.toString('utf8')),
  )
}

/** mulberry32: a small, well-known 32-bit PRNG; the same seed gives the same mutations everywhere. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

type Path = (string | number)[]
export type Mutation = {kind: string; text: string; path?: Path; structural: boolean; value?: unknown}

const ENUM_VALUES = [
  ...API_VERSIONS,
  ...CONTROL_TIERS,
  ...ENFORCEMENTS,
  ...IMPACTS,
  ...LEVELS,
  ...LIFECYCLES,
  ...LIKELIHOODS,
  ...SEVERITIES,
  ...TREATMENT_METHODS,
]
const GARBAGE = [
  ':',
  ': ',
  '-',
  '- ',
  '[',
  ']',
  '{',
  '}',
  '&x ',
  '*x',
  '!',
  '!!str ',
  '%',
  '\t',
  '"',
  "'",
  '#',
  '|',
  '>',
  '\n',
  '\n  ',
  '? ',
  ',',
  '@',
  '`',
  '\u0000',
  '\u00e9',
  '💥',
  '0x1F',
  '~',
  'null',
  '---\n',
  '...\n',
  '<<: *x',
]

function nodes(
  value: unknown,
  path: Path = [],
  out: {path: Path; value: unknown}[] = [],
): {path: Path; value: unknown}[] {
  out.push({path, value})
  if (Array.isArray(value)) value.forEach((v, i) => nodes(v, [...path, i], out))
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) nodes(v, [...path, k], out)
  return out
}

function getAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, seg) => (v as Record<string | number, unknown>)?.[seg], root)
}

function setAt(root: unknown, path: Path, value: unknown): void {
  const parent = getAt(root, path.slice(0, -1)) as Record<string | number, unknown>
  parent[path.at(-1) as string] = value
}

export function mutate(text: string, rand: () => number, parsed: unknown = undefined): Mutation {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]
  const op = Math.floor(rand() * 10)
  if (op >= 5) {
    const lines = text.split('\n')
    const at = Math.floor(rand() * lines.length)
    switch (op) {
      case 5:
        return {kind: 'truncate', structural: false, text: text.slice(0, Math.floor(rand() * text.length))}
      case 6: {
        const offset = Math.floor(rand() * text.length)
        return {
          kind: 'insert-garbage',
          structural: false,
          text: text.slice(0, offset) + pick(GARBAGE) + text.slice(offset),
        }
      }
      case 7:
        return {
          kind: 'delete-line',
          structural: false,
          text: [...lines.slice(0, at), ...lines.slice(at + 1)].join('\n'),
        }
      case 8:
        return {
          kind: 'duplicate-line',
          structural: false,
          text: [...lines.slice(0, at + 1), ...lines.slice(at)].join('\n'),
        }
      default:
        return {
          kind: 'reindent',
          structural: false,
          text: [
            ...lines.slice(0, at),
            (rand() < 0.5 ? ' ' : '') + lines[at].replace(/^ /, rand() < 0.5 ? '' : '   '),
            ...lines.slice(at + 1),
          ].join('\n'),
        }
    }
  }
  const value = (parsed === undefined ? parseYaml(text) : structuredClone(parsed)) as Record<string, unknown>
  const all = nodes(value).filter((n) => n.path.length > 0)
  switch (op) {
    case 0: {
      const keyed = all.filter((n) => typeof n.path.at(-1) === 'string')
      const target = pick(keyed)
      const parent = getAt(value, target.path.slice(0, -1)) as Record<string, unknown>
      delete parent[target.path.at(-1) as string]
      return {kind: 'delete-key', structural: true, path: target.path, text: stringify(value), value}
    }
    case 1: {
      const target = pick(all)
      const replacements = [42, 3.5, true, null, [], {}, 'text', ['a', 1], {x: {y: 1}}, -1]
      setAt(value, target.path, pick(replacements))
      return {kind: 'change-type', structural: true, path: target.path, text: stringify(value), value}
    }
    case 2: {
      const enums = all.filter((n) => typeof n.value === 'string' && ENUM_VALUES.includes(n.value as never))
      const target = pick(enums.length > 0 ? enums : all)
      const old = String(target.value)
      const swapped = rand() < 0.5 ? pick(ENUM_VALUES) : old.slice(0, -1) || 'X'
      setAt(value, target.path, swapped)
      return {kind: 'swap-enum', structural: true, path: target.path, text: stringify(value), value}
    }
    case 3: {
      const objects = all.filter((n) => n.value !== null && typeof n.value === 'object' && !Array.isArray(n.value))
      const target = objects.length > 0 ? pick(objects) : {path: [] as Path, value}
      const key = pick([
        'enforcment',
        'severty',
        'x',
        'risk',
        'id',
        'name',
        '__proto__',
        'constructor',
        'toString',
        '',
        ' ',
        'a'.repeat(200),
      ])
      // defineProperty: an own `__proto__` key, as a YAML parser makes it, not a prototype change.
      Object.defineProperty(target.value, key, {
        value: pick([1, 'garbage', null, [1, 2], {deep: true}]),
        enumerable: true,
        writable: true,
        configurable: true,
      })
      return {kind: 'insert-key', structural: true, path: [...target.path, key], text: stringify(value), value}
    }
    default: {
      const risks = (value.risk as {risks?: {id: unknown}[]} | undefined)?.risks
      if (Array.isArray(risks) && risks.length > 1) {
        risks[risks.length - 1].id = risks[0].id
        return {
          kind: 'duplicate-risk-id',
          structural: true,
          path: ['risk', 'risks', risks.length - 1, 'id'],
          text: stringify(value),
          value,
        }
      }
      const target = pick(all)
      setAt(value, target.path, 'P0D')
      return {kind: 'zero-duration', structural: true, path: target.path, text: stringify(value), value}
    }
  }
}
