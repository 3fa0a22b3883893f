import {createHash} from 'node:crypto'
import {FAMILIES, MAX_ALIASES, yaml} from '../manifest/index.js'
import {type Act, type IgnoredAct, actOf, actsOf} from './acts.js'
import {readBlobs} from '../git/index.js'
import {isShallow, readSignatures} from './git.js'
import {type KeyRevision, PUBKEY_PATHS} from './keys.js'
import {type LoggedCommit, readChanges, readMessages, withChanges} from './log.js'

const BUNDLE = new Set(FAMILIES.map((f) => `${f.evidenceDir}/bundle.json`))
const MANIFEST = new Set(FAMILIES.map((f) => f.manifest))
const PUBKEY = new Set(PUBKEY_PATHS)

export type BundleRevision = {
  commit: LoggedCommit
  path: string
  bundle?: Record<string, unknown>
  text?: string /** sha256:<hex> of the bytes */
  digest: string
}
export type ManifestRevision = {commit: LoggedCommit; path: string; manifest?: Record<string, unknown>; text?: string}

export type Timeline = {
  commits: LoggedCommit[]
  bundles: BundleRevision[]
  manifests: ManifestRevision[]
  /** Every committed version of PUBKEY.txt (key rotations), oldest first. */
  keys: KeyRevision[]
  isRun(c: LoggedCommit): boolean
  /** The governance acts that count (empty commits; signed when required), by commit. */
  acts: Map<string, Act>
  /** Commits with a governance trailer that are not acts, and why. */
  ignoredActs: IgnoredAct[]
  /** Whether only signed acts count (--require-signed-acts or risk.governance.require_signed_acts). */
  requireSignedActs: boolean
  /** A shallow clone: the history before the cut is missing. */
  shallow: boolean
}

/**
 * The history of a repository's evidence and manifest, oldest first, read with three git processes in
 * all (two logs, one cat-file batch), whatever the number of commits. Reads .sei/, .froga/ and .venth/.
 */
export async function readTimeline(root: string, options: {requireSignedActs?: boolean} = {}): Promise<Timeline> {
  const messages = readMessages(root)
  messages.catch(() => {}) // its failure is thrown below, where it is awaited, even if `changes` fails first
  const shallow = isShallow(root)
  const changes = readChanges(root, [...BUNDLE, ...MANIFEST, ...PUBKEY])
  // While git walks the history (its output goes to files, so it never waits for us): load the yaml
  // library (≈ 25 ms), then read the blobs the changes name as soon as that log is done.
  const {parse} = yaml()
  const touched = await changes
  const ids = new Set<string>()
  for (const files of touched.values()) for (const {blob} of files) if (!/^0+$/.test(blob)) ids.add(blob)
  const blobs = readBlobs(root, [...ids])
  const commits = withChanges(await messages, touched)
  const wanted: {commit: LoggedCommit; path: string; blob: string; kind: 'bundle' | 'manifest' | 'key'}[] = []
  for (const c of commits) {
    for (const {path, blob} of c.files) {
      if (/^0+$/.test(blob)) continue // deleted in that commit
      if (BUNDLE.has(path)) wanted.push({commit: c, path, blob, kind: 'bundle'})
      else if (MANIFEST.has(path)) wanted.push({commit: c, path, blob, kind: 'manifest'})
      else if (PUBKEY.has(path)) wanted.push({commit: c, path, blob, kind: 'key'})
    }
  }
  const bundles: BundleRevision[] = []
  const manifests: ManifestRevision[] = []
  const keys: KeyRevision[] = []
  for (const w of wanted) {
    const bytes = blobs.get(w.blob)
    if (!bytes) continue
    if (w.kind === 'key') {
      keys.push({commit: w.commit, path: w.path, text: bytes.toString('latin1')})
      continue
    }
    const text = bytes.toString('utf8')
    if (w.kind === 'bundle') {
      let bundle: Record<string, unknown> | undefined
      try {
        bundle = JSON.parse(text)
      } catch {
        bundle = undefined // recorded as a revision without readable results
      }
      bundles.push({
        commit: w.commit,
        path: w.path,
        bundle,
        text,
        digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`,
      })
    } else {
      let manifest: Record<string, unknown> | undefined
      try {
        manifest = parse(text, {maxAliasCount: MAX_ALIASES}) as Record<string, unknown>
      } catch {
        manifest = undefined
      }
      manifests.push({commit: w.commit, path: w.path, manifest, text})
    }
  }
  const runs = new Set(bundles.map((b) => b.commit.sha))
  const governance = (manifests.at(-1)?.manifest?.risk as {governance?: {require_signed_acts?: unknown}} | undefined)
    ?.governance
  const requireSignedActs = options.requireSignedActs === true || governance?.require_signed_acts === true
  // Signatures are git's to verify (its gpg / ssh configuration): asked only for the commits that carry a trailer.
  const signatures = requireSignedActs
    ? readSignatures(
        root,
        commits.filter((c) => actOf(c.body, c)).map((c) => c.sha),
      )
    : undefined
  const {acts, ignored} = actsOf(commits, {requireSigned: requireSignedActs, signatures})
  return {
    commits,
    bundles,
    manifests,
    keys,
    isRun: (c) => runs.has(c.sha),
    acts,
    ignoredActs: ignored,
    requireSignedActs,
    shallow: await shallow,
  }
}

/** The risk ids a manifest revision declares (tolerant of older shapes). */
export function riskIdsOf(manifest: Record<string, unknown> | undefined): string[] {
  const risk = manifest?.risk as {risks?: {id?: unknown}[]} | undefined
  return (Array.isArray(risk?.risks) ? risk.risks : []).flatMap((r) => (r && typeof r.id === 'string' ? [r.id] : []))
}
