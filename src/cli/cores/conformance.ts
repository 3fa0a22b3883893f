import {ExitCode, formatWhere, SeiError} from '../../engine/errors.js'
import type {ChainGates, StatusResult} from '../../engine/pipeline/index.js'
import type {ConformanceResult} from '../../engine/projections/index.js'
import {defineCore, type Host} from '../core.js'
import {booleanFlag, formatFlag, keyFlag, repoFlag} from '../flags.js'

/** The gates the claim stands on, with each reason that blocks it (one line each, as status prints them). */
type Gates = ChainGates & {blocking: string[]}

async function gatesOf(status: StatusResult): Promise<Gates> {
  const [{failingLines, freshnessProblems}, {chainGates}] = await Promise.all([
    import('../render/index.js'),
    import('../../engine/pipeline/index.js'),
  ])
  const gates = chainGates(status)
  const invalid = status.signature && !status.signature.valid
  const blocking = [
    ...(invalid ? ['the evidence signature does not verify (firma INVÁLIDA)'] : []),
    ...(status.neverRun || !status.signature ? ['no evidence yet: run `sei run`'] : []),
    ...(gates.freshness === 'FRESH' ? [] : freshnessProblems(status)),
    ...failingLines(status),
  ]
  return {...gates, blocking}
}

/**
 * Freshness that cannot be judged (an input status needs is missing or invalid) is no fresh evidence: the
 * claim is blocked by that error, and the projection still shows what the signed evidence says. An
 * environment failure (git, a plugin) stops conformance as it stops status.
 */
function unjudged(error: unknown): Gates {
  if (!(error instanceof SeiError) || error.exit === ExitCode.environment) throw error
  const where = error.where ? `${formatWhere(error.where)} ` : ''
  return {
    freshness: 'STALE',
    risk: 'UNKNOWN',
    blocking: [`freshness not judged: ${where}${error.message} (${error.code})`],
  }
}

/** What a person should know beside the projection: trust, unknown approval, standards without a catalog. */
async function adviseAbout(result: ConformanceResult, host: Host): Promise<void> {
  const {keyProvenance} = await import('../render/index.js')
  if (result.verification.keySource !== 'pinned') host.advise(`note: trusted ${keyProvenance(result.verification)}`)
  if (result.approval?.state === 'shallow')
    host.advise(`note: the management approval is unknown here: ${result.approval.reason}`)
  for (const id of result.withoutCatalog)
    host.advise(
      `note: no standard plugin has a catalog for ${id}; it is not projected (sei plugins install <package> adds one)`,
    )
  for (const id of result.controlSets)
    host.advise(
      `note: ${id} is a control set (Annex A); ` +
        `its statement of applicability is \`sei soa\` (or pass --standard ${id})`,
    )
  if (result.standards.length === 0)
    host.advise(
      'no applicable standard has a catalog: ' +
        'declare one in context.applicable_standards of the manifest, or pass --standard',
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
    'Both gates must be green for a conformance without blockings (reference/002): the freshness gate (`sei ' +
      'status`: the evidence describes the repository as it is) and the risk gate (every blocking control ' +
      'passes). With either red, conformance prints BLOCKED and each reason above the projection, records ' +
      '`gates: {freshness, risk}` in its JSON and in every --out report, and exits 1.',
    '--format junit|sarif|github|markdown serves CI systems: a testcase per blocking reason (FORMAT=PATH ' +
      'writes a file).',
  ].join('\n\n'),
  examples: [
    '<%= config.bin %> conformance --standard eu/pren-18228@2026 --out',
    '<%= config.bin %> conformance --history',
    '<%= config.bin %> conformance --json',
    '<%= config.bin %> conformance --format junit=conformance-junit.xml',
  ],
  exitCodes: {
    [ExitCode.ok]: 'projected, both gates green (gaps are findings, not failures)',
    [ExitCode.failed]:
      'BLOCKED: the evidence is stale or a blocking control fails (projected, each reason printed); no signed ' +
      'bundle, or its signature does not verify; --history in a shallow clone',
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
    format: formatFlag,
  },
  async execute(flags, host) {
    const {requireGitRepo} = await import('../../engine/repo/index.js')
    const {findSigner, listStandards} = await import('../../engine/plugins/index.js')
    const {runConformance} = await import('../../engine/projections/index.js')
    const {statusCheck} = await import('../../engine/pipeline/index.js')
    const root = requireGitRepo(flags.repo)
    // The freshness and risk gates, as `sei status` decides them (its advisories are status's, not ours).
    const gates = await statusCheck(root, {config: host.plugins, cacheDir: host.cacheDir, keys: flags.key}).then(
      (status) => gatesOf(status),
      (error: unknown) => unjudged(error),
    )
    const projected = await runConformance(root, {
      catalogs: await listStandards(host.plugins),
      standard: flags.standard,
      history: flags.history,
      signer: flags.out ? () => findSigner(host.plugins, {repoRoot: root, env: process.env}) : undefined,
      keys: flags.key,
      gates: {freshness: gates.freshness, risk: gates.risk},
    })
    await adviseAbout(projected, host)
    const result: ConformanceResult & {gates: Gates} = {...projected, gates}
    const blocked = gates.freshness !== 'FRESH' || gates.risk !== 'GREEN'
    return {result, exit: blocked ? ExitCode.failed : ExitCode.ok}
  },
  async render(result) {
    const {renderConformance} = await import('../render/index.js')
    const {freshness, risk, blocking} = result.gates
    const blocked =
      freshness === 'FRESH' && risk === 'GREEN'
        ? []
        : [`BLOCKED: freshness ${freshness}, risk ${risk}`, ...blocking.map((b) => `  ${b}`), '']
    return [...blocked, renderConformance(result)].join('\n')
  },
  async report(result, at, version) {
    const {conformanceReport} = await import('../render/formats/index.js')
    return conformanceReport(result, at, version)
  },
})
