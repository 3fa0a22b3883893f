import {Flags} from '@oclif/core'
import {SeiError} from '../engine/errors.js'
import {SeiCommand, repoFlag} from '../sei-command.js'

export default class Reconstruct extends SeiCommand<unknown> {
  static summary = 'Replay the git history of the evidence into the ISO 23894 treatment cycle of every risk.'
  static examples = ['<%= config.bin %> reconstruct --out']
  static flags = {
    repo: repoFlag,
    out: Flags.boolean({description: 'Also write .sei/reconstruct.json and its signature.'}),
    'as-of': Flags.string({description: 'The date taken as now for the review-interval check (ISO 8601; default: now).'}),
  }

  async run(): Promise<unknown> {
    await this.parse(Reconstruct)
    throw new SeiError('NOT_IMPLEMENTED', 'sei reconstruct is not implemented yet', {exit: 3})
  }
}
