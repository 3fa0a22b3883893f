import type {ComputedSections} from '../lock/index.js'
import {headCommit} from '../repo/index.js'
import {type RepoState, measureInputs} from './inspect.js'
import {pipelineOf} from './reproduce.js'
import {recordedMismatch} from './tool-lock.js'

/**
 * P3 again, after P6: the tool rewrote its lock and the metrics, and the lock must describe what was
 * measured. The tool's own lock must describe the workspace the evidence measured too, or sei.lock
 * would be stale at once.
 */
export async function remeasure(
  state: RepoState,
  command: string[] | undefined,
  options: {cacheDir?: string; env: Record<string, string | undefined>},
): Promise<ComputedSections> {
  const {graph, computed} = await measureInputs(state.digester, state.loaded.manifest, state.reproducer, {
    code: headCommit(state.root) ?? '', // provenance only, never a drift input
    planDigest: state.plan.checked ? (state.plan.digest ?? 'missing') : undefined,
    cacheDir: options.cacheDir,
    env: options.env,
    lock: state.lock,
    content: 'both',
  })
  state.digester.save()
  const mismatch = recordedMismatch(graph, pipelineOf(state).tool, command)
  if (mismatch) throw mismatch
  return computed
}
