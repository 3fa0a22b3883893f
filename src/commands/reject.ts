import {Flags} from '@oclif/core'
import {GovernanceCommand} from '../governance-command.js'
import {repoFlag} from '../sei-command.js'

export default class Reject extends GovernanceCommand {
  protected readonly kind = 'reject' as const
  static summary = 'Record the rejection of an approval request, with its reason.'
  static examples = [
    '<%= config.bin %> reject --by "Jane Roe <jane@org>" --reason "missing bias evidence for age subgroup"',
  ]
  static flags = {
    repo: repoFlag,
    by: Flags.string({required: true, description: 'Person or management role rejecting.'}),
    reason: Flags.string({required: true, description: 'Reason for the rejection (goes in the commit body).'}),
  }
}
