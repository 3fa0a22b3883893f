import {Flags} from '@oclif/core'
import {GovernanceCommand} from '../governance-command.js'
import {repoFlag} from '../sei-command.js'

export default class Retire extends GovernanceCommand {
  protected readonly kind = 'retire' as const
  static summary = 'Record the withdrawal of the system from the market or from operation.'
  static examples = ['<%= config.bin %> retire --by "Jane Roe <jane@org>" --reason "end of operational lifecycle"']
  static flags = {
    repo: repoFlag,
    by: Flags.string({required: true, description: 'Person or role retiring the system.'}),
    reason: Flags.string({description: 'Reason for the retirement (optional).'}),
  }
}
