import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {repoFile} from '../repo/index.js'
import type {Family} from '../manifest/index.js'
import type {LockFile} from '../lock/index.js'

export type AnchorProblem = {file: string; problem: string}

/**
 * Does the lock anchor the evidence on disk? The lock names the bundle's DSSE envelope (byte-equal
 * to bundle.json.sig) and sei's locks also the bundle's sha256; the envelope's in-toto subject must
 * name the bundle's bytes. (Signature cryptography is `sei verify`'s job.)
 */
export function checkAnchor(root: string, family: Family, lock: LockFile): AnchorProblem[] {
  const bundlePath = `${family.evidenceDir}/bundle.json`
  const read = (p: string) => {
    try {
      return readFileSync(repoFile(root, p))
    } catch (error) {
      if ((error as {code?: string}).code === 'PATH_OUTSIDE_REPO') throw error
      return undefined
    }
  }
  const bundle = read(bundlePath)
  const sig = read(`${bundlePath}.sig`)
  if (!bundle) return [{file: bundlePath, problem: 'missing (run `sei run`)'}]
  if (!sig) return [{file: `${bundlePath}.sig`, problem: 'missing (run `sei run`)'}]
  const problems: AnchorProblem[] = []
  const digest = createHash('sha256').update(bundle).digest('hex')
  if (sig.toString('utf8') !== lock.signed_bundle_digest)
    problems.push({file: `${bundlePath}.sig`, problem: `is not the envelope ${family.lock} anchors`})
  if (lock.bundle_sha256 && lock.bundle_sha256 !== `sha256:${digest}`)
    problems.push({
      file: bundlePath,
      problem: `sha256 ${digest} is not the ${lock.bundle_sha256} ${family.lock} anchors`,
    })
  try {
    const env = JSON.parse(sig.toString('utf8')) as {payload: string}
    const st = JSON.parse(Buffer.from(env.payload, 'base64').toString('utf8')) as {
      subject: {digest: {sha256: string}}[]
    }
    if (st.subject?.[0]?.digest?.sha256 !== digest)
      problems.push({file: `${bundlePath}.sig`, problem: 'its statement does not name the bytes of bundle.json'})
  } catch {
    problems.push({file: `${bundlePath}.sig`, problem: 'is not a DSSE envelope'})
  }
  return problems
}
