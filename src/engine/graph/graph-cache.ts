import {createHash} from 'node:crypto'
import {readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import type {InputGraph, ReproduceContext, Reproducer} from '@sei/sdk'
import {writeCacheFile} from '../cache-file.js'
import {codeIdentity} from '../code-identity.js'
import {canonicalJson} from '../canonical/index.js'
import {pluginOrigin} from '../plugins/index.js'

// Start-up of the CI gate: a reproducer parses the tool's files (dvc.yaml, dvc.lock, params, pointers)
// with its own libraries on every status. The graph it returned is kept in the CLI cache dir, keyed by
// the plugin's code, the pipeline options and the repository, and reused while every file it says it
// read (`sources`) has the same size, mtime, ctime and inode, as the stat cache judges file digests.

const FORMAT = 1
// A file changed this close to when the entry was written may change again within one mtime tick.
const RACY_NS = 2_000_000_000n

type Entry = {format: number; writtenNs: string; stamps: Record<string, string>; graph: InputGraph}

function stamp(root: string, rel: string): string {
  try {
    const st = statSync(join(root, rel), {bigint: true})
    return `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}`
  } catch {
    return 'absent'
  }
}

function entryPath(cacheDir: string, reproducer: Reproducer, pipeline: object, root: string): string | undefined {
  const origin = pluginOrigin(reproducer)
  if (!origin) return undefined
  const code = codeIdentity(
    `sei-graph-cache ${FORMAT} ${origin.plugin}@${origin.version}`,
    [join(origin.root, 'lib'), join(origin.root, 'lib', 'hooks')],
    [join(origin.root, 'package.json')],
  )
  const key = createHash('sha256')
    .update(`${code}\0${root}\0${canonicalJson(pipeline)}`)
    .digest('hex')
  return join(cacheDir, 'graphs', `${key}.json`)
}

function trusted(entry: Entry, root: string): boolean {
  const written = BigInt(entry.writtenNs)
  for (const [rel, was] of Object.entries(entry.stamps)) {
    if (stamp(root, rel) !== was) return false
    if (was === 'absent') continue
    const [, mtime, ctime] = was.split(':').map((n) => BigInt(n))
    if (mtime + RACY_NS > written || ctime + RACY_NS > written) return false
  }
  return true
}

/** The reproducer's graph: from the cache while its sources are unchanged, else from `inputs` (then cached). */
export async function cachedInputs(
  reproducer: Reproducer & {inputs: NonNullable<Reproducer['inputs']>},
  pipeline: ReproduceContext['pipeline'],
  root: string,
  cacheDir?: string,
): Promise<InputGraph> {
  const path = cacheDir ? entryPath(cacheDir, reproducer, pipeline, root) : undefined
  if (path) {
    try {
      const entry = JSON.parse(readFileSync(path, 'utf8')) as Entry
      if (entry.format === FORMAT && trusted(entry, root)) return entry.graph
    } catch {
      // no entry, or unreadable: ask the reproducer
    }
  }
  const writtenNs = BigInt(Date.now()) * 1_000_000n
  const graph = await reproducer.inputs(pipeline, root)
  if (path && graph.sources) {
    const stamps = Object.fromEntries(graph.sources.map((rel) => [rel, stamp(root, rel)]))
    const text = JSON.stringify({format: FORMAT, writtenNs: String(writtenNs), stamps, graph})
    // Only values JSON keeps exactly (a params value of .inf would not come back the same).
    if (canonicalJson(JSON.parse(text).graph) === canonicalJson(graph)) writeCacheFile(path, text)
  }
  return graph
}
