import {type PluginHost, listStandards} from '../plugins/index.js'
import type {Manifest} from '../manifest/index.js'
import type {RepoState} from './inspect.js'

/** What a run says about the inputs before it measures: the graph's warnings, Drift A. */
export function adviseOnInputs(state: RepoState, advise: (m: string) => void): void {
  // What the reproducer (or the import walker) wants the user to know about the graph, once per run.
  for (const w of state.graph.warnings) advise(`advisory: ${w}`)
  for (const d of state.drift.filter((x) => x.type === 'A'))
    advise(
      `advisory: Drift A in ${d.section}: re-triage required; ` +
        'confirm the classification (the run proceeds and records it).',
    )
}

/**
 * The KAG's non-blocking advisory (reference/000: run and status say when risks are proposed but not
 * declared). It never fails a gate: an error here is swallowed.
 */
export async function proposedRisksAdvisory(
  root: string,
  manifest: Manifest,
  config: PluginHost,
  advise: (m: string) => void,
): Promise<void> {
  try {
    const {proposedRisks} = await import('../projections/index.js')
    // the knowledge graph reads only the catalogs of the standards the manifest applies
    const catalogs = [...(await listStandards(config, manifest.context?.applicable_standards ?? [])).values()]
    const {proposals} = proposedRisks(manifest, catalogs, {root})
    if (proposals.length > 0)
      advise(`advisory: ${proposals.length} proposed risk(s) not yet in the register; review them with \`sei assess\`.`)
  } catch {
    // advisory only: never fails a gate
  }
}
