// A fake Scaleway Key Manager (v1alpha1) on 127.0.0.1, for the scaleway-kms signer's tests and bench.
// It implements the two documented endpoints the signer uses, with the API's wire format:
//   GET  /key-manager/v1alpha1/regions/{region}/keys/{key_id}/public-key  → {"pem": "-----BEGIN PUBLIC KEY-----…"}
//   POST /key-manager/v1alpha1/regions/{region}/keys/{key_id}/sign  {"digest": base64(sha256)}
//                                                                  → {"key_id": …, "signature": base64}
// authenticated by the X-Auth-Token header (the API key's secret key), and answers errors with the
// JSON bodies Scaleway's API uses (type denied_authentication / permissions_denied / not_found …).
// The key is a node:crypto P-256 key; signing a given digest is done here with plain BigInt ECDSA
// (node:crypto can only sign a message it hashes itself), so nothing is shared with the signer's code.
import {generateKeyPairSync, randomBytes, type KeyObject} from 'node:crypto'
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'

const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n
const G = {
  x: 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
  y: 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
}
type Point = {x: bigint; y: bigint} | null

const mod = (a: bigint, m: bigint) => ((a % m) + m) % m
function inv(a: bigint, m: bigint): bigint {
  let [r0, r1, s0, s1] = [mod(a, m), m, 1n, 0n]
  while (r1 !== 0n) {
    const q = r0 / r1
    ;[r0, r1] = [r1, r0 - q * r1]
    ;[s0, s1] = [s1, s0 - q * s1]
  }
  return mod(s0, m)
}
// Jacobian coordinates (x = X/Z², y = Y/Z³), one inversion per scalar multiplication instead of one per step.
type Jacobian = [bigint, bigint, bigint]
function double([x, y, z]: Jacobian): Jacobian {
  if (y === 0n || z === 0n) return [0n, 1n, 0n]
  const delta = mod(z * z, P)
  const gamma = mod(y * y, P)
  const beta = mod(x * gamma, P)
  const alpha = mod(3n * (x - delta) * (x + delta), P) // a = -3
  const x3 = mod(alpha * alpha - 8n * beta, P)
  const z3 = mod((y + z) * (y + z) - gamma - delta, P)
  return [x3, mod(alpha * (4n * beta - x3) - 8n * gamma * gamma, P), z3]
}
function addAffine(a: Jacobian, q: {x: bigint; y: bigint}): Jacobian {
  const [x1, y1, z1] = a
  if (z1 === 0n) return [q.x, q.y, 1n]
  const z1z1 = mod(z1 * z1, P)
  const h = mod(q.x * z1z1 - x1, P)
  const r = mod(2n * (q.y * z1 * z1z1 - y1), P)
  if (h === 0n) return r === 0n ? double(a) : [0n, 1n, 0n]
  const hh = mod(h * h, P)
  const i = 4n * hh
  const j = mod(h * i, P)
  const v = mod(x1 * i, P)
  const x3 = mod(r * r - j - 2n * v, P)
  return [x3, mod(r * (v - x3) - 2n * y1 * j, P), mod((z1 + h) * (z1 + h) - z1z1 - hh, P)]
}
function mul(k: bigint, pt: {x: bigint; y: bigint}): Point {
  let acc: Jacobian = [0n, 1n, 0n]
  for (let bit = BigInt(k.toString(2).length - 1); bit >= 0n; bit--) {
    acc = double(acc)
    if ((k >> bit) & 1n) acc = addAffine(acc, pt)
  }
  if (acc[2] === 0n) return null
  const zi = inv(acc[2], P)
  const zi2 = mod(zi * zi, P)
  return {x: mod(acc[0] * zi2, P), y: mod(acc[1] * zi2 * zi, P)}
}
const big = (b: Uint8Array) => BigInt(`0x${Buffer.from(b).toString('hex')}`)
const be32 = (v: bigint) => Buffer.from(v.toString(16).padStart(64, '0'), 'hex')

/** ASN.1 DER `SEQUENCE {INTEGER r, INTEGER s}`, written out by hand. */
export function derSignature(r: bigint, s: bigint): Buffer {
  const int = (v: bigint) => {
    let b = Buffer.from(v.toString(16).padStart(2 * Math.ceil(v.toString(16).length / 2), '0'), 'hex')
    if (b[0] & 0x80) b = Buffer.concat([Buffer.from([0]), b])
    return Buffer.concat([Buffer.from([2, b.length]), b])
  }
  const body = Buffer.concat([int(r), int(s)])
  return Buffer.concat([Buffer.from([0x30, body.length]), body])
}

/** How the fake answers the next requests. */
export type FakeMode =
  | {sign: 'der' | 'raw' | 'raw-high-s' | 'der-high-s' | 'garbage'}
  | {status: 401 | 403 | 404 | 429 | 500 | 502 | 503}
  | {hang: true}
  | {wrongKey: true}

export type FakeKeyManager = {
  url: string
  keyId: string
  region: string
  accessKey: string
  secretKey: string
  /** The fake's P-256 key (node:crypto), for independent verification. */
  publicKey: KeyObject
  /** 0x04‖X‖Y computed here as d·G, independently of the signer's PEM conversion. */
  point: Buffer
  mode: FakeMode
  requests: {method: string; path: string; body?: Record<string, unknown>; token?: string}[]
  /** Milliseconds the fake itself spent on each answered request (its BigInt signing is slow), in order. */
  serverMs: number[]
  close(): Promise<void>
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {'Content-Type': 'application/json'})
  res.end(JSON.stringify(body))
}

/** The Key Manager's documented error bodies, by status. */
function errorBody(status: number, keyId: string): Record<string, unknown> | undefined {
  if (status === 401)
    return {message: 'authentication is denied', method: 'api_key', reason: 'not_found', type: 'denied_authentication'}
  if (status === 403)
    return {
      details: [{action: 'read', resource: 'key_manager_key'}],
      message: 'insufficient permissions',
      type: 'permissions_denied',
    }
  if (status === 404) return {message: 'resource is not found', resource: 'key', resource_id: keyId, type: 'not_found'}
  if (status === 429) return {message: 'too many requests', type: 'too_many_requests'}
  if (status === 500) return {message: 'internal error', type: 'internal_error'}
  return undefined
}

function errorAnswer(res: ServerResponse, status: number, keyId: string): void {
  const body = errorBody(status, keyId)
  if (body) {
    json(res, status, body)
    return
  }
  // A gateway in front of the API answers 502/503 with a plain-text body.
  res.writeHead(status, {'Content-Type': 'text/plain'})
  res.end('upstream connect error or disconnect/reset before headers')
}

export async function startFakeKeyManager(options: {mode?: FakeMode; region?: string} = {}): Promise<FakeKeyManager> {
  const {privateKey, publicKey} = generateKeyPairSync('ec', {namedCurve: 'P-256'})
  const d = big(Buffer.from(privateKey.export({format: 'jwk'}).d as string, 'base64url'))
  const q = mul(d, G)!
  const other = generateKeyPairSync('ec', {namedCurve: 'P-256'}).publicKey
  const fake: FakeKeyManager = {
    url: '',
    keyId: '3f2b8f0e-6a1c-4d2e-9b7a-0c5d4e3f2a1b',
    region: options.region ?? 'fr-par',
    accessKey: 'SCWFAKE0000000000001',
    secretKey: '7d9c2e4a-1b3f-4a5c-8d6e-2f1a0b9c8d7e',
    publicKey,
    point: Buffer.concat([Buffer.from([4]), be32(q.x), be32(q.y)]),
    mode: options.mode ?? {sign: 'der'},
    requests: [],
    serverMs: [],
    close: async () => {},
  }
  const sign = (digest: Buffer, encoding: 'der' | 'raw', highS: boolean): Buffer => {
    const z = big(digest)
    for (;;) {
      const k = mod(big(randomBytes(40)), N - 1n) + 1n
      const r = mod(mul(k, G)!.x, N)
      let s = mod(inv(k, N) * (z + r * d), N)
      if (r === 0n || s === 0n) continue
      if (highS !== s > N / 2n) s = N - s
      return encoding === 'der' ? derSignature(r, s) : Buffer.concat([be32(r), be32(s)])
    }
  }
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let text = ''
    for await (const chunk of req) text += chunk
    const body = text ? JSON.parse(text) : undefined
    const token = req.headers['x-auth-token'] as string | undefined
    fake.requests.push({method: req.method!, path: req.url!, body, token})
    const mode = fake.mode
    if ('hang' in mode) return // never answers; close() ends the socket
    if ('status' in mode) return errorAnswer(res, mode.status, fake.keyId)
    if (token !== fake.secretKey) return errorAnswer(res, 401, fake.keyId)
    const m = /^\/key-manager\/v1alpha1\/regions\/([^/]+)\/keys\/([^/]+)\/(sign|public-key)$/.exec(req.url ?? '')
    if (!m)
      return json(res, 404, {
        message: 'resource is not found',
        resource: 'path',
        resource_id: req.url,
        type: 'not_found',
      })
    if (m[1] !== fake.region || m[2] !== fake.keyId) return errorAnswer(res, 404, m[2])
    if (m[3] === 'public-key' && req.method === 'GET') {
      const key = 'wrongKey' in mode ? other : publicKey
      return json(res, 200, {pem: key.export({type: 'spki', format: 'pem'})})
    }
    if (m[3] === 'sign' && req.method === 'POST') {
      const digest = typeof body?.digest === 'string' ? Buffer.from(body.digest, 'base64') : Buffer.alloc(0)
      if (digest.length !== 32 || digest.toString('base64') !== body.digest) {
        return json(res, 400, {
          details: [
            {argument_name: 'digest', reason: 'constraint', help_message: 'must be a base64-encoded SHA-256 digest'},
          ],
          message: 'invalid argument(s)',
          type: 'invalid_arguments',
        })
      }
      const how = 'sign' in mode ? mode.sign : 'der'
      const sig =
        how === 'garbage'
          ? randomBytes(64)
          : sign(digest, how.startsWith('der') ? 'der' : 'raw', how.endsWith('high-s'))
      return json(res, 200, {key_id: fake.keyId, signature: sig.toString('base64')})
    }
    return json(res, 405, {message: 'method not allowed', type: 'invalid_request_error'})
  }
  const server = createServer((req, res) => {
    const t0 = performance.now()
    res.on('finish', () => fake.serverMs.push(performance.now() - t0))
    handle(req, res).catch((error) => json(res, 500, {message: String(error), type: 'internal_error'}))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  fake.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  // Sanity of the fake itself: its own d·G is the node:crypto public key.
  const jwk = publicKey.export({format: 'jwk'})
  if (
    Buffer.from(jwk.x as string, 'base64url').compare(be32(q.x)) !== 0 ||
    Buffer.from(jwk.y as string, 'base64url').compare(be32(q.y)) !== 0
  )
    throw new Error('fake key manager: d·G differs from the node:crypto public key')
  return fake
}

/** The environment that points the signer at `fake` (and away from any real scw config). */
export function fakeEnv(
  fake: FakeKeyManager,
  extra: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  return {
    SEI_SIGNING_BACKEND: 'scaleway-kms',
    SEI_KMS_KEY_ID: fake.keyId,
    SCW_ACCESS_KEY: fake.accessKey,
    SCW_SECRET_KEY: fake.secretKey,
    SCW_DEFAULT_REGION: fake.region,
    SCW_API_URL: fake.url,
    SCW_CONFIG_PATH: '/nonexistent/scw/config.yaml',
    SCW_PROFILE: undefined,
    SCW_DEFAULT_PROJECT_ID: undefined,
    SCW_DEFAULT_ORGANIZATION_ID: undefined,
    ...extra,
  }
}
