import {Flags} from '@oclif/core'
import type {ReconstructRun} from '../engine/history/index.js'
import {SeiCommand, repoFlag} from '../sei-command.js'

export default class Reconstruct extends SeiCommand<ReconstructRun> {
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

  async run(): Promise<ReconstructRun> {
    const {flags} = await this.parse(Reconstruct)
    const {requireGitRepo} = await import('../engine/repo/index.js')
    const {reconstructRun, renderReconstruct} = await import('../engine/history/index.js')
    const result = await reconstructRun(requireGitRepo(flags.repo), {asOf: flags['as-of'], out: flags.out, host: () => this.config})
    if (!this.jsonEnabled()) {
      this.log(renderReconstruct(result))
      if (result.written) this.log(`\nwrote ${result.written.join(', ')}`)
    }
    return result
  }
}
