import {SeiError} from '../errors.js'
import type {LoadedManifest} from './load.js'
import {locate} from './locate.js'
import {yaml} from './yaml-lazy.js'

/** `sei.yaml:LINE:COL` of a dotted manifest field (`dataset.croissant`, `risk.risks[2]`). */
type ManifestText = Pick<LoadedManifest, 'text' | 'file'>

export function locateField(loaded: ManifestText, field: string): {file: string; line: number; col: number} {
  const {LineCounter, parseDocument} = yaml()
  const counter = new LineCounter()
  const doc = parseDocument(loaded.text, {lineCounter: counter})
  const path = field
    .split(/\.|\[(\d+)\]/)
    .filter((s) => s !== undefined && s !== '')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s))
  return {file: loaded.file, ...locate(doc, counter, path)}
}

/**
 * A rejection the manifest caused (an unknown tool, a missing input, a bad Croissant descriptor …)
 * located at the field that caused it: every such error reads `sei.yaml:LINE:COL`. Other errors pass
 * through unchanged.
 */
export function locateManifestError(error: unknown, loaded: ManifestText): unknown {
  if (!(error instanceof SeiError) || !error.field || error.where?.line !== undefined) return error
  const where = locateField(loaded, error.field)
  const elsewhere = error.where && error.where.file !== loaded.file ? ` (in ${error.where.file})` : ''
  const {exit, actions, problems, cause, field} = error
  return new SeiError(error.code, `${error.message}${elsewhere}`, {exit, actions, problems, cause, field, where})
}
