import {createHash} from 'node:crypto'
import {readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import type {InputGraph} from '@sei/sdk'

/** An input's identity as the contract defines it: (kind, path, key). */
export const inputId = (i: {kind: string; path: string; key?: string}): string =>
  `${i.kind} ${i.path}${i.key !== undefined ? ` ${i.key}` : ''}`

/**
 * What a change detector sees of each input, computed independently of the engine: the parsed value for
 * params and stages, else SHA-256 of the file's bytes (absent: "absent").
 */
export function graphDigests(root: string, graph: InputGraph): Map<string, string> {
  const out = new Map<string, string>()
  for (const i of graph.inputs) {
    let d: string
    if (i.value !== undefined) d = `value ${JSON.stringify(i.value)}`
    else if (statSync(join(root, i.path), {throwIfNoEntry: false})?.isFile())
      d = createHash('sha256')
        .update(readFileSync(join(root, i.path)))
        .digest('hex')
    else d = 'absent'
    out.set(inputId(i), d)
  }
  return out
}

/** The ids whose digest changed, appeared or disappeared between two graphs, sorted. */
export function changedInputs(before: Map<string, string>, after: Map<string, string>): string[] {
  const ids = new Set([...before.keys(), ...after.keys()])
  return [...ids].filter((id) => before.get(id) !== after.get(id)).sort()
}
