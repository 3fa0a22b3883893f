import type {ImpactAssessment} from '../engine/projections/index.js'
import {requireGitRepo} from '../engine/repo/index.js'
import {SeiCommand, repoFlag} from '../sei-command.js'

export default class Impact extends SeiCommand<ImpactAssessment> {
  static summary =
    'Assess impact: purpose, decisions, affected persons, and foreseeable misuse against the risk register.'
  static description = [
    "The AI system impact assessment (ISO/IEC 42001 §6.1.4): intended purpose, decisions, affected persons, each risk's impact on individuals, society and the organization, and every reasonably foreseeable misuse (EU AI Act Art. 9(2)(b)) crossed with the risk register: ADDRESSED, GAP (no risk addresses it: advisory) or DANGLING (addressed_by names a risk that is not in the register).",
    'Exit codes: 0 assessed (gaps are findings, not failures); 2 a dangling addressed_by reference (each is named with its file:line:col), or an invalid manifest.',
  ].join('\n\n')
  static examples = ['<%= config.bin %> impact', '<%= config.bin %> impact --json']
  static exitCodes = {
    ...SeiCommand.exitCodes,
    '2': 'an addressed_by names a risk not in the register, or the manifest is invalid',
  }
  static flags = {
    repo: repoFlag,
  }

  async run(): Promise<ImpactAssessment> {
    const {flags} = await this.parse(Impact)
    const root = requireGitRepo(flags.repo)
    const {analyseManifest, formatPath, loadManifest} = await import('../engine/manifest/index.js')
    const {assessImpact, renderImpact} = await import('../engine/projections/index.js')
    const loaded = await loadManifest(root)
    const result = assessImpact(loaded.manifest)
    if (!this.jsonEnabled()) this.log(renderImpact(result))
    for (const m of result.misuse)
      if (m.status === 'gap')
        this.advise(
          `advisory: GAP: misuse ${m.id} is addressed by no risk; add a risk for it or name one in addressed_by`,
        )
    if (result.dangling.length > 0) {
      const {at} = analyseManifest(loaded.text, loaded.file)
      for (const d of result.dangling) {
        const {line, col} = at(d.path)
        this.advise(
          `error: ${loaded.file}:${line}:${col} ${formatPath(d.path)}: misuse ${d.misuse} is addressed_by "${d.risk}", which is not a risk of the register${d.suggestion ? ` (did you mean "${d.suggestion}"?)` : ''}`,
        )
      }
      process.exitCode = 2
    }
    return result
  }
}
