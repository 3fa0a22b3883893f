import {Flags} from '@oclif/core'
import {GovernanceCommand} from '../governance-command.js'
import {repoFlag} from '../sei-command.js'

export default class Approve extends GovernanceCommand {
  protected readonly kind = 'approve' as const
  static summary = 'Record management approval of the treatment plan and acceptance of the residual risk.'
  static examples = ['<%= config.bin %> approve --by "Jane Roe <jane@org>"']
  static flags = {
    repo: repoFlag,
    by: Flags.string({required: true, description: 'Person or management role approving, e.g. "Jane Roe <jane@org>".'}),
  }
}
