// DSSE envelopes over in-toto Statement v1 (DESIGN §7), verified with node:crypto so that the
// verifier shares no code with the signer's curve library.
import {createHash, createPublicKey, verify as verifySignature, type KeyObject} from 'node:crypto'

export const PAYLOAD_TYPE = 'application/vnd.in-toto+json'

export type Envelope = {payload: string; payloadType: string; signatures: {keyid: string; sig: string}[]}
export type VerifyOutcome = {valid: true; keyid: string} | {valid: false; keyid?: string; reason: string}

/** DSSE pre-authentication encoding: "DSSEv1" SP len(type) SP type SP len(body) SP body. */
export function pae(payloadType: string, body: Uint8Array): Buffer {
  const type = Buffer.from(payloadType, 'utf8')
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${body.length} `), body])
}

/** Hex sha256 of the 65-byte uncompressed public key. */
export function keyIdOf(publicKey: Uint8Array): string {
  return createHash('sha256').update(publicKey).digest('hex')
}

export function publicKeyHex(publicKey: Uint8Array): string {
  return Buffer.from(publicKey).toString('hex')
}

/** Parses 130 hex characters (`04‖X‖Y`) into the key bytes, or explains why not. */
export function parsePublicKeyHex(text: string): Uint8Array | string {
  const hex = text.trim().toLowerCase()
  if (!/^04[0-9a-f]{128}$/.test(hex)) return 'a public key is 130 hex characters starting with 04 (uncompressed P-256)'
  return Buffer.from(hex, 'hex')
}

// `verify --all` checks every file against one key: import it once, not once per file.
let lastKey: {bytes: Buffer; key: KeyObject} | undefined

function nodeKey(publicKey: Uint8Array): KeyObject {
  if (lastKey?.bytes.equals(publicKey)) return lastKey.key
  const key = importKey(publicKey)
  lastKey = {bytes: Buffer.from(publicKey), key}
  return key
}

function importKey(publicKey: Uint8Array): KeyObject {
  const x = Buffer.from(publicKey.subarray(1, 33)).toString('base64url')
  const y = Buffer.from(publicKey.subarray(33, 65)).toString('base64url')
  return createPublicKey({key: {kty: 'EC', crv: 'P-256', x, y}, format: 'jwk'})
}

/** The key as a PEM SubjectPublicKeyInfo: the form cosign's --key, openssl and most verifiers read. */
export function publicKeyPem(publicKey: Uint8Array): string {
  return importKey(publicKey).export({type: 'spki', format: 'pem'}).toString()
}

/** ECDSA P-256/SHA-256 over `message`; `signature` is 64-byte r‖s or ASN.1 DER; high-S accepted. */
export function verifyP256(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  let key
  try {
    key = nodeKey(publicKey)
  } catch {
    return false
  }
  const dsaEncoding = signature.length === 64 ? 'ieee-p1363' : 'der'
  try {
    return verifySignature('sha256', message, {key, dsaEncoding}, signature)
  } catch {
    return false
  }
}

/**
 * Checks that `envelopeText` signs `fileBytes` under `subjectName` with `publicKey`: envelope shape,
 * payload type, statement type, the single subject's name and sha256, the keyid and the signature.
 */
export function verifyEnvelope(
  envelopeText: string,
  fileBytes: Uint8Array,
  subjectName: string,
  publicKey: Uint8Array,
): VerifyOutcome {
  const expectedKeyid = keyIdOf(publicKey)
  let envelope: Envelope
  try {
    envelope = JSON.parse(envelopeText)
  } catch {
    return {valid: false, reason: 'the signature file is not JSON'}
  }
  if (
    typeof envelope?.payload !== 'string' ||
    envelope.payloadType !== PAYLOAD_TYPE ||
    !Array.isArray(envelope.signatures) ||
    envelope.signatures.length === 0
  ) {
    return {valid: false, reason: `not a DSSE envelope with payloadType ${PAYLOAD_TYPE}`}
  }
  const body = Buffer.from(envelope.payload, 'base64')
  if (body.toString('base64') !== envelope.payload) return {valid: false, reason: 'payload is not canonical base64'}
  let statement: {_type?: string; subject?: {name?: string; digest?: {sha256?: string}}[]}
  try {
    statement = JSON.parse(body.toString('utf8'))
  } catch {
    return {valid: false, reason: 'payload is not an in-toto statement'}
  }
  if (statement._type !== 'https://in-toto.io/Statement/v1' || statement.subject?.length !== 1) {
    return {valid: false, reason: 'payload is not an in-toto Statement v1 with one subject'}
  }
  const [subject] = statement.subject
  if (subject.name !== subjectName)
    return {valid: false, reason: `the signature names subject "${subject.name}", not "${subjectName}"`}
  const actual = createHash('sha256').update(fileBytes).digest('hex')
  if (subject.digest?.sha256 !== actual)
    return {valid: false, reason: `${subjectName} does not match the signed digest (file altered)`}
  const message = pae(envelope.payloadType, body)
  for (const s of envelope.signatures) {
    if (s.keyid !== expectedKeyid || typeof s.sig !== 'string') continue
    const sig = Buffer.from(s.sig, 'base64')
    if (sig.toString('base64') === s.sig && verifyP256(publicKey, message, sig))
      return {valid: true, keyid: expectedKeyid}
    return {valid: false, keyid: expectedKeyid, reason: 'the signature does not verify with the trusted key'}
  }
  return {valid: false, keyid: expectedKeyid, reason: `no signature by the trusted key ${expectedKeyid}`}
}
