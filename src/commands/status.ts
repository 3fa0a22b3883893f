import {SeiCommand, keyFlag, repoFlag} from '../sei-command.js'

export default class Status extends SeiCommand<unknown> {
  static summary =
    'Verify the evidence signature, then check freshness against sei.lock and the blocking controls, without recomputing anything (the CI gate).'
  static description =
    'First verifies the bundle\'s signature against the trust root (--key, SEI_TRUSTED_KEYS) or, unpinned, .sei/PUBKEY.txt: evidence that does not verify is "firma INVÁLIDA" and nothing else is reported. Then recomputes file digests only (a stat cache outside the repository skips unchanged files), never the pipeline. Exit 0 only when the signature verifies, every section is fresh, the lock anchors the evidence on disk, and every blocking control passes.\n\nExit codes: 0 signature valid, fresh and green; 1 invalid signature, stale (drift, never run, evidence not anchored) or a blocking control fails; 2 invalid input (located sei.yaml:LINE:COL, a bad --key); 3 environment (git missing, plugin, an interrupted evidence write that cannot be completed here).'
  static examples = [
    '<%= config.bin %> status',
    '<%= config.bin %> status --json',
    'SEI_TRUSTED_KEYS=04ab… <%= config.bin %> status',
    '<%= config.bin %> status --key ci-signer.pub',
  ]
  static exitCodes = {
    ...SeiCommand.exitCodes,
    '1': 'invalid signature (firma INVÁLIDA), stale (drift, never run, evidence not anchored) or a blocking control fails',
    '2': 'usage error or invalid input (a bad --key or SEI_TRUSTED_KEYS entry, a manifest error)',
  }
  static flags = {
    repo: repoFlag,
    key: keyFlag,
  }

  async run(): Promise<unknown> {
    const {flags} = await this.parse(Status)
    const {requireGitRepo} = await import('../engine/repo/index.js')
    const {statusCheck} = await import('../engine/pipeline/status.js')
    const {renderStatus} = await import('../engine/pipeline/render.js')
    const root = requireGitRepo(flags.repo)
    const result = await statusCheck(root, {
      config: this.config,
      cacheDir: this.config.cacheDir,
      advise: (m) => this.advise(m),
      keys: flags.key,
    })
    if (!this.jsonEnabled()) this.log(renderStatus(result).join('\n'))
    if (!result.green) process.exitCode = 1
    return result
  }
}
