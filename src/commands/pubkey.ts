import {ExitCode, SeiError} from '../engine/errors.js'
import {SeiCommand, repoFlag} from '../sei-command.js'

export type PubkeyResult = {publicKey: string; keyid: string; signer: string}

export default class Pubkey extends SeiCommand<PubkeyResult> {
  static summary = "Print the configured signer's public key (uncompressed P-256, 130 hex characters)."
  static description = `The signer is chosen by SEI_SIGNING_BACKEND (default: local). The local signer keeps its private
key outside the repository (SEI_SIGNING_KEY, or the CLI's config dir), mode 0600, and creates it on first use.
Exit codes: 0 printed; 2 unknown signer; 3 key or signer unavailable.`
  static examples = [
    '<%= config.bin %> pubkey',
    '<%= config.bin %> pubkey --json',
    'SEI_SIGNING_BACKEND=scaleway-kms <%= config.bin %> pubkey',
  ]
  static flags = {
    repo: repoFlag,
  }

  async run(): Promise<PubkeyResult> {
    const {flags} = await this.parse(Pubkey)
    const {findRepoRoot} = await import('../engine/repo/index.js')
    const {findSigner} = await import('../engine/plugins/index.js')
    const {keyIdOf, publicKeyHex} = await import('../engine/evidence/index.js')
    const signer = await findSigner(this.config, {repoRoot: findRepoRoot(flags.repo), env: process.env})
    const key = await signer.publicKey().catch((error: Error & {actions?: string[]}) => {
      throw new SeiError('SIGNER_FAILED', `signer "${signer.id}": ${error.message}`, {
        exit: ExitCode.environment,
        actions: error.actions,
      })
    })
    const result = {publicKey: publicKeyHex(key), keyid: keyIdOf(key), signer: signer.id}
    if (!this.jsonEnabled()) this.log(result.publicKey)
    return result
  }
}
