import {ExitCode} from '../../engine/errors.js'
import type {ConformanceResult} from '../../engine/projections/index.js'
import {defineCore, type Host} from '../core.js'
import {booleanFlag, keyFlag, repoFlag} from '../flags.js'

/** What a person should know beside the projection: trust, unknown approval, standards without a catalog. */
async function adviseAbout(result: ConformanceResult, host: Host): Promise<void> {
  const {keyProvenance} = await import('../../engine/evidence/index.js')
  if (result.verification.keySource !== 'pinned') host.advise(`note: trusted ${keyProvenance(result.verification)}`)
  if (result.approval?.state === 'shallow')
    host.advise(`note: the management approval is unknown here: ${result.approval.reason}`)
  for (const id of result.withoutCatalog)
    host.advise(
      `note: no standard plugin has a catalog for ${id}; it is not projected (sei plugins install <package> adds one)`,
    )
  for (const id of result.controlSets)
    host.advise(
      `note: ${id} is a control set (Annex A); its statement of applicability is \`sei soa\` (or pass --standard ${id})`,
    )
  if (result.standards.length === 0)
    host.advise(
      'no applicable standard has a catalog: declare one in context.applicable_standards of the manifest, or pass --standard',
    )
  for (const rev of result.history ?? [])
    if (!rev.skipped && !rev.signature_valid)
      host.advise(`warning: the bundle of ${rev.commit.slice(0, 12)} has no valid signature (${rev.signature_problem})`)
}

export default defineCore({
  id: 'conformance',
  summary: 'Project the signed evidence onto the clauses of a standard: COVERED / PARTIAL / GAP per clause.',
  description: [
    "Decides each clause of a standard's catalog (from the installed standard plugins) as COVERED, COVERED " +
      '(attested), PARTIAL or GAP, grouped by cycle phase, with the basis of the decision and the measures that ' +
      'cite it (standard_clauses: ["<std-id>#<clause>"]).',
    'Without --standard, every standard of context.applicable_standards that has a catalog, highest priority ' +
      'first. Only a bundle whose signature verifies against the trust root (--key, SEI_TRUSTED_KEYS; unpinned: ' +
      '.sei/PUBKEY.txt, and it says so) is projected. --history adds every committed bundle revision, oldest ' +
      'first. --out writes .sei/conformance/<slug>.json and its DSSE signature per standard (the current state), ' +
      'signed by the key that signed the bundle.',
  ].join('\n\n'),
  examples: [
    '<%= config.bin %> conformance --standard eu/pren-18228@2026 --out',
    '<%= config.bin %> conformance --history',
    '<%= config.bin %> conformance --json',
  ],
  exitCodes: {
    [ExitCode.ok]: 'projected (gaps are findings, not failures)',
    [ExitCode.failed]: 'no signed bundle, or its signature does not verify, or --history in a shallow clone',
    [ExitCode.invalidInput]:
      'usage error or invalid input: an unknown --standard (the message lists the available ones), an invalid ' +
      "manifest, a signer other than the bundle's with --out",
    [ExitCode.environment]: 'environment failure: a broken plugin, git',
  },
  flags: {
    repo: repoFlag,
    standard: {
      kind: 'string',
      description:
        'Standard id, e.g. eu/pren-18228@2026 or iso/23894@2023 (default: every applicable standard with a catalog).',
    },
    history: booleanFlag('Project every bundle revision in git, not only the current one.'),
    out: booleanFlag('Write .sei/conformance/<slug>.json and its signature per standard.'),
    key: keyFlag,
  },
  async execute(flags, host) {
    const {requireGitRepo} = await import('../../engine/repo/index.js')
    const {findSigner, listStandards} = await import('../../engine/plugins/index.js')
    const {runConformance} = await import('../../engine/projections/index.js')
    const root = requireGitRepo(flags.repo)
    const result = await runConformance(root, {
      catalogs: await listStandards(host.plugins),
      standard: flags.standard,
      history: flags.history,
      signer: flags.out ? () => findSigner(host.plugins, {repoRoot: root, env: process.env}) : undefined,
      keys: flags.key,
    })
    await adviseAbout(result, host)
    return {result, exit: ExitCode.ok}
  },
  async render(result) {
    const {renderConformance} = await import('../../engine/projections/index.js')
    return renderConformance(result)
  },
})
