import {createHash, createPublicKey, verify, type KeyObject} from 'node:crypto'
import type {Signer} from '@sei/sdk'
import {KmsError} from './kms-error.js'
import {resolveSettings, type KmsSettings} from './settings.js'
import {pemToPoint, signatureCandidates} from './signature.js'

type KeyManager = {
  sign(request: {keyId: string; region: string; digest: string}): Promise<{keyId?: string; signature?: unknown}>
  getPublicKey(request: {keyId: string; region: string}): Promise<{pem?: unknown}>
}

/** Scaleway's Key Manager client (imported only when a signature or key is actually needed). */
async function connect(s: KmsSettings): Promise<KeyManager> {
  const [{createAdvancedClient, withHTTPClient, withProfile, withUserAgentSuffix}, {KeyManagerv1alpha1}] =
    await Promise.all([import('@scaleway/sdk-client'), import('@scaleway/sdk-key-manager')])
  // The SDK has no timeout of its own: a Key Manager that never answers would hang `sei run`.
  const timed: typeof fetch = (input, init) => fetch(input, {...init, signal: AbortSignal.timeout(s.timeoutMs)})
  try {
    const client = createAdvancedClient(
      withProfile({
        accessKey: s.accessKey,
        secretKey: s.secretKey,
        apiURL: s.apiURL,
        defaultRegion: s.region,
        defaultProjectId: s.defaultProjectId,
        defaultOrganizationId: s.defaultOrganizationId,
      }),
      withHTTPClient(timed),
      withUserAgentSuffix('sei-signer-scaleway-kms'),
    )
    return new KeyManagerv1alpha1.API(client) as unknown as KeyManager
  } catch (error) {
    throw new KmsError(
      'KMS_CONFIG',
      `the Scaleway client refused its configuration (${s.credentialsFrom}): ${(error as Error).message}`,
      ['Check SCW_ACCESS_KEY, SCW_SECRET_KEY, SCW_DEFAULT_REGION and SCW_API_URL (or the scw profile).'],
      error,
    )
  }
}

/** Turns what the SDK or fetch threw into one message that says what failed and what to change. */
function explain(operation: string, s: KmsSettings, error: unknown): KmsError {
  const e = error as Error & {status?: number; cause?: {code?: string; message?: string}}
  const where = `Key Manager ${operation} of key ${s.keyId} in ${s.region}`
  const endpoint = s.apiURL ?? 'https://api.scaleway.com'
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return new KmsError(
      'KMS_TIMEOUT',
      `${where}: no answer from ${endpoint} within ${s.timeoutMs} ms; nothing was signed`,
      ['Retry; check the network path to the API, or raise SEI_KMS_TIMEOUT_MS.'],
      error,
    )
  }
  if (typeof e?.status !== 'number') {
    const why = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(error)
    return new KmsError(
      'KMS_UNREACHABLE',
      `${where}: cannot reach ${endpoint} (${why}); nothing was signed`,
      ['Check the network, proxy and SCW_API_URL (unset it for https://api.scaleway.com).'],
      error,
    )
  }
  const detail = `HTTP ${e.status}: ${e.message.replace(/^http error \d+: /, '')}`
  if (e.status === 401) {
    return new KmsError(
      'KMS_UNAUTHENTICATED',
      `${where}: the API key was refused (${detail}); credentials from ${s.credentialsFrom}`,
      [
        'Set SCW_ACCESS_KEY and SCW_SECRET_KEY to a valid, unexpired IAM API key (or fix the scw profile; ' +
          'SCW_PROFILE picks it).',
      ],
      error,
    )
  }
  if (e.status === 403) {
    return new KmsError(
      'KMS_FORBIDDEN',
      `${where}: the API key may not use this key (${detail}); credentials from ${s.credentialsFrom}`,
      [
        "Give the API key's IAM application or user a policy with KeyManagerFullAccess (or sign/read rights on " +
          "Key Manager) in the key's project.",
      ],
      error,
    )
  }
  if (e.status === 404) {
    return new KmsError(
      'KMS_KEY_NOT_FOUND',
      `${where}: no such key (${detail})`,
      ["Check SEI_KMS_KEY_ID and that SCW_DEFAULT_REGION is the key's region (`scw keymanager key list region=all`)."],
      error,
    )
  }
  if (e.status === 429 || e.status >= 500) {
    return new KmsError(
      'KMS_UNAVAILABLE',
      `${where}: the service failed (${detail}); nothing was signed`,
      ['Retry later; see https://status.scaleway.com.'],
      error,
    )
  }
  return new KmsError(
    'KMS_REJECTED',
    `${where}: the request was rejected (${detail})`,
    ['Check that the key is enabled, has usage asymmetric_signing and algorithm ec_p256_sha256.'],
    error,
  )
}

type PublicKey = {point: Uint8Array; key: KeyObject}

/**
 * The `scaleway-kms` signer: ECDSA P-256 with a Key Manager key (algorithm ec_p256_sha256). The
 * private key never leaves Scaleway: sei sends sha256(message) and gets the signature back, then checks
 * it against the key's public key before using it, whatever its encoding (DER or raw r‖s).
 */
export function kmsSigner(env: Record<string, string | undefined>): Signer {
  let settings: Promise<KmsSettings> | undefined
  let api: Promise<KeyManager> | undefined
  let publicKey: Promise<PublicKey> | undefined
  const ready = async () => {
    settings ??= resolveSettings(env)
    const s = await settings
    api ??= connect(s)
    return {s, km: await api}
  }
  const fetchPublicKey = async (): Promise<PublicKey> => {
    const {s, km} = await ready()
    let pem: unknown
    try {
      pem = (await km.getPublicKey({keyId: s.keyId, region: s.region})).pem
    } catch (error) {
      throw explain('get-public-key', s, error)
    }
    try {
      if (typeof pem !== 'string') throw new Error('the answer has no "pem" field')
      return {point: pemToPoint(pem), key: createPublicKey(pem)}
    } catch (error) {
      throw new KmsError(
        'KMS_BAD_KEY',
        `Key Manager key ${s.keyId}: ${(error as Error).message}`,
        ['Use a key with usage asymmetric_signing and algorithm ec_p256_sha256.'],
        error,
      )
    }
  }
  const loadPublicKey = (): Promise<PublicKey> => {
    publicKey ??= fetchPublicKey().catch((error) => {
      publicKey = undefined
      throw error
    })
    return publicKey
  }
  const keyId = env.SEI_KMS_KEY_ID?.trim()
  return {
    id: 'scaleway-kms',
    description: keyId
      ? `Scaleway Key Manager key ${keyId}${env.SCW_DEFAULT_REGION ? ` (${env.SCW_DEFAULT_REGION})` : ''}`
      : 'Scaleway Key Manager (set SEI_KMS_KEY_ID)',
    async publicKey() {
      return (await loadPublicKey()).point
    },
    async sign(message) {
      const {s, km} = await ready()
      const digest = createHash('sha256').update(message).digest('base64')
      let answer: {signature?: unknown}
      try {
        answer = await km.sign({keyId: s.keyId, region: s.region, digest})
      } catch (error) {
        throw explain('sign', s, error)
      }
      if (typeof answer.signature !== 'string' || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(answer.signature)) {
        throw new KmsError(
          'KMS_BAD_SIGNATURE',
          `Key Manager sign of key ${s.keyId}: the answer has no base64 "signature" field; nothing was signed`,
        )
      }
      const raw = Buffer.from(answer.signature, 'base64')
      const {key} = await loadPublicKey()
      for (const candidate of signatureCandidates(raw)) {
        if (verify('sha256', message, {key, dsaEncoding: 'ieee-p1363'}, candidate)) return candidate
      }
      throw new KmsError(
        'KMS_BAD_SIGNATURE',
        `Key Manager sign of key ${s.keyId}: the ${raw.length}-byte signature it returned does not verify with ` +
          `the key's public key (as DER or as raw r‖s); nothing was signed`,
        ["Check that the key's algorithm is ec_p256_sha256."],
      )
    },
  }
}
