import {createPublicKey} from 'node:crypto'

// Order of the P-256 group: r and s must lie in [1, n-1].
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n

function inRange(bytes: Uint8Array): boolean {
  const v = BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`)
  return v > 0n && v < N
}

/** One DER INTEGER at `at` (positive, at most 32 value bytes), left-padded to 32 bytes. */
function readInteger(der: Uint8Array, at: number): {value: Uint8Array; next: number} | undefined {
  if (der[at] !== 0x02) return undefined
  const len = der[at + 1]
  if (len === undefined || len === 0 || len > 33 || at + 2 + len > der.length) return undefined
  let value = der.subarray(at + 2, at + 2 + len)
  if (value[0] & 0x80) return undefined // a negative INTEGER is never an ECDSA value
  // Leading zero bytes are stripped whatever their number: the result is verified before use anyway.
  while (value.length > 1 && value[0] === 0) value = value.subarray(1)
  if (value.length > 32) return undefined
  const out = new Uint8Array(32)
  out.set(value, 32 - value.length)
  return {value: out, next: at + 2 + len}
}

/** An ASN.1 DER ECDSA-Sig-Value `SEQUENCE {r INTEGER, s INTEGER}` as 64-byte r‖s, or undefined. */
export function derToRaw(der: Uint8Array): Uint8Array | undefined {
  // A P-256 signature is at most 72 bytes, so the sequence length always fits the short form.
  if (der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2) return undefined
  const r = readInteger(der, 2)
  if (!r) return undefined
  const s = readInteger(der, r.next)
  if (!s || s.next !== der.length) return undefined
  return Buffer.concat([r.value, s.value])
}

/**
 * The readings of a Key Manager signature as 64-byte r‖s: raw r‖s when it is 64 bytes, DER when it
 * parses as DER. Both can hold for a 64-byte answer, so the caller keeps the one that verifies.
 */
export function signatureCandidates(sig: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = []
  if (sig.length === 64 && inRange(sig.subarray(0, 32)) && inRange(sig.subarray(32))) out.push(Uint8Array.from(sig))
  const der = derToRaw(sig)
  if (der && inRange(der.subarray(0, 32)) && inRange(der.subarray(32))) out.push(der)
  return out
}

/** The 65-byte uncompressed point (0x04‖X‖Y) of a PEM SubjectPublicKeyInfo; refuses anything but P-256. */
export function pemToPoint(pem: string): Uint8Array {
  const key = createPublicKey(pem)
  const details = key.asymmetricKeyDetails
  if (key.asymmetricKeyType !== 'ec' || details?.namedCurve !== 'prime256v1') {
    throw new Error(
      `the key is ${key.asymmetricKeyType}${details?.namedCurve ? ` ${details.namedCurve}` : ''}, not ECDSA ` +
        `P-256 (create it with algorithm ec_p256_sha256)`,
    )
  }
  const jwk = key.export({format: 'jwk'})
  const x = Buffer.from(jwk.x as string, 'base64url')
  const y = Buffer.from(jwk.y as string, 'base64url')
  if (x.length !== 32 || y.length !== 32) throw new Error('the P-256 public key does not have 32-byte coordinates')
  return Buffer.concat([Buffer.from([4]), x, y])
}
