import type {Config} from '@oclif/core'
import {listStandards} from '../plugins/index.js'

/**
 * The KAG's non-blocking advisory (reference/000: run and status say when risks are proposed but not
 * declared). Uses projections.proposedRisks when that concern is part of the build; silent otherwise.
 */
export async function proposedRisksAdvisory(root: string, manifest: unknown, config: Config, advise: (m: string) => void): Promise<void> {
  let mod: Record<string, unknown>
  try {
    const spec = '../projections/assess.js' // not the whole index: conformance and history bring yaml (start-up of status)
    mod = await import(spec)
  } catch {
    return
  }
  if (typeof mod.proposedRisks !== 'function') return
  try {
    const catalogs = [...(await listStandards(config)).values()]
    const proposals = await (mod.proposedRisks as (m: unknown, c: unknown, o?: unknown) => unknown)(manifest, catalogs, {root})
    const list = Array.isArray(proposals) ? proposals : (proposals as {proposals?: unknown[]})?.proposals
    if (Array.isArray(list) && list.length > 0) advise(`advisory: ${list.length} proposed risk(s) not yet in the register; review them with \`sei assess\`.`)
  } catch {
    // advisory only: never fails a gate
  }
}
