import {Flags} from '@oclif/core'
import {SeiError} from '../engine/errors.js'
import {SeiCommand, repoFlag} from '../sei-command.js'

export default class Verify extends SeiCommand<unknown> {
  static summary = 'Verify the DSSE signature of the evidence bundle (or of every signed file with --all).'
  static examples = ['<%= config.bin %> verify --key 04ab…']
  static flags = {
    repo: repoFlag,
    key: Flags.string({description: 'Trusted public key: 130 hex characters or a file holding them (pins the key instead of .sei/PUBKEY.txt).'}),
    all: Flags.boolean({description: 'Verify every signed file under the evidence directory.'}),
  }

  async run(): Promise<unknown> {
    await this.parse(Verify)
    throw new SeiError('NOT_IMPLEMENTED', 'sei verify is not implemented yet', {exit: 3})
  }
}
