import {Flags} from '@oclif/core'
import {SeiError} from '../engine/errors.js'
import {SeiCommand, repoFlag} from '../sei-command.js'

export default class Review extends SeiCommand<unknown> {
  static summary = 'Record a periodic risk review (ISO/IEC 23894 §6.6).'
  static examples = ['<%= config.bin %> review --by "Jane Roe <jane@org>"']
  static flags = {
    repo: repoFlag,
    by: Flags.string({required: true, description: 'Person or role performing the review.'}),
  }

  async run(): Promise<unknown> {
    await this.parse(Review)
    throw new SeiError('NOT_IMPLEMENTED', 'sei review is not implemented yet', {exit: 3})
  }
}
