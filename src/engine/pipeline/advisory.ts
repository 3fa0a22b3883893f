import {type PluginHost, listStandards} from '../plugins/index.js'
import type {Manifest} from '../manifest/index.js'

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
