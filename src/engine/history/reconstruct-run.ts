import {ExitCode, SeiError} from '../errors.js'
import type {PluginHost} from '../plugins/index.js'
import {type ReconstructReport, reconstruct} from './reconstruct.js'

export type ReconstructRun = ReconstructReport & {written?: string[]}

/**
 * `sei reconstruct`: the report as of `asOf` (ISO 8601; default now) and, with `out`, the report
 * written and signed beside the bundle as reconstruct.json (+ .sig) by the configured signer. `host` is
 * asked for only then: listing the plugins is start-up a report without --out does not need.
 */
export async function reconstructRun(root: string, options: {asOf?: string; out?: boolean; host(): PluginHost}): Promise<ReconstructRun> {
  let asOf: Date | undefined
  if (options.asOf !== undefined) {
    asOf = new Date(options.asOf)
    if (Number.isNaN(asOf.getTime())) throw new SeiError('AS_OF_INVALID', `--as-of "${options.asOf}" is not an ISO 8601 date`, {exit: ExitCode.invalidInput, actions: ['Use e.g. --as-of 2027-06-01 or --as-of 2027-06-01T12:00:00Z.']})
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
  const report = await reconstruct(root, {asOf})
  if (!options.out) return report
  const {findSigner} = await import('../plugins/index.js')
  const {stableJson, writeSignedReport} = await import('../evidence/index.js')
  const {findManifest} = await import('../manifest/index.js')
  const family = findManifest(root)
  const signer = await findSigner(options.host(), {repoRoot: root, env: process.env})
  const written = await writeSignedReport(root, family?.evidenceDir ?? '.sei', 'reconstruct.json', Buffer.from(stableJson(report), 'utf8'), signer)
  return {...report, written}
}
