import {SeiError} from '../engine/errors.js'
import {SeiCommand, repoFlag} from '../sei-command.js'

export default class Pubkey extends SeiCommand<unknown> {
  static summary = "Print the configured signer's public key (uncompressed P-256, 130 hex characters)."
  static examples = ['<%= config.bin %> pubkey']
  static flags = {
    repo: repoFlag,
  }

  async run(): Promise<unknown> {
    await this.parse(Pubkey)
    throw new SeiError('NOT_IMPLEMENTED', 'sei pubkey is not implemented yet', {exit: 3})
  }
}
