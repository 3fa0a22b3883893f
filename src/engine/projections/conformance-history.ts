import {readBlobs} from '../git/index.js'
import {bundleRevisions} from '../history/index.js'
import {FAMILIES} from '../manifest/index.js'

// Every committed revision of the bundle (the history concern's list, the one reconstruct replays),
// with the signature and the manifest committed with it. The extra files are read with a single
// `git cat-file --batch`, so the number of git processes does not grow with the history.

export type BundleRevisionFiles = {
  commit: string
  date: string
  subject: string
  /** The evidence directory of this revision (.sei, .froga or .venth) and the manifest of that family. */
  evidenceDir: string
  manifestFile: string
  bundle?: Buffer
  signature?: Buffer
  manifest?: Buffer
}

/** The committed bundle revisions, oldest first, each with its own bytes, `.sig` and manifest. */
export async function bundleHistory(root: string): Promise<BundleRevisionFiles[]> {
  const revisions = (await bundleRevisions(root)).map((r) => {
    const family = FAMILIES.find((f) => r.path === `${f.evidenceDir}/bundle.json`) ?? FAMILIES[0]
    return {
      commit: r.commit.sha,
      date: r.commit.date,
      subject: r.commit.subject,
      evidenceDir: family.evidenceDir,
      manifestFile: family.manifest,
    }
  })
  const specs = revisions.flatMap((r) => [
    `${r.commit}:${r.evidenceDir}/bundle.json`,
    `${r.commit}:${r.evidenceDir}/bundle.json.sig`,
    `${r.commit}:${r.manifestFile}`,
  ])
  const blobs = readBlobs(root, specs)
  return revisions.map((r) => ({
    ...r,
    bundle: blobs.get(`${r.commit}:${r.evidenceDir}/bundle.json`),
    signature: blobs.get(`${r.commit}:${r.evidenceDir}/bundle.json.sig`),
    manifest: blobs.get(`${r.commit}:${r.manifestFile}`),
  }))
}
