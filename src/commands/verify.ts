import {Flags} from '@oclif/core'
import type {EvidenceVerification} from '../engine/evidence/index.js'
import {ExitCode} from '../engine/errors.js'
import {requireGitRepo} from '../engine/repo/index.js'
import {SeiCommand, repoFlag} from '../sei-command.js'

export default class Verify extends SeiCommand<EvidenceVerification> {
  static summary = 'Verify the DSSE signature of the evidence bundle (or of every signed file with --all).'
  static description = `Checks .sei/bundle.json.sig (subject name, sha256 digest and ECDSA P-256 signature) against
.sei/PUBKEY.txt, or against a key you pin with --key (a pinned key that differs from PUBKEY.txt is invalid).
Reads .froga/ and .venth/ repositories of the earlier engines too.
Exit codes: 0 valid; 1 invalid signature or no signed bundle; 2 bad --key.`
  static examples = ['<%= config.bin %> verify', '<%= config.bin %> verify --all --key 04ab…', '<%= config.bin %> verify --key trusted-key.txt --json']
  static flags = {
    repo: repoFlag,
    key: Flags.string({description: 'Trusted public key: 130 hex characters or a file holding them (pins the key instead of .sei/PUBKEY.txt).'}),
    all: Flags.boolean({description: 'Verify every signed file under the evidence directory.'}),
  }

  async run(): Promise<EvidenceVerification> {
    const {flags} = await this.parse(Verify)
    const root = await requireGitRepo(flags.repo)
    const {verifyEvidence} = await import('../engine/evidence/index.js')
    const {settlePendingWrite} = await import('../engine/pipeline/recover.js')
    settlePendingWrite(root)
    const result = await verifyEvidence(root, {key: flags.key, all: flags.all})
    if (!this.jsonEnabled()) {
      for (const f of result.files) this.log(`${f.valid ? 'ok  ' : 'FAIL'} ${result.evidenceDir}/${f.file}${f.reason ? `: ${f.reason}` : ''}`)
      this.log(result.valid ? `firma VÁLIDA (valid signature) · key ${result.keyid} (${result.keySource})` : `firma INVÁLIDA (invalid signature) · key ${result.keyid} (${result.keySource})`)
    }
    if (!result.valid) process.exitCode = ExitCode.failed
    return result
  }
}
