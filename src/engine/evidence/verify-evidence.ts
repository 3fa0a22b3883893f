import {existsSync, readFileSync} from 'node:fs'
import {readdir, readFile} from 'node:fs/promises'
import {join, relative, sep} from 'node:path'
import {ExitCode, SeiError} from '../errors.js'
import {FAMILIES, type Family} from '../manifest/families.js'
import {findManifest} from '../manifest/load.js'
import {repoFile} from '../repo/index.js'
import {keyIdOf, parsePublicKeyHex, verifyEnvelope} from './dsse.js'

export type FileVerification = {file: string; valid: boolean; reason?: string}
export type EvidenceVerification = {valid: boolean; family: Family['name']; evidenceDir: string; keyid: string; keySource: 'pinned' | 'PUBKEY.txt'; files: FileVerification[]}

/** The evidence directory of a repository: the manifest's family first, else the first that exists. */
function evidenceFamily(root: string): Family {
  const byManifest = findManifest(root)
  if (byManifest && existsSync(join(root, byManifest.evidenceDir))) return byManifest
  return FAMILIES.find((f) => existsSync(join(root, f.evidenceDir))) ?? byManifest ?? FAMILIES[0]
}

async function readKey(text: string, what: string): Promise<Uint8Array> {
  const key = parsePublicKeyHex(text)
  if (typeof key === 'string') throw new SeiError('BAD_KEY', `${what}: ${key}`, {exit: ExitCode.invalidInput, actions: ['Pass the signer key as printed by `sei pubkey`.']})
  return key
}

async function signedFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, {recursive: true, withFileTypes: true})
  return entries.filter((e) => e.isFile() && e.name.endsWith('.sig')).map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/').slice(0, -4)).sort()
}

/**
 * Verifies the bundle's signature (or, with `all`, every `X` with an `X.sig` under the evidence dir)
 * against a pinned key (`key`: hex or a file holding it) or the repository's PUBKEY.txt.
 * A pinned key that differs from PUBKEY.txt makes the result invalid.
 */
export async function verifyEvidence(root: string, options: {key?: string; all?: boolean} = {}): Promise<EvidenceVerification> {
  const family = evidenceFamily(root)
  const dir = repoFile(root, family.evidenceDir)
  const bundle = join(dir, 'bundle.json')
  if (!existsSync(bundle) || !existsSync(`${bundle}.sig`)) {
    throw new SeiError('NO_EVIDENCE', `no signed bundle at ${family.evidenceDir}/bundle.json(.sig): \`sei run\` has not been executed`, {exit: ExitCode.failed, actions: ['Run `sei run` to produce and sign the evidence bundle.']})
  }
  const pubkeyFile = repoFile(root, `${family.evidenceDir}/PUBKEY.txt`)
  const repoKey = existsSync(pubkeyFile) ? await readKey(await readFile(pubkeyFile, 'utf8'), `${family.evidenceDir}/PUBKEY.txt`) : undefined
  let trusted: Uint8Array
  let keySource: EvidenceVerification['keySource'] = 'PUBKEY.txt'
  if (options.key) {
    const text = /^(04)?[0-9a-fA-F]{128}$/.test(options.key.trim()) ? options.key : await readFile(options.key, 'utf8').catch(() => {
      throw new SeiError('BAD_KEY', `--key ${options.key}: neither 130 hex characters nor a readable file`, {exit: ExitCode.invalidInput})
    })
    trusted = await readKey(text, '--key')
    keySource = 'pinned'
  } else if (repoKey) {
    trusted = repoKey
  } else {
    throw new SeiError('NO_PUBKEY', `no ${family.evidenceDir}/PUBKEY.txt and no --key`, {exit: ExitCode.failed, actions: ['Pin the signer key with `--key HEX`, or run `sei run` to write PUBKEY.txt.']})
  }
  const keyid = keyIdOf(trusted)
  const names = options.all ? await signedFiles(dir) : ['bundle.json']
  const files: FileVerification[] = []
  if (repoKey && keyIdOf(repoKey) !== keyid) files.push({file: 'PUBKEY.txt', valid: false, reason: 'the pinned key differs from PUBKEY.txt'})
  for (const name of names) {
    const path = repoFile(root, `${family.evidenceDir}/${name}`)
    repoFile(root, `${family.evidenceDir}/${name}.sig`)
    if (!existsSync(path)) {
      files.push({file: name, valid: false, reason: `${name}.sig has no ${name}`})
      continue
    }
    // Synchronous reads: with --all, the promise API's four thread-pool hops per file cost more than the check.
    const outcome = verifyEnvelope(readFileSync(`${path}.sig`, 'utf8'), readFileSync(path), name, trusted)
    files.push(outcome.valid ? {file: name, valid: true} : {file: name, valid: false, reason: outcome.reason})
  }
  return {valid: files.every((f) => f.valid), family: family.name, evidenceDir: family.evidenceDir, keyid, keySource, files}
}
