import {createHash} from 'node:crypto'
import {readdirSync, readFileSync, rmSync, statSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {writeCacheFile} from '../cache-file.js'
import {cliDirs} from '../cli-dirs.js'
import {codeIdentity, yamlFiles} from '../code-identity.js'
import {manifestSchemaPath} from './json-schema.js'
import type {Manifest} from './schema.js'

// Start-up of the CI gate: parsing and validating sei.yaml costs about 30 ms (the yaml library and the
// located validator) on every status, run or compile, yet the manifest rarely changes between them. A
// manifest that validated cleanly is kept, as its parsed JSON, in the CLI's cache directory (never in
// the repository), keyed by the exact manifest bytes and by the validator itself (its code, the JSON
// Schema, the yaml library). Any change to either is a different key, so it is validated
// again; an entry that cannot be read or does not look right is ignored. Only clean results are
// kept: a manifest with problems is always analysed in full, so its errors stay located. Checks that
// depend on the checkout rather than the text (paths through symlinks) run on every load (load.ts).

const FORMAT = 1
/** Oldest entries beyond this many are removed when a new one is written. */
const MAX_ENTRIES = 64

let validatorId: string | undefined

/** Identity of the validator of this installation: its compiled code, its JSON Schema and the yaml library. */
function validator(): string {
  if (validatorId) return validatorId
  // The manifest modules and the start-up fast path's bundle of them (scripts/bundle-fast-path.js), so
  // that sei started either way computes the same key, and a rebuild of either changes it.
  const root = dirname(dirname(manifestSchemaPath()))
  validatorId = codeIdentity(
    `sei-manifest-cache ${FORMAT}`,
    [import.meta.dirname, join(root, 'lib', 'src', 'engine', 'manifest'), join(root, 'lib', 'fast')],
    [manifestSchemaPath(), ...yamlFiles(import.meta.dirname)],
  )
  return validatorId
}

function entryPath(file: string, text: string): string {
  const key = createHash('sha256')
    .update(validator())
    .update('\0')
    .update(file)
    .update('\0')
    .update(text, 'utf8')
    .digest('hex')
  return join(cliDirs().cacheDir, 'manifests', `${key}.json`)
}

/**
 * True when JSON.stringify then JSON.parse gives back exactly this value (no NaN, ±Infinity, -0, undefined,
 * class instances…).
 */
function jsonExact(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0)
  if (Array.isArray(value)) return value.every((v) => jsonExact(v))
  if (typeof value !== 'object') return false
  if (Object.getPrototypeOf(value) !== Object.prototype) return false
  return Object.entries(value as object).every(([k, v]) => k !== '__proto__' && jsonExact(v))
}

/** The validated manifest of exactly this text, when a previous clean validation is cached. */
export function cachedManifest(file: string, text: string): Manifest | undefined {
  try {
    const entry = JSON.parse(readFileSync(entryPath(file, text), 'utf8')) as {
      format?: unknown
      file?: unknown
      manifest?: unknown
    }
    const m = entry?.manifest
    if (entry.format !== FORMAT || entry.file !== file || m === null || typeof m !== 'object' || Array.isArray(m))
      return undefined
    return m as Manifest
  } catch {
    return undefined
  }
}

/**
 * Remembers a manifest that validated without problems. Atomic (a temp file renamed over the entry) but
 * not fsynced: a cache entry lost or torn by a crash is only ignored. Never fails the command.
 */
export function rememberManifest(file: string, text: string, manifest: Manifest): void {
  if (!jsonExact(manifest)) return
  const path = entryPath(file, text)
  if (!writeCacheFile(path, JSON.stringify({format: FORMAT, file, manifest}))) return
  try {
    prune(dirname(path))
  } catch {
    // an entry that cannot be pruned is only kept
  }
}

function prune(dir: string): void {
  const entries = readdirSync(dir).filter((n) => n.endsWith('.json'))
  if (entries.length <= MAX_ENTRIES) return
  const aged = entries.map((n) => ({n, t: statSync(join(dir, n)).mtimeMs})).sort((a, b) => a.t - b.t)
  for (const {n} of aged.slice(0, entries.length - MAX_ENTRIES)) rmSync(join(dir, n), {force: true})
}
