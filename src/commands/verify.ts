import {Flags} from '@oclif/core'
import type {VerifyRun} from '../engine/history/verify-run.js'
import {ExitCode} from '../engine/errors.js'
import {requireGitRepo} from '../engine/repo/index.js'
import {SeiCommand, keyFlag, repoFlag} from '../sei-command.js'

export default class Verify extends SeiCommand<VerifyRun> {
  static summary = 'Verify the DSSE signature of the evidence bundle (or of every signed file with --all).'
  static description = `Checks .sei/bundle.json.sig (subject name, sha256 digest and ECDSA P-256 signature) against
the trust root you pin (--key, repeatable, and SEI_TRUSTED_KEYS), or else against .sei/PUBKEY.txt, saying
so ("unpinned"). With a trust root, a file signed by any other key, or a PUBKEY.txt naming one, is invalid.
A corrupted PUBKEY.txt or signature file is invalid too. --all also lists every key rotation (change of
PUBKEY.txt) in the git history. Reads .froga/ and .venth/ repositories of the earlier engines too.
Exit codes: 0 valid; 1 invalid signature or no signed bundle; 2 bad --key or SEI_TRUSTED_KEYS entry.`
  static examples = [
    '<%= config.bin %> verify',
    '<%= config.bin %> verify --all --key 04ab…',
    '<%= config.bin %> verify --key old-key.txt --key new-key.txt --json',
    'SEI_TRUSTED_KEYS=04ab… <%= config.bin %> verify',
  ]
  static flags = {
    repo: repoFlag,
    key: keyFlag,
    all: Flags.boolean({description: 'Verify every signed file under the evidence directory.'}),
  }

  async run(): Promise<VerifyRun> {
    const {flags} = await this.parse(Verify)
    const root = await requireGitRepo(flags.repo)
    const {verifyRun, renderVerifyRun} = await import('../engine/history/verify-run.js')
    const {settlePendingWrite} = await import('../engine/pipeline/recover.js')
    settlePendingWrite(root)
    const result = await verifyRun(root, {keys: flags.key, all: flags.all})
    if (!this.jsonEnabled()) this.log(renderVerifyRun(result).join('\n'))
    if (!result.valid) process.exitCode = ExitCode.failed
    return result
  }
}
