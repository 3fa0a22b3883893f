import type {Signer} from '@sei/sdk'
import {type ComputedSections, INPUT_GRAPH_VERSION, LOCK_SCHEMA, serialiseLock, uuidV5Url} from '../lock/index.js'
import {evidenceFiles} from './attest.js'
import type {Evaluation} from './evaluate.js'
import type {RepoState} from './inspect.js'
import {writeEvidence} from './write.js'

/**
 * P10–P11: the bundle, the files signed beside it (SBOM, OSCAL assessment-results), their signatures and
 * PUBKEY.txt, then the lock naming them, written as one set; returns the paths written.
 */
export async function recordEvidence(
  state: RepoState,
  evaluation: Evaluation,
  signer: Signer,
  measured: ComputedSections,
): Promise<string[]> {
  const {family, manifest} = state.loaded
  return writeEvidence({
    root: state.root,
    family,
    bundleBytes: evaluation.bundleBytes,
    alsoSigned: evidenceFiles({
      ...state,
      family,
      bundleBytes: evaluation.bundleBytes,
      controls: evaluation.controls,
      gate: evaluation.gate,
      bom: evaluation.bom,
    }),
    signer,
    lockFor: (envelope, bundleSha256) =>
      serialiseLock({
        schema_version: LOCK_SCHEMA,
        program_uid: uuidV5Url(manifest.system.name),
        triple: measured.triple,
        sections: measured.sections,
        signed_bundle_digest: envelope,
        bundle_sha256: `sha256:${bundleSha256}`,
        input_graph: INPUT_GRAPH_VERSION,
      }),
  })
}
