// The bundle's `data_governance`: an extract of the Croissant (JSON-LD) descriptor; each key only
// when the descriptor has it (FORMATS.md §3).
const FIELDS: [string, string][] = [
  ['name', 'name'],
  ['description', 'description'],
  ['license', 'license'],
  ['citeAs', 'cite_as'],
  ['url', 'url'],
  ['version', 'version'],
  ['datePublished', 'date_published'],
  ['rai:dataCollection', 'data_collection'],
  ['rai:sensitiveData', 'sensitive_data'],
  ['rai:dataBiases', 'data_biases'],
]

export function dataGovernance(
  croissant: {json: Record<string, unknown>; sha256: string} | undefined,
): Record<string, unknown> | null {
  if (!croissant) return null
  const {json} = croissant
  const out: Record<string, unknown> = {croissant_digest: `sha256:${croissant.sha256}`}
  for (const [from, to] of FIELDS) {
    if (json[from] !== undefined) out[to] = json[from]
    if (from === 'name') out.record_set_count = Array.isArray(json.recordSet) ? json.recordSet.length : 0
  }
  return out
}
