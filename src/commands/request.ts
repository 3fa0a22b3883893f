import {Flags} from '@oclif/core'
import {SeiError} from '../engine/errors.js'
import {SeiCommand, repoFlag} from '../sei-command.js'

export default class Request extends SeiCommand<unknown> {
  static summary = 'Record a request for management approval of the treatment plan (an empty, attributed git commit).'
  static examples = ['<%= config.bin %> request --by "Jane Roe <jane@org>"']
  static flags = {
    repo: repoFlag,
    by: Flags.string({required: true, description: 'Person or role requesting approval, e.g. "Jane Roe <jane@org>".'}),
  }

  async run(): Promise<unknown> {
    await this.parse(Request)
    throw new SeiError('NOT_IMPLEMENTED', 'sei request is not implemented yet', {exit: 3})
  }
}
