import {createHash} from 'node:crypto'
import {readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {writeCacheFile} from '../cache-file.js'
import {type EnvironmentFingerprint, environmentPath, scanEnvironment} from './fingerprint.js'

// Start-up of the CI gate: reading every distribution's metadata costs ~20 ms on a venv of 200 packages,
// and a non-venv interpreter must even be started to learn its path. The fingerprint is kept in the CLI
// cache dir and reused while the directories it was read from are unchanged: installing, upgrading or
// removing a distribution adds or removes a `*.dist-info` entry, which changes its directory's mtime.

const FORMAT = 1
// A directory changed this close to when the entry was written may change again within one mtime tick.
const RACY_NS = 2_000_000_000n

type Entry = {
  format: number
  python: string
  writtenNs: string
  stamps: Record<string, string>
  fingerprint: EnvironmentFingerprint
}

function stamp(path: string): string {
  try {
    const st = statSync(path, {bigint: true})
    return `${st.mtimeNs}:${st.ctimeNs}:${st.ino}:${st.size}`
  } catch {
    return 'absent'
  }
}

function trusted(entry: Entry, written: bigint): boolean {
  for (const [path, was] of Object.entries(entry.stamps)) {
    if (stamp(path) !== was) return false
    if (was === 'absent') continue
    const [mtime, ctime] = was.split(':').map((n) => BigInt(n))
    if (mtime + RACY_NS > written || ctime + RACY_NS > written) return false
  }
  return true
}

/** environmentFingerprint(python), from the cache while the environment's directories are unchanged. */
export function cachedFingerprint(python: string, cacheDir?: string): EnvironmentFingerprint {
  const key = createHash('sha256').update(python).digest('hex')
  const file = cacheDir ? join(cacheDir, 'environments', `${key}.json`) : undefined
  if (file) {
    try {
      const entry = JSON.parse(readFileSync(file, 'utf8')) as Entry
      const current = entry.format === FORMAT && entry.python === python
      if (current && trusted(entry, BigInt(entry.writtenNs))) return entry.fingerprint
    } catch {
      // no entry, or unreadable: read the environment
    }
  }
  const writtenNs = BigInt(Date.now()) * 1_000_000n
  const path = environmentPath(python)
  // Stamped before the scan: an install during it leaves a stamp that no longer matches.
  const stamps = Object.fromEntries([...new Set(path.watch)].map((p) => [p, stamp(p)]))
  const {fingerprint} = scanEnvironment(python, path)
  if (file) {
    const entry: Entry = {format: FORMAT, python, writtenNs: String(writtenNs), stamps, fingerprint}
    writeCacheFile(file, JSON.stringify(entry))
  }
  return fingerprint
}
