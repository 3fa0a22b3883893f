import type {PipelineInput} from './reproducer.js'

/** Orders inputs by their identity (kind, path, key), so a graph reads the same from run to run. */
export function byInputId(a: PipelineInput, b: PipelineInput): number {
  return a.kind.localeCompare(b.kind) || a.path.localeCompare(b.path) || (a.key ?? '').localeCompare(b.key ?? '')
}
