import {Flags} from '@oclif/core'
import {SeiError} from '../engine/errors.js'
import {SeiCommand, repoFlag} from '../sei-command.js'

export default class Run extends SeiCommand<unknown> {
  static summary = 'Reproduce the pipeline where stale, evaluate every control (the risk gate), sign and anchor the evidence bundle.'
  static examples = ['<%= config.bin %> run']
  static flags = {
    repo: repoFlag,
    force: Flags.boolean({description: 'Recompute every section, even those sei.lock says are fresh.'}),
  }

  async run(): Promise<unknown> {
    await this.parse(Run)
    throw new SeiError('NOT_IMPLEMENTED', 'sei run is not implemented yet', {exit: 3})
  }
}
