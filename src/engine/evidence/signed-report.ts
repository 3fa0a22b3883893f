import {mkdir} from 'node:fs/promises'
import {dirname, join} from 'node:path'
import type {Signer} from '@sei/sdk'
import {ExitCode, SeiError} from '../errors.js'
import {repoFile} from '../repo/index.js'
import {keyIdOf} from './dsse.js'
import {writePubkeyFile, writeSignedFile} from './sign.js'
import {type TrustRoot, signingDecision} from './trust.js'
import {readRepositoryKey} from './verify-evidence.js'

/** The key of `<evidenceDir>/PUBKEY.txt`, when there is a readable one. */
export function repositoryKey(root: string, evidenceDir: string): Uint8Array | undefined {
  const key = readRepositoryKey(repoFile(root, `${evidenceDir}/PUBKEY.txt`))
  return key instanceof Uint8Array ? key : undefined
}

/**
 * Writes a signed report (`X` + `X.sig`) next to the bundle, under the one signing rule
 * (signingDecision): a signer outside the trust root is refused, and so is a key rotation, since a
 * report cannot re-sign the bundle it sits beside (only `sei run` rotates the key). With no
 * PUBKEY.txt yet the signer's key is written there.
 */
export async function writeSignedReport(
  root: string,
  evidenceDir: string,
  relName: string,
  bytes: Uint8Array,
  signer: Signer,
  trust?: TrustRoot,
): Promise<string[]> {
  const repoKey = repositoryKey(root, evidenceDir)
  const signerKey = await signer.publicKey()
  const decision = signingDecision(signerKey, repoKey, trust, signer.id)
  if (decision.rotation && repoKey) {
    throw new SeiError(
      'SIGNER_MISMATCH',
      `the signer "${signer.id}" (key ${keyIdOf(signerKey).slice(0, 16)}…) is not the key of ` +
        `${evidenceDir}/PUBKEY.txt (${keyIdOf(repoKey).slice(0, 16)}…) that signed the bundle: ` +
        'a report cannot rotate the key',
      {
        exit: ExitCode.invalidInput,
        actions: [
          'Use the signer that signed the bundle (SEI_SIGNING_BACKEND, SEI_SIGNING_KEY), ' +
            'or rotate the key with `sei run` (it re-signs the bundle) and then write the report.',
        ],
      },
    )
  }
  const dir = repoFile(root, evidenceDir)
  for (const f of [relName, `${relName}.sig`, 'PUBKEY.txt']) repoFile(root, `${evidenceDir}/${f}`)
  await mkdir(dirname(join(dir, relName)), {recursive: true})
  await writeSignedFile(dir, relName, bytes, signer)
  const written = [`${evidenceDir}/${relName}`, `${evidenceDir}/${relName}.sig`]
  if (!repoKey) {
    await writePubkeyFile(dir, signerKey)
    written.push(`${evidenceDir}/PUBKEY.txt`)
  }
  return written
}
