import {ExitCode} from '../../engine/errors.js'
import {defineCore} from '../core.js'
import {booleanFlag, repoFlag} from '../flags.js'

export default defineCore({
  id: 'soa',
  summary: 'Generate the ISO/IEC 42001 Annex A Statement of Applicability from the measures and the latest bundle.',
  description: [
    'Crosses the 38 Annex A controls (from the iso/42001@2023 standard plugin) with the measures that cite them ' +
      '(standard_clauses or frameworks: ["iso/42001@2023#A.x.y"]) and the latest signed bundle. Each control is ' +
      'INCLUDED (IMPLEMENTED / PARTIAL / PLANNED / NOT IMPLEMENTED), EXCLUDED (justified in risk.applicability, ' +
      'e.g. {"iso/42001@2023#A.10.4": {excluded: true, justification: "…"}}) or OMITTED (no measure, no decision: ' +
      'a gap to review).',
    'A measure counts as done when its control passed in the bundle or it is a declared attestation (evaluation: ' +
      'manual); post-market and monitor measures count as planned; a failing or unevaluated control as missing. A ' +
      'control declared applicable ({excluded: false}) with no measure is NOT IMPLEMENTED. --out writes ' +
      '.sei/soa.json and its DSSE signature.',
  ].join('\n\n'),
  examples: ['<%= config.bin %> soa', '<%= config.bin %> soa --out', '<%= config.bin %> soa --json'],
  exitCodes: {
    [ExitCode.ok]: 'projected (omissions are findings, not failures)',
    [ExitCode.failed]: 'the bundle signature does not verify, or --out without a signed bundle',
    [ExitCode.invalidInput]: 'an invalid manifest (an exclusion without justification is one)',
    [ExitCode.environment]: 'environment failure: no iso/42001@2023 plugin',
  },
  flags: {
    repo: repoFlag,
    out: booleanFlag('Write .sei/soa.json and its signature (signed by the key that signed the bundle).'),
  },
  async execute(flags, host) {
    const {requireGitRepo} = await import('../../engine/repo/index.js')
    const {findSigner, listStandards} = await import('../../engine/plugins/index.js')
    const {runSoa} = await import('../../engine/projections/index.js')
    const root = requireGitRepo(flags.repo)
    const result = await runSoa(root, {
      catalogs: await listStandards(host.plugins),
      signer: flags.out ? () => findSigner(host.plugins, {repoRoot: root, env: process.env}) : undefined,
    })
    if (!result.bundle) host.advise('note: no signed bundle yet: computed measures are not evaluated (run `sei run`)')
    return {result, exit: ExitCode.ok}
  },
  async render(result) {
    const {renderSoa} = await import('../render/index.js')
    return renderSoa(result)
  },
})
