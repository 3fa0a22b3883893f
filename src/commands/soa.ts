import {SeiError} from '../engine/errors.js'
import {SeiCommand, repoFlag} from '../sei-command.js'

export default class Soa extends SeiCommand<unknown> {
  static summary = 'Generate the ISO/IEC 42001 Annex A Statement of Applicability from the measures and the latest bundle.'
  static examples = ['<%= config.bin %> soa']
  static flags = {
    repo: repoFlag,
  }

  async run(): Promise<unknown> {
    await this.parse(Soa)
    throw new SeiError('NOT_IMPLEMENTED', 'sei soa is not implemented yet', {exit: 3})
  }
}
