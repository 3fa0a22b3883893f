import {ExitCode} from '../../engine/errors.js'
import {defineCore} from '../core.js'
import {repoFlag} from '../flags.js'

export default defineCore({
  id: 'impact',
  summary: 'Assess impact: purpose, decisions, affected persons, and foreseeable misuse against the risk register.',
  description:
    'The AI system impact assessment (ISO/IEC 42001 §6.1.4): intended purpose, decisions, affected persons, each ' +
    "risk's impact on individuals, society and the organization, and every reasonably foreseeable misuse (EU AI " +
    'Act Art. 9(2)(b)) crossed with the risk register: ADDRESSED, GAP (no risk addresses it: advisory) or DANGLING ' +
    '(addressed_by names a risk that is not in the register).',
  examples: ['<%= config.bin %> impact', '<%= config.bin %> impact --json'],
  exitCodes: {
    [ExitCode.ok]: 'assessed (gaps are findings, not failures)',
    [ExitCode.invalidInput]:
      'an addressed_by names a risk not in the register (each is named with its file:line:col), ' +
      'or the manifest is invalid',
  },
  flags: {repo: repoFlag},
  async execute(flags, host) {
    const {requireGitRepo} = await import('../../engine/repo/index.js')
    const {analyseManifest, formatPath, loadManifest} = await import('../../engine/manifest/index.js')
    const {assessImpact} = await import('../../engine/projections/index.js')
    const loaded = await loadManifest(requireGitRepo(flags.repo))
    const result = assessImpact(loaded.manifest)
    for (const m of result.misuse)
      if (m.status === 'gap')
        host.advise(
          `advisory: GAP: misuse ${m.id} is addressed by no risk; add a risk for it or name one in addressed_by`,
        )
    if (result.dangling.length === 0) return {result, exit: ExitCode.ok}
    const {at} = analyseManifest(loaded.text, loaded.file)
    for (const d of result.dangling) {
      const {line, col} = at(d.path)
      const didYouMean = d.suggestion ? ` (did you mean "${d.suggestion}"?)` : ''
      host.advise(
        `error: ${loaded.file}:${line}:${col} ${formatPath(d.path)}: misuse ${d.misuse} is addressed_by "${d.risk}", ` +
          `which is not a risk of the register${didYouMean}`,
      )
    }
    return {result, exit: ExitCode.invalidInput}
  },
  async render(result) {
    const {renderImpact} = await import('../render/index.js')
    return renderImpact(result)
  },
})
