import {Flags} from '@oclif/core'
import {SeiError} from '../engine/errors.js'
import {SeiCommand, repoFlag} from '../sei-command.js'

export default class Conformance extends SeiCommand<unknown> {
  static summary = 'Project the signed evidence onto the clauses of a standard: COVERED / PARTIAL / GAP per clause.'
  static examples = ['<%= config.bin %> conformance --standard eu/pren-18228@2026 --out']
  static flags = {
    repo: repoFlag,
    standard: Flags.string({description: 'Standard id, e.g. eu/pren-18228@2026 or iso/23894@2023 (default: every applicable standard with a catalog).'}),
    history: Flags.boolean({description: 'Project every bundle revision in git, not only the current one.'}),
    out: Flags.boolean({description: 'Write .sei/conformance/<slug>.json and its signature per standard.'}),
  }

  async run(): Promise<unknown> {
    await this.parse(Conformance)
    throw new SeiError('NOT_IMPLEMENTED', 'sei conformance is not implemented yet', {exit: 3})
  }
}
