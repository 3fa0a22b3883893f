import {Flags} from '@oclif/core'
import type {ConformanceResult} from '../engine/projections/index.js'
import {requireGitRepo} from '../engine/repo/index.js'
import {SeiCommand, keyFlag, repoFlag} from '../sei-command.js'

export default class Conformance extends SeiCommand<ConformanceResult> {
  static summary = 'Project the signed evidence onto the clauses of a standard: COVERED / PARTIAL / GAP per clause.'
  static description = [
    'Decides each clause of a standard\'s catalog (from the installed standard plugins) as COVERED, COVERED (attested), PARTIAL or GAP, grouped by cycle phase, with the basis of the decision and the measures that cite it (standard_clauses: ["<std-id>#<clause>"]).',
    'Without --standard, every standard of context.applicable_standards that has a catalog, highest priority first. Only a bundle whose signature verifies against the trust root (--key, SEI_TRUSTED_KEYS; unpinned: .sei/PUBKEY.txt, and it says so) is projected. --history adds every committed bundle revision, oldest first. --out writes .sei/conformance/<slug>.json and its DSSE signature per standard (the current state), signed by the key that signed the bundle.',
    "Exit codes: 0 projected (gaps are findings, not failures); 1 no signed bundle or its signature does not verify, or --history in a shallow clone; 2 unknown --standard (the message lists the available ones), invalid manifest, or a signer other than the bundle's; 3 environment (a broken plugin, git).",
  ].join('\n\n')
  static examples = [
    '<%= config.bin %> conformance --standard eu/pren-18228@2026 --out',
    '<%= config.bin %> conformance --history',
    '<%= config.bin %> conformance --json',
  ]
  static exitCodes = {
    ...SeiCommand.exitCodes,
    '1': 'no signed bundle, or its signature does not verify',
    '2': "usage error or invalid input: an unknown --standard (the message lists the available ones), an invalid manifest, a signer other than the bundle's with --out",
  }
  static flags = {
    repo: repoFlag,
    standard: Flags.string({
      description:
        'Standard id, e.g. eu/pren-18228@2026 or iso/23894@2023 (default: every applicable standard with a catalog).',
    }),
    history: Flags.boolean({description: 'Project every bundle revision in git, not only the current one.'}),
    out: Flags.boolean({description: 'Write .sei/conformance/<slug>.json and its signature per standard.'}),
    key: keyFlag,
  }

  async run(): Promise<ConformanceResult> {
    const {flags} = await this.parse(Conformance)
    const root = requireGitRepo(flags.repo)
    const {findSigner, listStandards} = await import('../engine/plugins/index.js')
    const {renderConformance, runConformance} = await import('../engine/projections/index.js')
    const {keyProvenance} = await import('../engine/evidence/index.js')
    const catalogs = await listStandards(this.config)
    const result = await runConformance(root, {
      catalogs,
      standard: flags.standard,
      history: flags.history,
      signer: flags.out ? () => findSigner(this.config, {repoRoot: root, env: process.env}) : undefined,
      keys: flags.key,
    })
    if (result.verification.keySource !== 'pinned') this.advise(`note: trusted ${keyProvenance(result.verification)}`)
    if (result.approval?.state === 'shallow')
      this.advise(`note: the management approval is unknown here: ${result.approval.reason}`)
    for (const id of result.withoutCatalog)
      this.advise(
        `note: no standard plugin has a catalog for ${id}; it is not projected (sei plugins install <package> adds one)`,
      )
    for (const id of result.controlSets)
      this.advise(
        `note: ${id} is a control set (Annex A); its statement of applicability is \`sei soa\` (or pass --standard ${id})`,
      )
    if (result.standards.length === 0)
      this.advise(
        'no applicable standard has a catalog: declare one in context.applicable_standards of the manifest, or pass --standard',
      )
    for (const rev of result.history ?? [])
      if (!rev.skipped && !rev.signature_valid)
        this.advise(
          `warning: the bundle of ${rev.commit.slice(0, 12)} has no valid signature (${rev.signature_problem})`,
        )
    const text = renderConformance(result)
    if (!this.jsonEnabled() && text !== '') this.log(text)
    return result
  }
}
