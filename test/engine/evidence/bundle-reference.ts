import {createHash} from 'node:crypto'
import type {Manifest} from '../../../src/engine/manifest/index.js'
import {parseManifest} from '../../../src/engine/manifest/index.js'
import {fixtureHistory, fixtureBlob, fixtureNames, type FixtureName} from '../../helpers/fixtures.js'

/** One bundle the reference engine signed, with the inputs it was computed from at that commit. */
export type ReferenceRun = {
  fixture: FixtureName
  commit: string
  bundleText: string
  manifest: Manifest
  metricsText: string
  previousBundleText?: string
  croissant?: {json: Record<string, unknown>; sha256: string; path: string}
  /** The CycloneDX file the reference summarised into the bundle's `bom` (`.venturalitica/bom.json`). */
  bomBytes?: Buffer
}

/** Every bundle version of every fixture, oldest first per fixture. */
export function referenceRuns(): ReferenceRun[] {
  const runs: ReferenceRun[] = []
  for (const fixture of fixtureNames) {
    const tree = new Map<string, Buffer>()
    let previousBundleText: string | undefined
    for (const commit of fixtureHistory(fixture)) {
      for (const [path, blob] of Object.entries(commit.files)) {
        if (blob) tree.set(path, fixtureBlob(fixture, blob))
        else tree.delete(path)
      }
      const bundlePath = Object.keys(commit.files).find((p) => /^\.(venth|froga|sei)\/bundle\.json$/.test(p))
      if (!bundlePath) continue
      const manifestPath = [...tree.keys()].find((p) => /^(sei|froga|venth)\.yaml$/.test(p))!
      const {manifest, problems} = parseManifest(tree.get(manifestPath)!.toString('utf8'), manifestPath)
      if (!manifest) throw new Error(`${fixture} ${manifestPath}: ${problems.map((p) => p.message).join('; ')}`)
      const croissantPath = manifest.dataset?.croissant
      const croissantBytes = croissantPath ? tree.get(croissantPath) : undefined
      const bundleText = tree.get(bundlePath)!.toString('utf8')
      runs.push({
        fixture,
        commit: commit.sha,
        bundleText,
        manifest,
        metricsText: tree.get('metrics.json')!.toString('utf8'),
        previousBundleText,
        bomBytes: tree.get('.venturalitica/bom.json'),
        croissant:
          croissantPath && croissantBytes
            ? {
                json: JSON.parse(croissantBytes.toString('utf8')),
                sha256: createHash('sha256').update(croissantBytes).digest('hex'),
                path: croissantPath,
              }
            : undefined,
      })
      previousBundleText = bundleText
    }
  }
  return runs
}
