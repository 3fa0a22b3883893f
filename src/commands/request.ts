import {Flags} from '@oclif/core'
import {GovernanceCommand} from '../governance-command.js'
import {repoFlag} from '../sei-command.js'

export default class Request extends GovernanceCommand {
  protected readonly kind = 'request' as const
  static summary = 'Record a request for management approval of the treatment plan (an empty, attributed git commit).'
  static examples = ['<%= config.bin %> request --by "Jane Roe <jane@org>"']
  static flags = {
    repo: repoFlag,
    by: Flags.string({required: true, description: 'Person or role requesting approval, e.g. "Jane Roe <jane@org>".'}),
  }
}
