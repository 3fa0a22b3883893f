import {Flags} from '@oclif/core'
import type {SoaResult} from '../engine/projections/index.js'
import {requireGitRepo} from '../engine/repo/index.js'
import {SeiCommand, repoFlag} from '../sei-command.js'

export default class Soa extends SeiCommand<SoaResult> {
  static summary =
    'Generate the ISO/IEC 42001 Annex A Statement of Applicability from the measures and the latest bundle.'
  static description = [
    'Crosses the 38 Annex A controls (from the iso/42001@2023 standard plugin) with the measures that cite them (standard_clauses or frameworks: ["iso/42001@2023#A.x.y"]) and the latest signed bundle. Each control is INCLUDED (IMPLEMENTED / PARTIAL / PLANNED / NOT IMPLEMENTED), EXCLUDED (justified in risk.applicability, e.g. {"iso/42001@2023#A.10.4": {excluded: true, justification: "…"}}) or OMITTED (no measure, no decision: a gap to review).',
    'A measure counts as done when its control passed in the bundle or it is a declared attestation (evaluation: manual); post-market and monitor measures count as planned; a failing or unevaluated control as missing. A control declared applicable ({excluded: false}) with no measure is NOT IMPLEMENTED. --out writes .sei/soa.json and its DSSE signature.',
    'Exit codes: 0 projected (omissions are findings, not failures); 1 the bundle signature does not verify (or --out without a bundle); 2 invalid manifest (an exclusion without justification is one); 3 environment (no iso/42001@2023 plugin).',
  ].join('\n\n')
  static examples = ['<%= config.bin %> soa', '<%= config.bin %> soa --out', '<%= config.bin %> soa --json']
  static exitCodes = {
    ...SeiCommand.exitCodes,
    '1': 'the bundle signature does not verify, or --out without a signed bundle',
  }
  static flags = {
    repo: repoFlag,
    out: Flags.boolean({
      description: 'Write .sei/soa.json and its signature (signed by the key that signed the bundle).',
    }),
  }

  async run(): Promise<SoaResult> {
    const {flags} = await this.parse(Soa)
    const root = requireGitRepo(flags.repo)
    const {findSigner, listStandards} = await import('../engine/plugins/index.js')
    const {renderSoa, runSoa} = await import('../engine/projections/index.js')
    const result = await runSoa(root, {
      catalogs: await listStandards(this.config),
      signer: flags.out ? () => findSigner(this.config, {repoRoot: root, env: process.env}) : undefined,
    })
    if (!result.bundle) this.advise(`note: no signed bundle yet: computed measures are not evaluated (run \`sei run\`)`)
    if (!this.jsonEnabled()) this.log(renderSoa(result))
    return result
  }
}
