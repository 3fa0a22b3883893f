import {ExitCode} from '../../engine/errors.js'
import {defineCore} from '../core.js'
import {repoFlag} from '../flags.js'

export default defineCore({
  id: 'assess',
  summary: 'Propose risks not yet in the register from the facts of sei.yaml (advisory; always exits 0).',
  description: [
    'Runs a deterministic knowledge graph (rules as data): facts of the manifest (task modality and type, decisions ' +
      'about persons, affected persons, context standards, unaddressed misuse), of the Croissant descriptor ' +
      '(Croissant-RAI sensitive data and biases) and of the latest bundle (controls that pass inconclusively or on ' +
      'few cases) map to risk templates with suggested measures and clauses. Templates the register already covers ' +
      '(same risk id, or a measure on one of the suggested metrics) are not proposed.',
    'The human reviews the proposals and commits the ones that apply: that commit is the dated, attributable ' +
      'identification act (ISO 23894 §6.4.2).',
  ].join('\n\n'),
  examples: ['<%= config.bin %> assess', '<%= config.bin %> assess --json'],
  exitCodes: {
    [ExitCode.ok]: 'proposals printed (advisory: proposals are never a failure)',
    [ExitCode.invalidInput]: 'an invalid manifest',
  },
  flags: {repo: repoFlag},
  async execute(flags, host) {
    const {requireGitRepo} = await import('../../engine/repo/index.js')
    const {loadManifest} = await import('../../engine/manifest/index.js')
    const {listStandards} = await import('../../engine/plugins/index.js')
    const {proposedRisks} = await import('../../engine/projections/index.js')
    const root = requireGitRepo(flags.repo)
    const {manifest} = await loadManifest(root)
    return {result: proposedRisks(manifest, await listStandards(host.plugins), {root}), exit: ExitCode.ok}
  },
  async render(result) {
    const {renderAssessment} = await import('../render/index.js')
    return renderAssessment(result)
  },
})
