import type {Signer} from '@sei/sdk'
import {type DeclaredAuthorities, citedStandards, repositoryKey, runSigningRule} from '../evidence/index.js'
import {fileAtHead} from '../history/index.js'
import {findSigner, listStandards, type PluginHost} from '../plugins/index.js'
import type {RepoState} from './inspect.js'

export type RunPlugins = {signer: Signer; authorities: DeclaredAuthorities}

/**
 * P2: the signer, resolved and checked against the trust root before minutes go into the pipeline (a key
 * outside it is refused; a key other than the committed bundle's is a rotation, said before signing), and
 * the authority each cited standard's catalog declares (only those catalogs are asked for).
 */
export async function resolvePlugins(
  state: RepoState,
  options: {config: PluginHost; keys?: readonly string[]; env: Record<string, string | undefined>},
  advise: (message: string) => void,
): Promise<RunPlugins> {
  const {family, manifest} = state.loaded
  const signer = await findSigner(options.config, {repoRoot: state.root, env: options.env})
  const {rotation} = await runSigningRule(
    signer,
    {
      committedKey: fileAtHead(state.root, `${family.evidenceDir}/PUBKEY.txt`),
      workTreeKey: repositoryKey(state.root, family.evidenceDir),
    },
    {keys: options.keys, env: options.env},
  )
  if (rotation)
    advise(
      `rotating the signing key: old ${rotation.old} → new ${rotation.new} ` +
        `(the bundle is re-signed and ${family.evidenceDir}/PUBKEY.txt rewritten; ` +
        'reports signed by the old key need `sei reconstruct --out` / `sei conformance --out` again)',
    )
  const catalogs = await listStandards(options.config, citedStandards(manifest))
  return {signer, authorities: new Map([...catalogs].map(([id, catalog]) => [id, catalog.authority]))}
}
