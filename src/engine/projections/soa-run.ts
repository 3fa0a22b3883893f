import type {Signer, StandardCatalog} from '@sei/sdk'
import {ExitCode, SeiError} from '../errors.js'
import {stableJson} from '../canonical/index.js'
import {readCurrentBundle, verifyEvidence, writeSignedReport} from '../evidence/index.js'
import {loadManifest} from '../manifest/index.js'
import type {BundleView} from './conformance-evidence.js'
import {catalogProblem} from './conformance.js'
import {SOA_STANDARD, type Soa, projectSoa, soaDocument} from './soa.js'

export type SoaResult = Soa & {evidenceDir: string; written: string[]}

/**
 * `sei soa`: ISO/IEC 42001 Annex A (from the standard plugin that provides it) × the measures of the
 * manifest × the latest signed bundle. A bundle whose signature fails is refused (its results would
 * decide implementation status); with no bundle yet, computed measures are not evaluated. With a
 * signer, writes `<evidence dir>/soa.json` and its signature.
 */
export async function runSoa(
  root: string,
  options: {catalogs: Map<string, StandardCatalog>; signer?: () => Promise<Signer>},
): Promise<SoaResult> {
  const catalog = options.catalogs.get(SOA_STANDARD)
  if (!catalog) {
    throw new SeiError(
      'STANDARD_MISSING',
      `no standard plugin provides ${SOA_STANDARD} (ISO/IEC 42001 Annex A), which the statement of ` +
        `applicability projects`,
      {
        exit: ExitCode.environment,
        actions: ['Install it: `sei plugins install @sei/standard-iso-42001` (bundled with sei unless removed).'],
      },
    )
  }
  const problem = catalogProblem(catalog)
  if (problem)
    throw new SeiError(
      'PLUGIN_INVALID',
      `the standard plugin providing ${SOA_STANDARD} answered a malformed catalog: ${problem}`,
      {exit: ExitCode.environment, actions: ['Update or remove that standard plugin (`sei plugins` lists them).']},
    )
  const {manifest, family} = await loadManifest(root)

  let bundle: BundleView | undefined
  let evidenceDir = family.evidenceDir
  let verification
  try {
    verification = await verifyEvidence(root)
  } catch (error) {
    if (!(error instanceof SeiError && error.code === 'NO_EVIDENCE')) throw error
  }
  if (verification) {
    const bad = verification.files.filter((f) => !f.valid)
    if (!verification.valid || bad.length > 0) {
      throw new SeiError(
        'BUNDLE_SIGNATURE_INVALID',
        `the evidence bundle's signature does not verify ` +
          `(${bad.map((f) => `${f.file}: ${f.reason}`).join('; ')}); the statement of applicability reads ` +
          `signed evidence only`,
        {
          exit: ExitCode.failed,
          actions: ['Run `sei verify` for details, then `sei run` to write a fresh signed bundle.'],
        },
      )
    }
    evidenceDir = verification.evidenceDir
    bundle = readCurrentBundle<BundleView>(root, evidenceDir)?.bundle
  }
  const soa = projectSoa(manifest, catalog, bundle)
  const written: string[] = []
  if (options.signer) {
    if (!bundle)
      throw new SeiError(
        'NO_EVIDENCE',
        `no signed bundle at ${evidenceDir}/bundle.json: a signed statement of applicability needs the evidence ` +
          `it rests on`,
        {exit: ExitCode.failed, actions: ['Run `sei run` first, then `sei soa --out`.']},
      )
    written.push(
      ...(await writeSignedReport(
        root,
        evidenceDir,
        'soa.json',
        Buffer.from(stableJson(soaDocument(soa)), 'utf8'),
        await options.signer(),
      )),
    )
  }
  return {...soa, evidenceDir, written}
}
