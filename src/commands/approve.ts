import {Flags} from '@oclif/core'
import {SeiError} from '../engine/errors.js'
import {SeiCommand, repoFlag} from '../sei-command.js'

export default class Approve extends SeiCommand<unknown> {
  static summary = 'Record management approval of the treatment plan and acceptance of the residual risk.'
  static examples = ['<%= config.bin %> approve --by "Jane Roe <jane@org>"']
  static flags = {
    repo: repoFlag,
    by: Flags.string({required: true, description: 'Person or management role approving, e.g. "Jane Roe <jane@org>".'}),
  }

  async run(): Promise<unknown> {
    await this.parse(Approve)
    throw new SeiError('NOT_IMPLEMENTED', 'sei approve is not implemented yet', {exit: 3})
  }
}
