import {existsSync, readFileSync, statSync} from 'node:fs'
import {readdir} from 'node:fs/promises'
import {basename, join, relative, resolve, sep} from 'node:path'
import {ExitCode, SeiError} from '../errors.js'
import {FAMILIES, type Family, findManifest} from '../manifest/index.js'
import {repoFile, resolveInside} from '../repo/index.js'
import {noBundle} from './current-bundle.js'
import {type Envelope, keyIdOf, verifyEnvelope} from './dsse.js'
import {trustRootOf} from './trust.js'

export type FileVerification = {file: string; valid: boolean; reason?: string}
export type EvidenceVerification = {
  valid: boolean
  family: Family['name']
  evidenceDir: string
  /** The key that verified the bundle (or, when none did, the first key trusted); '' when no key could be trusted. */
  keyid: string
  /**
   * pinned: a trust root given outside the repository (--key, SEI_TRUSTED_KEYS);
   * PUBKEY.txt: the repository's own key.
   */
  keySource: 'pinned' | 'PUBKEY.txt'
  /** Every keyid trusted for this check. */
  trusted: string[]
  files: FileVerification[]
}

/** The evidence directory of a repository: the manifest's family first, else the first that exists. */
export function evidenceFamily(root: string): Family {
  const byManifest = findManifest(root)
  if (byManifest && existsSync(join(root, byManifest.evidenceDir))) return byManifest
  return FAMILIES.find((f) => existsSync(join(root, f.evidenceDir))) ?? byManifest ?? FAMILIES[0]
}

// PUBKEY.txt as written (130 lowercase hex and a newline): any other byte is a corruption, not a key.
const PUBKEY_TEXT = /^(04[0-9a-f]{128})\n$/

/**
 * The repository's key, or why PUBKEY.txt holds none (absent: undefined).
 * Never throws: a corrupted file is evidence that fails.
 */
export function readRepositoryKey(file: string): Uint8Array | string | undefined {
  if (!existsSync(file)) return undefined
  let text: string
  try {
    text = readFileSync(file, 'latin1')
  } catch (error) {
    return `is not a readable file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`
  }
  const m = PUBKEY_TEXT.exec(text)
  if (!m) return 'is not a public key (130 lowercase hex characters starting with 04, then a newline)'
  return Buffer.from(m[1], 'hex')
}

async function signedFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, {recursive: true, withFileTypes: true})
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.sig'))
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/').slice(0, -4))
    .sort()
}

function readOrReason(path: string, name: string): Buffer | string {
  try {
    return readFileSync(path)
  } catch (error) {
    return `${name} is not a readable file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`
  }
}

/** The keyids an envelope names, when it is one (a corrupted one names none). */
function envelopeKeyids(text: string): string[] {
  try {
    const e = JSON.parse(text) as Envelope
    return Array.isArray(e?.signatures)
      ? e.signatures.map((s) => s?.keyid).filter((k): k is string => typeof k === 'string')
      : []
  } catch {
    return []
  }
}

/** Checks one signed file against every trusted key: the key its envelope names first. */
function verifyFile(dir: string, name: string, trusted: Uint8Array[]): FileVerification & {keyid?: string} {
  const path = join(dir, name)
  if (!existsSync(path)) return {file: name, valid: false, reason: `${name}.sig has no ${name}`}
  const sig = readOrReason(`${path}.sig`, `${name}.sig`)
  if (typeof sig === 'string') return {file: name, valid: false, reason: sig}
  const bytes = readOrReason(path, name)
  if (typeof bytes === 'string') return {file: name, valid: false, reason: bytes}
  if (trusted.length === 0) return {file: name, valid: false, reason: 'no trusted key to check it against'}
  // Synchronous reads: with --all, the promise API's four thread-pool hops per file cost more than the check.
  const text = sig.toString('utf8')
  const named = envelopeKeyids(text)
  const ordered = [...trusted].sort((a, b) => Number(named.includes(keyIdOf(b))) - Number(named.includes(keyIdOf(a))))
  const outcome = verifyEnvelope(text, bytes, name, ordered[0])
  if (outcome.valid) return {file: name, valid: true, keyid: outcome.keyid}
  for (const key of ordered.slice(1)) {
    const other = verifyEnvelope(text, bytes, name, key)
    if (other.valid) return {file: name, valid: true, keyid: other.keyid}
  }
  const outside = named.length > 0 && !trusted.some((k) => named.includes(keyIdOf(k)))
  return {
    file: name,
    valid: false,
    reason: outside && trusted.length > 1 ? `signed by ${named[0]}, a key outside the trust root` : outcome.reason,
  }
}

type VerifyOptions = {keys?: readonly string[]; env?: Record<string, string | undefined>; all?: boolean}

/** Where the evidence to verify is: its folder, how outputs name it, the resolver that keeps reads inside. */
type EvidenceFolder = {
  family: Family['name']
  evidenceDir: string
  dir: string
  inside(rel: string): string
  noBundle(): SeiError
}

/**
 * Verifies the bundle's signature (or, with `all`, every `X` with an `X.sig` under the evidence dir)
 * against the trust root (`keys`: --key values, plus SEI_TRUSTED_KEYS of `env`) or, without one, the
 * repository's PUBKEY.txt. With a trust root, PUBKEY.txt naming any other key is invalid. A corrupted
 * PUBKEY.txt or signature file is an invalid result (exit 1), never an input error.
 */
export async function verifyEvidence(root: string, options: VerifyOptions = {}): Promise<EvidenceVerification> {
  return verifyFolder(options, () => {
    const family = evidenceFamily(root)
    return {
      family: family.name,
      evidenceDir: family.evidenceDir,
      dir: repoFile(root, family.evidenceDir),
      inside: (rel) => repoFile(root, `${family.evidenceDir}/${rel}`),
      noBundle: () => noBundle(family.evidenceDir),
    }
  })
}

/**
 * verifyEvidence for an exported evidence folder (a copy of `.sei/`) outside any repository, named in
 * outputs as given; a file linked out of the folder is refused as one linked out of a repository is.
 */
export async function verifyEvidenceFolder(folder: string, options: VerifyOptions = {}): Promise<EvidenceVerification> {
  return verifyFolder(options, () => {
    const dir = resolve(folder)
    if (!existsSync(dir) || !statSync(dir).isDirectory())
      throw new SeiError('EVIDENCE_DIR_MISSING', `${folder} is not a directory`, {
        exit: ExitCode.invalidInput,
        actions: ['Pass the exported evidence folder: the copy of .sei/ that holds bundle.json and bundle.json.sig.'],
      })
    const evidenceDir = folder.replace(/\/+$/, '') || '/'
    return {
      // The family only names the folder in outputs: an exported .froga/ says so, any other name is sei's.
      family: FAMILIES.find((f) => basename(dir) === f.evidenceDir)?.name ?? FAMILIES[0].name,
      evidenceDir,
      dir,
      inside: (rel) => resolveInside(dir, rel, `${evidenceDir}/${rel}`),
      noBundle: () =>
        new SeiError('NO_EVIDENCE', `no signed bundle at ${evidenceDir}/bundle.json(.sig)`, {
          exit: ExitCode.failed,
          actions: [
            "Pass the folder that holds bundle.json and bundle.json.sig (the repository's .sei/, copied whole).",
          ],
        }),
    }
  })
}

/** The check itself, wherever the folder is; `locate` runs after the trust root is read (its errors first). */
async function verifyFolder(options: VerifyOptions, locate: () => EvidenceFolder): Promise<EvidenceVerification> {
  const trust = trustRootOf(options.keys, options.env ?? process.env)
  const folder = locate()
  const {dir} = folder
  const bundle = join(dir, 'bundle.json')
  if (!existsSync(bundle) || !existsSync(`${bundle}.sig`)) throw folder.noBundle()
  const repoKey = readRepositoryKey(folder.inside('PUBKEY.txt'))
  const files: FileVerification[] = []
  let trusted: Uint8Array[]
  if (typeof repoKey === 'string') files.push({file: 'PUBKEY.txt', valid: false, reason: repoKey})
  if (trust) {
    trusted = trust.keys
    if (repoKey instanceof Uint8Array && !trust.keyids.includes(keyIdOf(repoKey)))
      files.push({
        file: 'PUBKEY.txt',
        valid: false,
        reason: `names key ${keyIdOf(repoKey)}, outside the trust root (--key / SEI_TRUSTED_KEYS)`,
      })
  } else if (repoKey instanceof Uint8Array) {
    trusted = [repoKey]
  } else {
    trusted = []
    if (repoKey === undefined)
      files.push({
        file: 'PUBKEY.txt',
        valid: false,
        reason: 'missing, and no trusted key given (--key / SEI_TRUSTED_KEYS)',
      })
  }
  const names = options.all ? await signedFiles(dir) : ['bundle.json']
  let keyid: string | undefined
  for (const name of names) {
    // Through the folder's resolver: a signed file or signature linked out of it is refused, unread.
    folder.inside(name)
    folder.inside(`${name}.sig`)
    const {keyid: verifiedBy, ...row} = verifyFile(dir, name, trusted)
    if (name === 'bundle.json' && verifiedBy) keyid = verifiedBy
    files.push(row)
  }
  const trustedIds = trusted.map(keyIdOf)
  return {
    valid: files.every((f) => f.valid),
    family: folder.family,
    evidenceDir: folder.evidenceDir,
    keyid: keyid ?? trustedIds[0] ?? '',
    keySource: trust ? 'pinned' : 'PUBKEY.txt',
    trusted: trustedIds,
    files,
  }
}

/**
 * The check `sei status` makes before it reports anything: the bundle's signature against the trust
 * root (or PUBKEY.txt); undefined when neither bundle nor signature was written yet (never run). A
 * bundle without its signature, or a signature without its bundle, is evidence that does not verify.
 */
export async function statusVerification(
  root: string,
  options: Omit<VerifyOptions, 'all'>,
): Promise<EvidenceVerification | undefined> {
  try {
    return await verifyEvidence(root, options)
  } catch (error) {
    if (!(error instanceof SeiError && error.code === 'NO_EVIDENCE')) throw error
    const family = evidenceFamily(root)
    const bundle = join(root, family.evidenceDir, 'bundle.json')
    const present = [bundle, `${bundle}.sig`].filter((f) => existsSync(f))
    if (present.length === 0) return undefined
    const missing = present[0] === bundle ? 'bundle.json.sig' : 'bundle.json'
    return {
      valid: false,
      family: family.name,
      evidenceDir: family.evidenceDir,
      keyid: '',
      keySource: trustRootOf(options.keys, options.env ?? process.env) ? 'pinned' : 'PUBKEY.txt',
      trusted: [],
      files: [{file: missing, valid: false, reason: 'missing'}],
    }
  }
}
