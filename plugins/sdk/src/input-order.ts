import type {PipelineInput} from './reproducer.js'

/**
 * Code-unit order of two strings. Not localeCompare: its order follows the machine's locale (a lock written
 * on one machine would list inputs in another order on the next), and its first call loads ICU's collator.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Orders inputs by their identity (kind, path, key), so a graph reads the same from run to run. */
export function byInputId(a: PipelineInput, b: PipelineInput): number {
  return compareText(a.kind, b.kind) || compareText(a.path, b.path) || compareText(a.key ?? '', b.key ?? '')
}
