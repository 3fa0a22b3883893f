import {Flags} from '@oclif/core'
import {GovernanceCommand} from '../governance-command.js'
import {repoFlag} from '../sei-command.js'

export default class Review extends GovernanceCommand {
  protected readonly kind = 'review' as const
  static summary = 'Record a periodic risk review (ISO/IEC 23894 §6.6).'
  static examples = ['<%= config.bin %> review --by "Jane Roe <jane@org>"']
  static flags = {
    repo: repoFlag,
    by: Flags.string({required: true, description: 'Person or role performing the review.'}),
  }
}
