import {createHash} from 'node:crypto'
import {mkdirSync, readFileSync, rmSync} from 'node:fs'
import {join} from 'node:path'
import type {Signer} from '@sei/sdk'
import {signerFailed, writeFileAtomic, writePubkeyFile, writeSignedFile} from '../evidence/index.js'
import type {Family} from '../manifest/index.js'
import {repoFile} from '../repo/index.js'
import {type Plan, applyMoves, recoverPendingWrite, stagingDir} from '../run-lock/index.js'

/** A signed file of the write set besides the bundle: `name` (relative to the evidence dir) and its bytes. */
export type SignedFile = {name: string; bytes: Uint8Array}

export type WriteInput = {
  root: string
  family: Family
  bundleBytes: Uint8Array
  /** More signed files written in the same all-or-nothing set (each `X` + `X.sig`). */
  alsoSigned?: SignedFile[]
  signer: Signer
  /** The lock text for the envelope just written (a string) and the bundle's sha256 hex. */
  lockFor(envelope: string, bundleSha256: string): string
}

/**
 * P10–P11: sign and write bundle, signature, any further signed files, PUBKEY.txt and the lock, as one
 * write set (recover.ts: staged, COMMIT, renamed into place, lock last); returns the paths written.
 */
export async function writeEvidence(input: WriteInput): Promise<string[]> {
  const {root, family} = input
  // The evidence directory through the one resolver: a `.sei` linked outside the repository is refused.
  const evidenceDir = repoFile(root, family.evidenceDir)
  recoverPendingWrite(root)
  const stage = stagingDir(root)
  rmSync(stage, {recursive: true, force: true})
  mkdirSync(stage, {recursive: true})
  // The bundle last of the signed files: it names the digests of the others (SBOM, results).
  const signed: SignedFile[] = [...(input.alsoSigned ?? []), {name: 'bundle.json', bytes: input.bundleBytes}]
  const names: string[] = []
  try {
    for (const f of signed) {
      mkdirSync(join(stage, f.name, '..'), {recursive: true})
      await writeSignedFile(stage, f.name, f.bytes, input.signer)
      names.push(f.name, `${f.name}.sig`)
    }
    await writePubkeyFile(stage, await input.signer.publicKey())
    names.push('PUBKEY.txt')
  } catch (error) {
    // Nothing was moved into place yet: drop the half-staged files and say which signer failed.
    rmSync(stage, {recursive: true, force: true})
    throw signerFailed(input.signer.id, error, `; no evidence written, ${family.lock} untouched`)
  }
  const envelope = readFileSync(join(stage, 'bundle.json.sig'), 'utf8')
  const bundleSha = createHash('sha256').update(input.bundleBytes).digest('hex')
  await writeFileAtomic(join(stage, 'lock'), input.lockFor(envelope, bundleSha))
  const targets = names.map((n) => `${family.evidenceDir}/${n}`)
  for (const t of targets) mkdirSync(join(root, t, '..'), {recursive: true})
  repoFile(root, family.evidenceDir) // still inside after the mkdirs
  mkdirSync(evidenceDir, {recursive: true})
  const plan: Plan = {moves: [...names.map((n, i) => ({staged: n, to: targets[i]})), {staged: 'lock', to: family.lock}]}
  await writeFileAtomic(join(stage, 'COMMIT'), JSON.stringify(plan))
  applyMoves(root, plan)
  rmSync(stage, {recursive: true, force: true})
  return [...targets, family.lock]
}
