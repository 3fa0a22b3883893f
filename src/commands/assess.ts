import type {Assessment} from '../engine/projections/index.js'
import {requireGitRepo} from '../engine/repo/index.js'
import {SeiCommand, repoFlag} from '../sei-command.js'

export default class Assess extends SeiCommand<Assessment> {
  static summary = 'Propose risks not yet in the register from the facts of sei.yaml (advisory; always exits 0).'
  static description = [
    'Runs a deterministic knowledge graph (rules as data): facts of the manifest (task modality and type, decisions about persons, affected persons, context standards, unaddressed misuse), of the Croissant descriptor (Croissant-RAI sensitive data and biases) and of the latest bundle (controls that pass inconclusively or on few cases) map to risk templates with suggested measures and clauses. Templates the register already covers (same risk id, or a measure on one of the suggested metrics) are not proposed.',
    'The human reviews the proposals and commits the ones that apply: that commit is the dated, attributable identification act (ISO 23894 §6.4.2). Exit code: 0 always (advisory), except an invalid manifest (2).',
  ].join('\n\n')
  static examples = ['<%= config.bin %> assess', '<%= config.bin %> assess --json']
  static flags = {
    repo: repoFlag,
  }

  async run(): Promise<Assessment> {
    const {flags} = await this.parse(Assess)
    const root = requireGitRepo(flags.repo)
    const {loadManifest} = await import('../engine/manifest/index.js')
    const {listStandards} = await import('../engine/plugins/index.js')
    const {proposedRisks, renderAssessment} = await import('../engine/projections/index.js')
    const {manifest} = await loadManifest(root)
    const result = proposedRisks(manifest, await listStandards(this.config), {root})
    if (!this.jsonEnabled()) this.log(renderAssessment(result))
    return result
  }
}
