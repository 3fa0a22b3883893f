import {SeiError} from '../engine/errors.js'
import {SeiCommand, repoFlag} from '../sei-command.js'

export default class Impact extends SeiCommand<unknown> {
  static summary = 'Assess impact: purpose, decisions, affected persons, and foreseeable misuse against the risk register.'
  static examples = ['<%= config.bin %> impact']
  static flags = {
    repo: repoFlag,
  }

  async run(): Promise<unknown> {
    await this.parse(Impact)
    throw new SeiError('NOT_IMPLEMENTED', 'sei impact is not implemented yet', {exit: 3})
  }
}
