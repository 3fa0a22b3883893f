import {SeiError} from '../engine/errors.js'
import {SeiCommand, repoFlag} from '../sei-command.js'

export default class Status extends SeiCommand<unknown> {
  static summary = 'Check freshness against sei.lock and the blocking controls, without recomputing anything (the CI gate).'
  static examples = ['<%= config.bin %> status']
  static flags = {
    repo: repoFlag,
  }

  async run(): Promise<unknown> {
    await this.parse(Status)
    throw new SeiError('NOT_IMPLEMENTED', 'sei status is not implemented yet', {exit: 3})
  }
}
