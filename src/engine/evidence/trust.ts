import {readFileSync} from 'node:fs'
import {ExitCode, SeiError} from '../errors.js'
import {keyIdOf, parsePublicKeyHex, publicKeyHex} from './dsse.js'
import {signerFailed} from './signer-failed.js'

// The trust root lives outside the repository (DESIGN §7): PUBKEY.txt travels with the evidence, so
// anyone who can commit can replace it. Keys pinned with --key or SEI_TRUSTED_KEYS are the only ones
// a pinned check accepts; without them the repository's key is trusted and every output says so.

export type TrustRoot = {keys: Uint8Array[]; keyids: string[]}

/** The note every command prints when it trusted the repository's own key. */
export const UNPINNED_NOTE = 'unpinned: pin it in CI with SEI_TRUSTED_KEYS'

const HEX_KEY = /^(?:04)?[0-9a-fA-F]{128}$/

function keyFrom(value: string, what: string): Uint8Array {
  let text = value.trim()
  if (!HEX_KEY.test(text)) {
    try {
      text = readFileSync(value, 'utf8')
    } catch {
      throw new SeiError('BAD_KEY', `${what} "${value}": neither 130 hex characters nor a readable key file`, {
        exit: ExitCode.invalidInput,
        actions: ['Pass the signer key as `sei pubkey` prints it (04…, 130 hex characters), or a file holding it.'],
      })
    }
  }
  if (text.trim().length === 128) text = `04${text.trim()}`
  const key = parsePublicKeyHex(text)
  if (typeof key === 'string')
    throw new SeiError('BAD_KEY', `${what} "${value}": ${key}`, {
      exit: ExitCode.invalidInput,
      actions: ['Pass the signer key as `sei pubkey` prints it (04…, 130 hex characters), or a file holding it.'],
    })
  return key
}

/**
 * The trust root from `--key` values (hex or a file, repeatable) and SEI_TRUSTED_KEYS (hex keys or
 * key files, comma- or whitespace-separated); undefined when neither names a key (unpinned).
 * A value that is not a key is a usage error (exit 2), never a silently smaller trust root.
 */
export function trustRootOf(
  flagKeys: readonly string[] | undefined,
  env: Record<string, string | undefined> = process.env,
): TrustRoot | undefined {
  const keys: Uint8Array[] = []
  for (const k of flagKeys ?? []) keys.push(keyFrom(k, '--key'))
  for (const k of (env.SEI_TRUSTED_KEYS ?? '').split(/[\s,]+/).filter(Boolean))
    keys.push(keyFrom(k, 'SEI_TRUSTED_KEYS entry'))
  if (keys.length === 0) return undefined
  const keyids = keys.map(keyIdOf)
  return {keys, keyids}
}

export type SigningDecision = {rotation?: {old: string; new: string}}

/**
 * The one rule for every command that signs (run, reconstruct --out, conformance --out): a signer
 * outside a given trust root is refused; a signer other than the repository's key is a key rotation,
 * which the caller announces (run) or refuses (a report cannot re-sign the bundle it sits beside).
 */
export function signingDecision(
  signerKey: Uint8Array,
  repoKey: Uint8Array | undefined,
  trust: TrustRoot | undefined,
  signerId: string,
): SigningDecision {
  const id = keyIdOf(signerKey)
  if (trust && !trust.keyids.includes(id)) {
    throw new SeiError(
      'SIGNER_NOT_TRUSTED',
      `the signer "${signerId}" has key ${publicKeyHex(signerKey)} (keyid ${id.slice(0, 16)}…), ` +
        'which is outside the trust root (--key / SEI_TRUSTED_KEYS): nothing signed',
      {
        exit: ExitCode.invalidInput,
        actions: [
          'Sign with a trusted key (SEI_SIGNING_BACKEND, SEI_SIGNING_KEY), ' +
            'or add this key to the trust root if the rotation is intended.',
        ],
      },
    )
  }
  if (repoKey && keyIdOf(repoKey) !== id) return {rotation: {old: publicKeyHex(repoKey), new: publicKeyHex(signerKey)}}
  return {}
}

/**
 * `sei run`'s side of the signing rule: the repository's key is the committed bundle's (PUBKEY.txt
 * at HEAD, `committedKey`), else the work tree's; a signer other than it is a rotation the caller
 * announces before signing; a signer outside the trust root (`keys`, SEI_TRUSTED_KEYS) is refused.
 */
export async function runSigningRule(
  signer: {id: string; publicKey(): Promise<Uint8Array>},
  repo: {committedKey?: Buffer; workTreeKey?: Uint8Array},
  options: {keys?: readonly string[]; env?: Record<string, string | undefined>},
): Promise<SigningDecision> {
  const committed = repo.committedKey ? parsePublicKeyHex(repo.committedKey.toString('latin1')) : undefined
  const repoKey = committed instanceof Uint8Array ? committed : repo.workTreeKey
  let key: Uint8Array
  try {
    key = await signer.publicKey()
  } catch (error) {
    // Asked before the pipeline runs: a signer that cannot answer stops the run before minutes are spent.
    throw signerFailed(signer.id, error, '; no evidence written')
  }
  return signingDecision(key, repoKey, trustRootOf(options.keys, options.env ?? process.env), signer.id)
}
