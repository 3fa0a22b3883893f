import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {writeCacheFile} from '../cache-file.js'
import {cliDirs} from '../cli-dirs.js'
import {codeIdentity, yamlFiles} from '../code-identity.js'
import {manifestSchemaPath} from '../manifest/index.js'

// Start-up of the CI gate: status checks that the committed plan is what `sei compile` would write,
// which costs the OSCAL compiler and the yaml library on every run although the plan depends on the
// manifest alone. The sha256 of the compiled text is kept in the CLI cache dir (never the repository),
// keyed by the manifest bytes and the compiler's code; a lost or unreadable entry only costs a compile.

let compilerId: string | undefined

function entryPath(manifestText: string, planPath: string): string {
  if (!compilerId) {
    const root = dirname(dirname(manifestSchemaPath()))
    compilerId = codeIdentity(
      'sei-plan-cache 1',
      [import.meta.dirname, join(root, 'lib', 'src', 'engine', 'oscal'), join(root, 'lib', 'fast')],
      yamlFiles(import.meta.dirname),
    )
  }
  const key = createHash('sha256')
    .update(compilerId)
    .update('\0')
    .update(planPath)
    .update('\0')
    .update(manifestText, 'utf8')
    .digest('hex')
  return join(cliDirs().cacheDir, 'plans', `${key}.txt`)
}

/** `sha256:<hex>` of the plan this manifest compiles to, when a previous compile is cached. */
export function cachedPlanDigest(manifestText: string, planPath: string): string | undefined {
  try {
    const digest = readFileSync(entryPath(manifestText, planPath), 'utf8')
    return /^sha256:[0-9a-f]{64}$/.test(digest) ? digest : undefined
  } catch {
    return undefined
  }
}

/** Remembers the digest of a compiled plan (atomic rename; never fails the command). */
export function rememberPlanDigest(manifestText: string, planPath: string, digest: string): void {
  writeCacheFile(entryPath(manifestText, planPath), digest)
}
