import type {Document, LineCounter, Node} from 'yaml'
import {checkSchema, type RawProblem} from './check-schema.js'
import {MAX_MANIFEST_BYTES, MAX_MANIFEST_DEPTH} from './constants.js'
import {tooDeepAt} from './depth.js'
export {MAX_MANIFEST_BYTES} from './constants.js'
import {manifestJsonSchema} from './json-schema.js'
import {formatPath, locate, type ManifestPath} from './locate.js'
import type {Manifest} from './schema.js'
import {checkSemantics} from './semantics.js'
import {yaml} from './yaml-lazy.js'

/** One problem in a manifest, located: `sei.yaml:14:7 risk.risks[2].impact.society: expected …`. */
export type ManifestProblem = {file: string; line: number; col: number; path: string; message: string}

export function formatProblem(p: ManifestProblem): string {
  return `${p.file}:${p.line}:${p.col} ${p.path}: ${p.message}`
}

/**
 * Aliases are legitimate YAML, but a few dozen are plenty for a manifest; more is an alias bomb. The check of
 * sei.yaml and every parse of a manifest (the history's revisions too) use this one limit.
 */
export const MAX_ALIASES = 64

type Located = {path: ManifestPath; line: number; col: number; message: string}

/** Problems visible in the YAML tree itself: non-text keys, self-containing aliases, too many aliases. */
function treeProblems(doc: Document, counter: LineCounter): Located[] {
  const {isCollection, isPair, isScalar, visit} = yaml()
  const out: Located[] = []
  let aliases = 0
  visit(doc, {
    Pair(_, pair) {
      if (isPair(pair) && pair.key !== null && !isScalar(pair.key)) {
        const at = counter.linePos((pair.key as Node).range?.[0] ?? 0)
        out.push({path: [], ...at, message: 'a key must be plain text, not a list, mapping or alias'})
      }
    },
    Alias(_, alias) {
      aliases++
      const target = alias.resolve(doc) as Node | undefined
      const at = counter.linePos(alias.range?.[0] ?? 0)
      if (!target) out.push({path: [], ...at, message: `alias *${alias.source} names no anchor`})
      else if (
        isCollection(target) &&
        target.range &&
        alias.range &&
        target.range[0] <= alias.range[0] &&
        alias.range[1] <= target.range[2]
      ) {
        out.push({
          path: [],
          ...at,
          message: `alias *${alias.source} refers to a mapping or list that contains it (circular)`,
        })
      }
    },
  })
  if (aliases > MAX_ALIASES) {
    out.push({
      path: [],
      line: 1,
      col: 1,
      message:
        `${aliases} YAML aliases (more than ${MAX_ALIASES}): refused as a possible alias bomb; write the ` +
        `values out`,
    })
  }
  return out
}

/**
 * Validates manifest text completely and reports every problem at once, each located at its
 * line and column: YAML syntax, duplicate keys and alias bombs; the schema (types, unknown keys and
 * enum values with a did-you-mean); and the semantic checks (see semantics.ts). Never throws for any
 * input text.
 */
export function parseManifest(text: string, file: string): {manifest?: Manifest; problems: ManifestProblem[]} {
  const {manifest, problems} = analyseManifest(text, file)
  return manifest ? {manifest, problems} : {problems}
}

/** parseManifest plus a way to locate further problems (load-time checks) in the same text. */
export function analyseManifest(
  text: string,
  file: string,
): {manifest?: Manifest; problems: ManifestProblem[]; at: (path: ManifestPath) => {line: number; col: number}} {
  const noPlace = () => ({line: 1, col: 1})
  const problem = (l: Located): ManifestProblem => ({
    file,
    line: l.line,
    col: l.col,
    path: formatPath(l.path),
    message: l.message,
  })
  if (Buffer.byteLength(text, 'utf8') > MAX_MANIFEST_BYTES) {
    return {
      at: noPlace,
      problems: [
        problem({path: [], line: 1, col: 1, message: `larger than ${MAX_MANIFEST_BYTES} bytes: not a manifest`}),
      ],
    }
  }
  const deepAt = tooDeepAt(text, MAX_MANIFEST_DEPTH)
  if (deepAt !== undefined) {
    return {
      at: noPlace,
      problems: [
        problem({
          path: [],
          line: deepAt,
          col: 1,
          message: `nests deeper than ${MAX_MANIFEST_DEPTH} levels: not a manifest (a manifest nests about 8 deep)`,
        }),
      ],
    }
  }
  const {LineCounter, parseDocument} = yaml()
  const counter = new LineCounter()
  const doc = parseDocument(text, {
    lineCounter: counter,
    prettyErrors: false,
    uniqueKeys: true,
    strict: true,
    merge: false,
  })
  const yamlProblems: Located[] = [...doc.errors, ...doc.warnings].map((e) => {
    const at = counter.linePos(e.pos?.[0] ?? 0)
    const message =
      e.code === 'DUPLICATE_KEY' ? 'duplicate key: a key may appear once in a mapping' : `${e.message} (YAML ${e.code})`
    return {path: [], ...at, message}
  })
  if (yamlProblems.length === 0) yamlProblems.push(...treeProblems(doc, counter))
  const at = (path: ManifestPath) => locate(doc, counter, path)
  if (yamlProblems.length > 0) return {at, problems: sortProblems(yamlProblems.map(problem))}

  let value: unknown
  try {
    value = doc.toJS({maxAliasCount: MAX_ALIASES})
  } catch (error) {
    return {
      at,
      problems: [problem({path: [], line: 1, col: 1, message: `cannot be read: ${(error as Error).message}`})],
    }
  }
  const raw: RawProblem[] = checkSchema(manifestJsonSchema(), value)
  raw.push(...checkSemantics(value, (p) => at(p).line))
  const problems = raw.map((r) => problem({path: r.path, ...locate(doc, counter, r.path, r.on), message: r.message}))
  return problems.length > 0 ? {at, problems: sortProblems(problems)} : {at, manifest: value as Manifest, problems: []}
}

export function sortProblems(problems: ManifestProblem[]): ManifestProblem[] {
  const seen = new Set<string>()
  return problems
    .filter((p) => {
      const k = formatProblem(p)
      if (seen.has(k)) return false
      seen.add(k)
      return true
    })
    .sort((a, b) => a.line - b.line || a.col - b.col || a.path.localeCompare(b.path))
}
