import type {Signer, StandardCatalog} from '@sei/sdk'
import {ExitCode, SeiError} from '../errors.js'
import {
  type EvidenceVerification,
  type TrustRoot,
  repositoryKey,
  parseBundle,
  requireCurrentBundle,
  trustRootOf,
  verifyEnvelope,
  verifyEvidence,
  writeSignedReport,
} from '../evidence/index.js'
import {stableJson} from '../canonical/index.js'
import {analyseManifest, type Family, loadManifest, type Manifest} from '../manifest/index.js'
import {currentApproval} from './conformance-approval.js'
import type {ApprovalView, BundleView, ConformanceEvidence} from './conformance-evidence.js'
import {REVISION_SHA_LENGTH, shortSha} from '../repo/index.js'
import {isShallow, shallowError} from '../history/index.js'
import {bundleHistory} from './conformance-history.js'
import {
  catalogProblem,
  conformanceDocument,
  conformanceSlug,
  projectStandard,
  selectStandards,
  type Gates,
  type StandardConformance,
} from './conformance.js'

export type ConformanceOptions = {
  /** Every catalog the installed standard plugins provide (listStandards). */
  catalogs: Map<string, StandardCatalog>
  standard?: string
  history?: boolean
  /** Present when the reports are to be written and signed (--out). */
  signer?: () => Promise<Signer>
  /** The trust root's --key values (SEI_TRUSTED_KEYS of `env` adds to them). */
  keys?: readonly string[]
  env?: Record<string, string | undefined>
  /** The freshness and risk gates the projection stands on, recorded in each --out report. */
  gates?: Gates
}

export type RevisionConformance = {
  commit: string
  date: string
  subject: string
  /** False when this revision's bundle signature does not verify against the repository key. */
  signature_valid: boolean
  signature_problem?: string
  /** Set when the revision cannot be projected (bundle deleted, unreadable, manifest invalid there). */
  skipped?: string
  standards: StandardConformance[]
}

export type ConformanceResult = {
  system: string
  family: Family['name']
  evidenceDir: string
  /** The management approval bearing on the bundle; absent when no projected clause depends on it. */
  approval?: ApprovalView
  standards: StandardConformance[]
  /** Applicable standards that no installed plugin has a catalog for. */
  withoutCatalog: string[]
  /** Applicable Annex A control sets (ISO 42001), projected by sei soa rather than here. */
  controlSets: string[]
  /** Files written with --out, relative to the repository. */
  written: string[]
  history?: RevisionConformance[]
  /** The verification of the projected bundle: which key was trusted, and whether it was pinned. */
  verification: EvidenceVerification
}

function unknownStandard(asked: string, catalogs: Map<string, StandardCatalog>): SeiError {
  const available = [...catalogs.keys()].sort()
  return new SeiError(
    'STANDARD_UNKNOWN',
    `no standard plugin provides "${asked}"; available: ${available.join(', ') || 'none'}`,
    {
      exit: ExitCode.invalidInput,
      actions: [
        `Pass one of: ${available.map((id) => `--standard ${id}`).join(', ') || '(install a standard plugin first)'}.`,
        'Or install the plugin that provides it: `sei plugins install <package>`.',
      ],
    },
  )
}

/** Projects the committed bundle revisions (oldest first) onto the selected standards. */
async function projectHistory(
  root: string,
  selected: StandardCatalog[],
  current: ApprovalView,
  trust: TrustRoot | undefined,
): Promise<RevisionConformance[]> {
  const out: RevisionConformance[] = []
  const keys = new Map<string, Uint8Array[]>()
  // A trust root checks every revision; without one, the repository's key as it is now.
  const keysOf = (evidenceDir: string) => {
    if (!keys.has(evidenceDir)) {
      const repoKey = repositoryKey(root, evidenceDir)
      keys.set(evidenceDir, trust ? trust.keys : repoKey ? [repoKey] : [])
    }
    return keys.get(evidenceDir)!
  }
  // The manifest rarely changes between runs: validate each distinct text once.
  const manifests = new Map<string, Manifest | undefined>()
  const manifestOf = (text: string, file: string) => {
    if (!manifests.has(text)) manifests.set(text, analyseManifest(text, file).manifest)
    return manifests.get(text)
  }
  const revisions = await bundleHistory(root)
  for (const [i, rev] of revisions.entries()) {
    const head = {commit: rev.commit, date: rev.date, subject: rev.subject}
    if (!rev.bundle) {
      out.push({...head, signature_valid: false, skipped: 'the bundle was deleted in this commit', standards: []})
      continue
    }
    const parsed = rev.manifest ? manifestOf(rev.manifest.toString('utf8'), rev.manifestFile) : undefined
    if (!parsed) {
      out.push({
        ...head,
        signature_valid: false,
        skipped: `${rev.manifestFile} is ${rev.manifest ? 'not valid' : 'absent'} in this commit`,
        standards: [],
      })
      continue
    }
    let bundle: BundleView
    try {
      bundle = parseBundle<BundleView>(rev.bundle, {
        file: `${rev.evidenceDir}/bundle.json at ${shortSha(rev.commit, REVISION_SHA_LENGTH)}`,
      })
    } catch (error) {
      out.push({...head, signature_valid: false, skipped: (error as Error).message, standards: []})
      continue
    }
    let signature: {valid: boolean; reason?: string}
    const trusted = keysOf(rev.evidenceDir)
    if (!rev.signature) signature = {valid: false, reason: 'no bundle.json.sig in this commit'}
    else if (trusted.length === 0)
      signature = {valid: false, reason: `no readable ${rev.evidenceDir}/PUBKEY.txt to check it against`}
    else {
      const outcomes = trusted.map((key) =>
        verifyEnvelope(rev.signature!.toString('utf8'), rev.bundle!, 'bundle.json', key),
      )
      const v = outcomes.find((o) => o.valid) ?? outcomes[0]
      signature = v.valid ? {valid: true} : {valid: false, reason: v.reason}
    }
    // Only the latest revision can hold a current approval; a later run made any earlier one stale.
    const next = revisions[i + 1]
    const approval: ApprovalView = next ? {state: 'superseded', commit: next.commit} : current
    const evidence: ConformanceEvidence = {manifest: parsed, bundle, signature, approval}
    out.push({
      ...head,
      signature_valid: signature.valid,
      signature_problem: signature.reason,
      standards: selected.map((c) => projectStandard(c, evidence)),
    })
  }
  return out
}

/**
 * `sei conformance`: the current signed bundle (which must verify) projected onto the asked standard
 * or every applicable one with a catalog; with `history`, every committed bundle revision too; with
 * a signer, each report is written and signed as `<evidence dir>/conformance/<slug>.json`.
 */
export async function runConformance(root: string, options: ConformanceOptions): Promise<ConformanceResult> {
  if (options.standard !== undefined && !options.catalogs.has(options.standard))
    throw unknownStandard(options.standard, options.catalogs)
  const {manifest, family} = await loadManifest(root)
  const {selected, withoutCatalog, controlSets} = selectStandards(
    options.catalogs,
    manifest.context?.applicable_standards ?? [],
    options.standard,
  )
  for (const catalog of selected) {
    const problem = catalogProblem(catalog)
    if (problem)
      throw new SeiError(
        'PLUGIN_INVALID',
        `the standard plugin providing ${catalog.id} answered a malformed catalog: ${problem}`,
        {exit: ExitCode.environment, actions: ['Update or remove that standard plugin (`sei plugins` lists them).']},
      )
  }

  // Only signed evidence is projected: a bundle whose signature fails says nothing an auditor can trust.
  const env = options.env ?? process.env
  const trust = trustRootOf(options.keys, env)
  const verification = await verifyEvidence(root, {keys: options.keys, env})
  const bundleCheck = verification.files.find((f) => f.file === 'bundle.json')
  if (!verification.valid || !bundleCheck?.valid) {
    const reason = verification.files
      .filter((f) => !f.valid)
      .map((f) => `${f.file}: ${f.reason}`)
      .join('; ')
    throw new SeiError(
      'BUNDLE_SIGNATURE_INVALID',
      `firma INVÁLIDA: the evidence bundle's signature does not verify (${reason}); conformance projects signed ` +
        `evidence only`,
      {
        exit: ExitCode.failed,
        actions: ['Run `sei verify` for details, then `sei run` to write a fresh signed bundle.'],
      },
    )
  }
  // The directory whose bundle was just verified (a repository may keep an earlier family's .froga/).
  const evidenceDir = verification.evidenceDir
  const {bundle} = requireCurrentBundle<BundleView>(root, evidenceDir)
  // Reading the approval replays the git history: only done when a projected clause depends on it.
  const needsApproval = selected.some((c) =>
    c.clauses.some((x) => x.criterion === 'management_review' || x.fallback === 'management_review'),
  )
  const approval = needsApproval ? await currentApproval(root) : undefined
  const evidence: ConformanceEvidence = {
    manifest: manifest as Manifest,
    bundle,
    signature: {valid: true},
    approval: approval ?? {state: 'none'},
  }
  const standards = selected.map((c) => projectStandard(c, evidence))

  const written: string[] = []
  if (options.signer && standards.length > 0) {
    // Every file name is checked before anything is written.
    const files = standards.map((s) => {
      const slug = conformanceSlug(s.standard)
      if (!slug)
        throw new SeiError('STANDARD_ID_INVALID', `the standard id "${s.standard}" cannot name a file`, {
          exit: ExitCode.environment,
          actions: ['Fix the id in the standard plugin that provides it.'],
        })
      return {
        name: `conformance/${slug}.json`,
        bytes: Buffer.from(stableJson(conformanceDocument(s, options.gates)), 'utf8'),
      }
    })
    const signer = await options.signer()
    // Signed by the key of PUBKEY.txt (the bundle's), or sei verify --all could not check them together.
    for (const f of files) written.push(...(await writeSignedReport(root, evidenceDir, f.name, f.bytes, signer, trust)))
  }
  const result: ConformanceResult = {
    system: manifest.system.name,
    family: family.name,
    evidenceDir,
    approval,
    standards,
    withoutCatalog,
    controlSets,
    written,
    verification,
  }
  if (options.history) {
    if (await isShallow(root)) throw shallowError()
    result.history = await projectHistory(root, selected, approval ?? {state: 'none'}, trust)
  }
  return result
}
