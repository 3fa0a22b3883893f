import {SeiError} from '../errors.js'
import type {LoadedManifest} from './load.js'
import {locate} from './locate.js'
import {yaml} from './yaml-lazy.js'

/** `sei.yaml:LINE:COL` of a dotted manifest field (`dataset.croissant`, `risk.risks[2]`). */
export function locateField(loaded: Pick<LoadedManifest, 'text' | 'file'>, field: string): {file: string; line: number; col: number} {
  const {LineCounter, parseDocument} = yaml()
  const counter = new LineCounter()
  const doc = parseDocument(loaded.text, {lineCounter: counter})
  const path = field.split(/\.|\[(\d+)\]/).filter((s) => s !== undefined && s !== '').map((s) => (/^\d+$/.test(s) ? Number(s) : s))
  return {file: loaded.file, ...locate(doc, counter, path)}
}

/**
 * A rejection the manifest caused (an unknown tool, a missing input, a bad Croissant descriptor …)
 * located at the field that caused it: every such error reads `sei.yaml:LINE:COL`. Other errors pass
 * through unchanged.
 */
export function locateManifestError(error: unknown, loaded: Pick<LoadedManifest, 'text' | 'file'>): unknown {
  if (!(error instanceof SeiError) || !error.field || error.where?.line !== undefined) return error
  const where = locateField(loaded, error.field)
  const located = new SeiError(error.code, error.where && error.where.file !== loaded.file ? `${error.message} (in ${error.where.file})` : error.message, {
    exit: error.exit, actions: error.actions, problems: error.problems, cause: error.cause, field: error.field, where,
  })
  return located
}
