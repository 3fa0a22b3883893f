import {Flags} from '@oclif/core'
import type {ReconstructReport} from '../engine/history/index.js'
import {ExitCode, SeiError} from '../engine/errors.js'
import {SeiCommand, repoFlag} from '../sei-command.js'

export default class Reconstruct extends SeiCommand<ReconstructReport & {written?: string[]}> {
  static summary = 'Replay the git history of the evidence into the ISO 23894 treatment cycle of every risk.'
  static description = `Deterministic, no model: per risk ① identification (first commit whose manifest declares it),
② analysis (likelihood × impact), ③ evaluation (against the appetite), ④ treatment (every FAIL→PASS arc
of a control with its commits; PASS→FAIL regressions too), ⑤ residual state (CLOSED / OPEN / DISCREPANCY /
ACCEPTED / MONITORED). Also the latest approval (none, pending, approved, STALE, under periodic review,
rejected, RETIRED) and the treatment priority. Reads .sei/, .froga/ and .venth/ histories and Froga-… trailers.
Exit codes: 0 report written; 1 no committed manifest; 2 bad --as-of or invalid manifest; 3 git or signer failure.`
  static examples = ['<%= config.bin %> reconstruct', '<%= config.bin %> reconstruct --out', '<%= config.bin %> reconstruct --as-of 2027-06-01 --json']
  static flags = {
    repo: repoFlag,
    out: Flags.boolean({description: 'Also write .sei/reconstruct.json and its signature.'}),
    'as-of': Flags.string({description: 'The date taken as now for the review-interval check (ISO 8601; default: now).'}),
  }

  async run(): Promise<ReconstructReport & {written?: string[]}> {
    const {flags} = await this.parse(Reconstruct)
    const {requireGitRepo} = await import('../engine/repo/index.js')
    const {reconstruct, renderReconstruct} = await import('../engine/history/index.js')
    const root = await requireGitRepo(flags.repo)
    let asOf: Date | undefined
    if (flags['as-of'] !== undefined) {
      asOf = new Date(flags['as-of'])
      if (Number.isNaN(asOf.getTime())) throw new SeiError('AS_OF_INVALID', `--as-of "${flags['as-of']}" is not an ISO 8601 date`, {exit: ExitCode.invalidInput, actions: ['Use e.g. --as-of 2027-06-01 or --as-of 2027-06-01T12:00:00Z.']})
    }
    const report = await reconstruct(root, {asOf})
    let written: string[] | undefined
    if (flags.out) {
      const {findSigner} = await import('../engine/plugins/index.js')
      const {stableJson, writeSignedReport} = await import('../engine/evidence/index.js')
      const {findManifest} = await import('../engine/manifest/index.js')
      const family = findManifest(root)
      const signer = await findSigner(this.config, {repoRoot: root, env: process.env})
      written = await writeSignedReport(root, family?.evidenceDir ?? '.sei', 'reconstruct.json', Buffer.from(stableJson(report), 'utf8'), signer)
    }
    if (!this.jsonEnabled()) {
      this.log(renderReconstruct(report))
      if (written) this.log(`\nwrote ${written.join(', ')}`)
    }
    return written ? {...report, written} : report
  }
}
