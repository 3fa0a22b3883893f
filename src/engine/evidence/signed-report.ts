import {existsSync, readFileSync} from 'node:fs'
import {mkdir} from 'node:fs/promises'
import {dirname, join} from 'node:path'
import type {Signer} from '@sei/sdk'
import {ExitCode, SeiError} from '../errors.js'
import {repoFile} from '../repo/index.js'
import {keyIdOf, parsePublicKeyHex} from './dsse.js'
import {writePubkeyFile, writeSignedFile} from './sign.js'

/** The key of `<evidenceDir>/PUBKEY.txt`, when there is a readable one. */
export function repositoryKey(root: string, evidenceDir: string): Uint8Array | undefined {
  const file = repoFile(root, `${evidenceDir}/PUBKEY.txt`)
  if (!existsSync(file)) return undefined
  const key = parsePublicKeyHex(readFileSync(file, 'utf8'))
  return typeof key === 'string' ? undefined : key
}

/**
 * Writes a signed report (`X` + `X.sig`) next to the bundle. It must be signed by the key of
 * PUBKEY.txt, or `sei verify --all` could not check the two together; with no PUBKEY.txt yet the
 * signer's key is written there.
 */
export async function writeSignedReport(root: string, evidenceDir: string, relName: string, bytes: Uint8Array, signer: Signer): Promise<string[]> {
  const repoKey = repositoryKey(root, evidenceDir)
  const signerKey = await signer.publicKey()
  if (repoKey && keyIdOf(repoKey) !== keyIdOf(signerKey)) {
    throw new SeiError('SIGNER_MISMATCH', `the signer "${signer.id}" (key ${keyIdOf(signerKey).slice(0, 16)}…) is not the key of ${evidenceDir}/PUBKEY.txt (${keyIdOf(repoKey).slice(0, 16)}…) that signed the bundle`, {
      exit: ExitCode.invalidInput,
      actions: ['Use the signer that signed the bundle (SEI_SIGNING_BACKEND, SEI_SIGNING_KEY), or run `sei run` with this signer first.'],
    })
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
