import {Flags} from '@oclif/core'
import {SeiError} from '../engine/errors.js'
import {SeiCommand, repoFlag} from '../sei-command.js'

export default class Retire extends SeiCommand<unknown> {
  static summary = 'Record the withdrawal of the system from the market or from operation.'
  static examples = ['<%= config.bin %> retire --by "Jane Roe <jane@org>" --reason "end of operational lifecycle"']
  static flags = {
    repo: repoFlag,
    by: Flags.string({required: true, description: 'Person or role retiring the system.'}),
    reason: Flags.string({description: 'Reason for the retirement (optional).'}),
  }

  async run(): Promise<unknown> {
    await this.parse(Retire)
    throw new SeiError('NOT_IMPLEMENTED', 'sei retire is not implemented yet', {exit: 3})
  }
}
