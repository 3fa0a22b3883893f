import {SeiError} from '../engine/errors.js'
import {SeiCommand, repoFlag} from '../sei-command.js'

export default class Compile extends SeiCommand<unknown> {
  static summary = 'Compile the risk section of sei.yaml into the OSCAL plan at oscal.assessment_plan (the gate contract).'
  static examples = ['<%= config.bin %> compile']
  static flags = {
    repo: repoFlag,
  }

  async run(): Promise<unknown> {
    await this.parse(Compile)
    throw new SeiError('NOT_IMPLEMENTED', 'sei compile is not implemented yet', {exit: 3})
  }
}
