import type {Document, LineCounter, Node} from 'yaml'
import {yaml} from './yaml-lazy.js'

/** A path into the manifest: keys and sequence indexes, as in `risk.risks[2].impact`. */
export type ManifestPath = readonly (string | number)[]

export function formatPath(path: ManifestPath): string {
  let out = ''
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`
    else out += out === '' ? seg : `.${seg}`
  }
  return out === '' ? '(document)' : out
}

type Found = {node?: Node; keyNode?: Node; depth: number}

function keyText(key: unknown): string | undefined {
  return yaml().isScalar(key) ? String(key.value) : undefined
}

/** Walks the YAML tree along `path`; stops at the deepest node that exists (aliases followed). */
function walk(doc: Document, path: ManifestPath): Found {
  const {isAlias, isMap, isSeq} = yaml()
  let node = doc.contents as Node | null | undefined
  let keyNode: Node | undefined
  let depth = 0
  for (const seg of path) {
    if (node && isAlias(node)) node = node.resolve(doc) as Node | undefined
    if (!node) break
    if (isMap(node)) {
      const pair = node.items.find((p) => keyText(p.key) === String(seg))
      if (!pair) break
      keyNode = pair.key as Node
      node = (pair.value ?? undefined) as Node | undefined
      if (!node) return {keyNode, depth: depth + 1}
    } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
      keyNode = undefined
      node = node.items[seg] as Node
    } else break
    depth++
  }
  return {node: node ?? undefined, keyNode, depth}
}

/**
 * Line and column (1-based) for a problem at `path`: its key when `on` is 'key' (unknown keys),
 * else its value; a missing part of the path falls back to the deepest ancestor that exists.
 */
export function locate(
  doc: Document,
  counter: LineCounter,
  path: ManifestPath,
  on: 'key' | 'value' = 'value',
): {line: number; col: number} {
  const found = walk(doc, path)
  const complete = found.depth === path.length
  const target = complete && on === 'key' && found.keyNode ? found.keyNode : (found.node ?? found.keyNode)
  const offset = target?.range?.[0] ?? 0
  return counter.linePos(offset)
}
