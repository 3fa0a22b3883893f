import {FAMILIES, yaml} from '../manifest/index.js'
import {readBlobs} from './git.js'
import {type LoggedCommit, readChanges, readMessages, withChanges} from './log.js'

const BUNDLE = new Set(FAMILIES.map((f) => `${f.evidenceDir}/bundle.json`))
const MANIFEST = new Set(FAMILIES.map((f) => f.manifest))

export type BundleRevision = {commit: LoggedCommit; path: string; bundle?: Record<string, unknown>; text?: string}
export type ManifestRevision = {commit: LoggedCommit; path: string; manifest?: Record<string, unknown>; text?: string}

export type Timeline = {
  commits: LoggedCommit[]
  bundles: BundleRevision[]
  manifests: ManifestRevision[]
  isRun(c: LoggedCommit): boolean
}

/**
 * The history of a repository's evidence and manifest, oldest first, read with three git processes in
 * all (two logs, one cat-file batch), whatever the number of commits. Reads .sei/, .froga/ and .venth/.
 */
export async function readTimeline(root: string): Promise<Timeline> {
  const messages = readMessages(root)
  messages.catch(() => {}) // its failure is thrown below, where it is awaited, even if `changes` fails first
  const changes = readChanges(root, [...BUNDLE, ...MANIFEST])
  // While git walks the history (its output goes to files, so it never waits for us): load the yaml
  // library (≈ 25 ms), then read the blobs the changes name as soon as that log is done.
  const {parse} = yaml()
  const touched = await changes
  const ids = new Set<string>()
  for (const files of touched.values()) for (const {blob} of files) if (!/^0+$/.test(blob)) ids.add(blob)
  const blobs = readBlobs(root, [...ids])
  const commits = withChanges(await messages, touched)
  const wanted: {commit: LoggedCommit; path: string; blob: string; kind: 'bundle' | 'manifest'}[] = []
  for (const c of commits) {
    for (const {path, blob} of c.files) {
      if (/^0+$/.test(blob)) continue // deleted in that commit
      if (BUNDLE.has(path)) wanted.push({commit: c, path, blob, kind: 'bundle'})
      else if (MANIFEST.has(path)) wanted.push({commit: c, path, blob, kind: 'manifest'})
    }
  }
  const bundles: BundleRevision[] = []
  const manifests: ManifestRevision[] = []
  for (const w of wanted) {
    const bytes = blobs.get(w.blob)
    if (!bytes) continue
    const text = bytes.toString('utf8')
    if (w.kind === 'bundle') {
      let bundle: Record<string, unknown> | undefined
      try {
        bundle = JSON.parse(text)
      } catch {
        bundle = undefined // recorded as a revision without readable results
      }
      bundles.push({commit: w.commit, path: w.path, bundle, text})
    } else {
      let manifest: Record<string, unknown> | undefined
      try {
        manifest = parse(text, {maxAliasCount: 100}) as Record<string, unknown>
      } catch {
        manifest = undefined
      }
      manifests.push({commit: w.commit, path: w.path, manifest, text})
    }
  }
  const runs = new Set(bundles.map((b) => b.commit.sha))
  return {commits, bundles, manifests, isRun: (c) => runs.has(c.sha)}
}

/** The risk ids a manifest revision declares (tolerant of older shapes). */
export function riskIdsOf(manifest: Record<string, unknown> | undefined): string[] {
  const risk = manifest?.risk as {risks?: {id?: unknown}[]} | undefined
  return (Array.isArray(risk?.risks) ? risk.risks : []).flatMap((r) => (r && typeof r.id === 'string' ? [r.id] : []))
}
