import {Flags} from '@oclif/core'
import type {ReconstructRun} from '../engine/history/index.js'
import {SeiCommand, keyFlag, repoFlag} from '../sei-command.js'

export default class Reconstruct extends SeiCommand<ReconstructRun> {
  static summary = 'Replay the git history of the evidence into the ISO 23894 treatment cycle of every risk.'
  static description = `Deterministic, no model: per risk ① identification (first commit whose manifest declares it),
② analysis (likelihood × impact), ③ evaluation (against the appetite), ④ treatment (every FAIL→PASS arc
of a control with its commits; PASS→FAIL regressions too), ⑤ residual state (CLOSED / OPEN / DISCREPANCY /
ACCEPTED / MONITORED). Also the latest approval (none, pending, approved, STALE, under periodic review,
rejected, RETIRED) and the treatment priority. Reads .sei/, .froga/ and .venth/ histories and Froga-… trailers.

Governance acts are empty commits whose trailers git reads (git interpret-trailers semantics); a trailer
on a commit that changes files is reported as a warning and not counted. Each act shows its --by value
and the commit's author (and committer). With --require-signed-acts (or risk.governance.require_signed_acts)
only acts whose commit signature git verifies count (gpg, or ssh via gpg.ssh.allowedSignersFile).
Every change of PUBKEY.txt (key rotation) is listed. The current bundle's signature is checked against
the trust root (--key, SEI_TRUSTED_KEYS) or, unpinned, PUBKEY.txt. A shallow clone is refused.
Exit codes: 0 report written; 1 no committed manifest, invalid bundle signature, or a shallow history;
2 bad --as-of, --key or invalid manifest, a signer outside the trust root or other than the bundle's (--out); 3 git or signer failure.`
  static examples = [
    '<%= config.bin %> reconstruct',
    '<%= config.bin %> reconstruct --out',
    '<%= config.bin %> reconstruct --as-of 2027-06-01 --json',
    '<%= config.bin %> reconstruct --require-signed-acts --key ci-signer.pub',
  ]
  static flags = {
    repo: repoFlag,
    out: Flags.boolean({description: 'Also write .sei/reconstruct.json and its signature.'}),
    'as-of': Flags.string({
      description: 'The date taken as now for the review-interval check (ISO 8601; default: now).',
    }),
    key: keyFlag,
    'require-signed-acts': Flags.boolean({
      description:
        'Count only governance acts whose commit signature git verifies (as risk.governance.require_signed_acts: true).',
    }),
  }

  async run(): Promise<ReconstructRun> {
    const {flags} = await this.parse(Reconstruct)
    const {requireGitRepo} = await import('../engine/repo/index.js')
    const {reconstructRun, renderReconstructRun} = await import('../engine/history/index.js')
    const result = await reconstructRun(requireGitRepo(flags.repo), {
      asOf: flags['as-of'],
      out: flags.out,
      host: () => this.config,
      keys: flags.key,
      requireSignedActs: flags['require-signed-acts'],
    })
    if (result.verification && !result.verification.valid) process.exitCode = 1
    if (!this.jsonEnabled()) this.log(await renderReconstructRun(result))
    return result
  }
}
