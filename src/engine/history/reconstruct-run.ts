import {ExitCode, SeiError} from '../errors.js'
import type {EvidenceVerification} from '../evidence/index.js'
import type {PluginHost} from '../plugins/index.js'
import {type ReconstructReport, reconstruct} from './reconstruct.js'

export type ReconstructRun = ReconstructReport & {
  written?: string[]
  /**
   * The current bundle's signature against the trust root (or, unpinned, PUBKEY.txt);
   * absent without a signed bundle.
   */
  verification?: EvidenceVerification
}

export type ReconstructRunOptions = {
  asOf?: string
  out?: boolean
  host(): PluginHost
  /** --key values of the trust root (SEI_TRUSTED_KEYS of `env` adds to them). */
  keys?: readonly string[]
  env?: Record<string, string | undefined>
  requireSignedActs?: boolean
}

/**
 * `sei reconstruct`: the report as of `asOf` (ISO 8601; default now) and, with `out`, the report
 * written and signed beside the bundle as reconstruct.json (+ .sig) by the configured signer, under
 * the one signing rule (a key outside the trust root, or a rotation, is refused). `host` is asked
 * for only then: listing the plugins is start-up a report without --out does not need.
 */
export async function reconstructRun(root: string, options: ReconstructRunOptions): Promise<ReconstructRun> {
  let asOf: Date | undefined
  if (options.asOf !== undefined) {
    asOf = new Date(options.asOf)
    if (Number.isNaN(asOf.getTime()))
      throw new SeiError('AS_OF_INVALID', `--as-of "${options.asOf}" is not an ISO 8601 date`, {
        exit: ExitCode.invalidInput,
        actions: ['Use e.g. --as-of 2027-06-01 or --as-of 2027-06-01T12:00:00Z.'],
      })
  }
  // A repository without a commit has no history at all: the same outcome as no committed manifest.
  const {headCommit} = await import('../repo/index.js')
  if (headCommit(root) === undefined) {
    const message = 'this repository has no commit yet: there is no history, so no risk register to reconstruct'
    throw new SeiError('NO_MANIFEST_HISTORY', message, {
      exit: ExitCode.failed,
      actions: ['Commit sei.yaml (see `sei init`), run `sei run` and commit the evidence.'],
    })
  }
  const env = options.env ?? process.env
  const {trustRootOf, verifyEvidence} = await import('../evidence/index.js')
  const trust = trustRootOf(options.keys, env)
  // The signed evidence in the work tree, when there is some (a history of unsigned bundles is still replayed).
  const verified = verifyEvidence(root, {keys: options.keys, env}).catch((error: unknown) => {
    if ((error as {code?: string}).code === 'NO_EVIDENCE') return undefined
    throw error
  })
  const [report, verification] = await Promise.all([
    reconstruct(root, {asOf, requireSignedActs: options.requireSignedActs}),
    verified,
  ])
  const result: ReconstructRun = verification ? {...report, verification} : report
  if (!options.out) return result
  if (verification && !verification.valid) {
    throw new SeiError(
      'BUNDLE_SIGNATURE_INVALID',
      "firma INVÁLIDA: the evidence bundle's signature does not verify; a signed report beside it would vouch for it",
      {exit: ExitCode.failed, actions: ['Run `sei verify` for details.']},
    )
  }
  const {findSigner} = await import('../plugins/index.js')
  const [{stableJson}, {writeSignedReport}] = await Promise.all([
    import('../canonical/index.js'),
    import('../evidence/index.js'),
  ])
  const {findManifest} = await import('../manifest/index.js')
  const family = findManifest(root)
  const signer = await findSigner(options.host(), {repoRoot: root, env: process.env})
  const written = await writeSignedReport(
    root,
    family?.evidenceDir ?? '.sei',
    'reconstruct.json',
    Buffer.from(stableJson(report), 'utf8'),
    signer,
    trust,
  )
  return {...result, written}
}
