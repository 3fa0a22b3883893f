import {ExitCode} from '../../engine/errors.js'
import {defineCore} from '../core.js'
import {booleanFlag, keyFlag, repoFlag} from '../flags.js'

export default defineCore({
  id: 'reconstruct',
  summary: 'Replay the git history of the evidence into the ISO 23894 treatment cycle of every risk.',
  description: [
    'Deterministic, no model: per risk ① identification (first commit whose manifest declares it), ② analysis ' +
      '(likelihood × impact), ③ evaluation (against the appetite), ④ treatment (every FAIL→PASS arc of a control ' +
      'with its commits; PASS→FAIL regressions too), ⑤ residual state (CLOSED / OPEN / DISCREPANCY / ACCEPTED / ' +
      'MONITORED). Also the latest approval (none, pending, approved, STALE, under periodic review, rejected, ' +
      'RETIRED) and the treatment priority. Reads .sei/, .froga/ and .venth/ histories and Froga-… trailers.',
    'Governance acts are empty commits whose trailers git reads (git interpret-trailers semantics); a trailer on a ' +
      'commit that changes files is reported as a warning and not counted. Each act shows its --by value and the ' +
      "commit's author (and committer). With --require-signed-acts (or risk.governance.require_signed_acts) only " +
      'acts whose commit signature git verifies count (gpg, or ssh via gpg.ssh.allowedSignersFile). Every change ' +
      "of PUBKEY.txt (key rotation) is listed. The current bundle's signature is checked against the trust root " +
      '(--key, SEI_TRUSTED_KEYS) or, unpinned, PUBKEY.txt. A shallow clone is refused.',
  ].join('\n\n'),
  examples: [
    '<%= config.bin %> reconstruct',
    '<%= config.bin %> reconstruct --out',
    '<%= config.bin %> reconstruct --as-of 2027-06-01 --json',
    '<%= config.bin %> reconstruct --require-signed-acts --key ci-signer.pub',
  ],
  exitCodes: {
    [ExitCode.ok]: 'report written',
    [ExitCode.failed]: 'no committed manifest, an invalid bundle signature, or a shallow history',
    [ExitCode.invalidInput]:
      "a bad --as-of or --key, an invalid manifest, a signer outside the trust root or other than the bundle's (--out)",
    [ExitCode.environment]: 'git or signer failure',
  },
  flags: {
    repo: repoFlag,
    out: booleanFlag('Also write .sei/reconstruct.json and its signature.'),
    'as-of': {
      kind: 'string',
      description: 'The date taken as now for the review-interval check (ISO 8601; default: now).',
    },
    key: keyFlag,
    'require-signed-acts': booleanFlag(
      'Count only governance acts whose commit signature git verifies (as risk.governance.require_signed_acts: true).',
    ),
  },
  async execute(flags, host) {
    const {requireGitRepo} = await import('../../engine/repo/index.js')
    const {reconstructRun} = await import('../../engine/history/index.js')
    const result = await reconstructRun(requireGitRepo(flags.repo), {
      asOf: flags['as-of'],
      out: flags.out,
      host: () => host.plugins,
      keys: flags.key,
      requireSignedActs: flags['require-signed-acts'],
    })
    const invalid = result.verification && !result.verification.valid
    return {result, exit: invalid ? ExitCode.failed : ExitCode.ok}
  },
  async render(result) {
    const {renderReconstructRun} = await import('../render/index.js')
    return renderReconstructRun(result)
  },
})
