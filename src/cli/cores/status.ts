import {ExitCode} from '../../engine/errors.js'
import type {StatusResult} from '../../engine/pipeline/index.js'
import {defineCore} from '../core.js'
import {formatFlag, keyFlag, repoFlag} from '../flags.js'

export default defineCore({
  id: 'status',
  summary:
    'Verify the evidence signature, then check freshness against sei.lock and the blocking controls, ' +
    'without recomputing anything (the CI gate).',
  description:
    "First verifies the bundle's signature against the trust root (--key, SEI_TRUSTED_KEYS) or, unpinned, " +
    '.sei/PUBKEY.txt: evidence that does not verify is "firma INVÁLIDA" and nothing else is reported. Then ' +
    'recomputes file digests only (a stat cache outside the repository skips unchanged files), never the ' +
    'pipeline. Exit 0 only when the signature verifies, every section is fresh, the lock anchors the evidence ' +
    'on disk, and every blocking control passes. A system withdrawn with `sei retire` is RETIRED: status says so ' +
    'and exits 1, whatever its evidence. --format junit|sarif|github|markdown serves CI systems (FORMAT=PATH ' +
    'writes a file); with GITHUB_STEP_SUMMARY set, status appends its Markdown table there in any format.',
  examples: [
    '<%= config.bin %> status',
    '<%= config.bin %> status --json',
    'SEI_TRUSTED_KEYS=04ab… <%= config.bin %> status',
    '<%= config.bin %> status --key ci-signer.pub',
    '<%= config.bin %> status --format github --format sarif=sei.sarif --format junit=sei-junit.xml',
  ],
  exitCodes: {
    [ExitCode.failed]:
      'invalid signature (firma INVÁLIDA), stale (drift, never run, evidence not anchored), a blocking control ' +
      'fails, or the system is retired (RETIRED: a withdrawn system is never green)',
    [ExitCode.invalidInput]: 'invalid input: a located sei.yaml:LINE:COL error, a bad --key or SEI_TRUSTED_KEYS entry',
    [ExitCode.environment]:
      'environment failure: git missing, a broken plugin, an interrupted evidence write that cannot be completed here',
  },
  flags: {repo: repoFlag, key: keyFlag, format: formatFlag},
  stepSummary: true,
  async execute(flags, host) {
    const {requireGitRepo} = await import('../../engine/repo/index.js')
    const {statusCheck} = await import('../../engine/pipeline/index.js')
    const root = requireGitRepo(flags.repo)
    const result: StatusResult = await statusCheck(root, {
      config: host.plugins,
      cacheDir: host.cacheDir,
      advise: (m) => host.advise(m),
      keys: flags.key,
    })
    return {result, exit: result.green ? ExitCode.ok : ExitCode.failed}
  },
  async render(result) {
    const {renderStatus} = await import('../render/index.js')
    return renderStatus(result).join('\n')
  },
  async report(result, at, version) {
    const {statusReport} = await import('../render/formats/index.js')
    return statusReport(result, at, version)
  },
})
