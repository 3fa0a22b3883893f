import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {analyseManifest, findManifest, measuresOf} from '../../../engine/manifest/index.js'
import {requireGitRepo} from '../../../engine/repo/index.js'
import {NO_LOCATOR, type Locator} from './report.js'

/**
 * Where controls and sections are declared in the repository's manifest. Locating is a courtesy to the
 * reader of a report: a manifest that cannot be read locates nothing (the command itself reports why).
 */
export function manifestLocator(repo: string): Locator {
  try {
    const root = requireGitRepo(repo)
    const family = findManifest(root)
    if (!family) return NO_LOCATOR
    const file = family.manifest
    const analysed = analyseManifest(readFileSync(join(root, file), 'utf8'), file)
    const manifest = analysed.manifest as Record<string, unknown> | undefined
    const measures = measuresOf(manifest)
    return {
      manifest: {file},
      control(id) {
        const m = measures.find((x) => x.measure.id === id)
        return m ? {file, ...analysed.at(m.path)} : {file}
      },
      field(key) {
        return manifest && Object.hasOwn(manifest, key) ? {file, ...analysed.at([key])} : {file}
      },
    }
  } catch {
    return NO_LOCATOR
  }
}
