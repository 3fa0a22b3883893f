import {SeiError} from '../engine/errors.js'
import {SeiCommand, repoFlag} from '../sei-command.js'

export default class Init extends SeiCommand<unknown> {
  static summary = 'Create the .sei/ directory and a minimal, commented sei.yaml in a git repository.'
  static examples = ['<%= config.bin %> init --repo /path/to/project']
  static flags = {
    repo: repoFlag,
  }

  async run(): Promise<unknown> {
    await this.parse(Init)
    throw new SeiError('NOT_IMPLEMENTED', 'sei init is not implemented yet', {exit: 3})
  }
}
