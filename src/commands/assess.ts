import {SeiError} from '../engine/errors.js'
import {SeiCommand, repoFlag} from '../sei-command.js'

export default class Assess extends SeiCommand<unknown> {
  static summary = 'Propose risks not yet in the register from the facts of sei.yaml (advisory; always exits 0).'
  static examples = ['<%= config.bin %> assess']
  static flags = {
    repo: repoFlag,
  }

  async run(): Promise<unknown> {
    await this.parse(Assess)
    throw new SeiError('NOT_IMPLEMENTED', 'sei assess is not implemented yet', {exit: 3})
  }
}
