import {createHash} from 'node:crypto'
import {join} from 'node:path'
import type {Signer} from '@sei/sdk'
import {canonicalJson} from '../canonical/index.js'
import {writeFileAtomic} from './atomic-write.js'
import {PAYLOAD_TYPE, keyIdOf, pae, publicKeyHex, type Envelope} from './dsse.js'

/** The in-toto Statement v1 naming `subjectName` (path relative to the evidence dir) and its sha256. */
export function statementFor(subjectName: string, bytes: Uint8Array, tool = 'sei'): string {
  return canonicalJson({
    _type: 'https://in-toto.io/Statement/v1',
    predicate: {statement_version: 1, tool},
    predicateType: 'https://venturalitica.ai/attestation/v1',
    subject: [{digest: {sha256: createHash('sha256').update(bytes).digest('hex')}, name: subjectName}],
  })
}

/** A DSSE envelope over the statement for `bytes`, signed by `signer` (64-byte r‖s, base64). */
export async function signBytes(bytes: Uint8Array, subjectName: string, signer: Signer): Promise<Envelope> {
  const body = Buffer.from(statementFor(subjectName, bytes), 'utf8')
  const sig = await signer.sign(pae(PAYLOAD_TYPE, body))
  return {
    payload: body.toString('base64'),
    payloadType: PAYLOAD_TYPE,
    signatures: [{keyid: keyIdOf(await signer.publicKey()), sig: Buffer.from(sig).toString('base64')}],
  }
}

/** Signs first (a signer failure writes nothing), then writes X and X.sig atomically. */
export async function writeSignedFile(
  evidenceDir: string,
  relName: string,
  bytes: Uint8Array,
  signer: Signer,
): Promise<Envelope> {
  const envelope = await signBytes(bytes, relName, signer)
  await writeFileAtomic(join(evidenceDir, relName), bytes)
  await writeFileAtomic(join(evidenceDir, `${relName}.sig`), JSON.stringify(envelope))
  return envelope
}

/** PUBKEY.txt: 130 lowercase hex characters and a newline. */
export async function writePubkeyFile(evidenceDir: string, publicKey: Uint8Array): Promise<void> {
  await writeFileAtomic(join(evidenceDir, 'PUBKEY.txt'), `${publicKeyHex(publicKey)}\n`)
}
