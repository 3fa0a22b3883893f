import {createHash} from 'node:crypto'
import {mkdirSync, readFileSync, readdirSync, rmSync} from 'node:fs'
import {join} from 'node:path'
import type {Signer} from '@sei/sdk'
import {writeFileAtomic, writePubkeyFile, writeSignedFile} from '../evidence/index.js'
import {ExitCode, SeiError} from '../errors.js'
import type {Family} from '../manifest/index.js'
import {ORDER, type Plan, applyMoves, recoverPendingWrite, stagingDir} from './recover.js'

export type WriteInput = {
  root: string
  family: Family
  bundleBytes: Uint8Array
  /** Further files signed and written in the same set as the bundle (SBOM, OSCAL results), before it. */
  files?: {name: string; bytes: Uint8Array}[]
  signer: Signer
  /** The lock text for the envelope just written (a string) and the bundle's sha256 hex. */
  lockFor(envelope: string, bundleSha256: string): string
}

/** P10–P11: sign and write bundle, signature, PUBKEY.txt and the lock; returns the paths written. */
export async function writeEvidence(input: WriteInput): Promise<string[]> {
  const {root, family} = input
  recoverPendingWrite(root)
  const stage = stagingDir(root)
  rmSync(stage, {recursive: true, force: true})
  mkdirSync(stage, {recursive: true})
  try {
    for (const f of input.files ?? []) await writeSignedFile(stage, f.name, f.bytes, input.signer)
    await writeSignedFile(stage, 'bundle.json', input.bundleBytes, input.signer)
    await writePubkeyFile(stage, await input.signer.publicKey())
  } catch (error) {
    // Nothing was moved into place yet: drop the half-staged files and say which signer failed.
    rmSync(stage, {recursive: true, force: true})
    const e = error as Error & {actions?: string[]}
    throw new SeiError('SIGNER_FAILED', `signer "${input.signer.id}": ${e.message}; no evidence written, ${family.lock} untouched`, {exit: ExitCode.environment, actions: e.actions})
  }
  const envelope = readFileSync(join(stage, 'bundle.json.sig'), 'utf8')
  const bundleSha = createHash('sha256').update(input.bundleBytes).digest('hex')
  await writeFileAtomic(join(stage, 'lock'), input.lockFor(envelope, bundleSha))
  const evidenceDir = join(root, family.evidenceDir)
  mkdirSync(evidenceDir, {recursive: true})
  const order = [...(input.files ?? []).flatMap((f) => [f.name, `${f.name}.sig`]), ...ORDER]
  const plan: Plan = {moves: [...order.map((f) => ({from: join(stage, f), to: join(evidenceDir, f)})), {from: join(stage, 'lock'), to: join(root, family.lock)}]}
  for (const name of readdirSync(stage)) if (![...order, 'lock'].includes(name)) rmSync(join(stage, name), {force: true})
  await writeFileAtomic(join(stage, 'COMMIT'), JSON.stringify(plan))
  applyMoves(plan)
  rmSync(stage, {recursive: true, force: true})
  return [...order.map((f) => `${family.evidenceDir}/${f}`), family.lock]
}
