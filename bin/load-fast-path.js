// Loads the start-up fast path (lib/fast/fast-path.cjs, scripts/bundle-fast-path.js) with a V8 code cache made
// after a run. Node's own compile cache is written right after compiling, before any code runs: it holds the top
// level only, and the functions a command calls are compiled again on every start (about 11 ms of `sei status`,
// 15 % of its CPU time). A cache written when a command's second run exits holds them too (ADR 0012). It lives
// in the CLI's cache dir (private to the user: V8 runs what a code cache holds without question), one per
// command (each calls other functions), named after the Node version and the bundle's identity, so a rebuild or
// an upgrade never meets a stale one; V8 refuses one it cannot use, and it is then written again.
import {existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs'
import Module, {createRequire} from 'node:module'
import {dirname, join} from 'node:path'
import vm from 'node:vm'
import {writeCacheFile} from '../lib/src/engine/cache-file.js'
import {cliDirs} from '../lib/src/engine/cli-dirs.js'

const PREFIX = 'fast-path-'

function cacheFileOf(bundle, command) {
  // The bundle's file identity (device, inode, size, modification time) with the Node that compiles it.
  const st = statSync(bundle)
  const id = `${process.version}-${process.arch}-${st.dev}-${st.ino}-${st.size}-${Math.round(st.mtimeMs * 1000)}`
  const word = (command ?? '').replace(/^-+/, '')
  const which = /^[a-z][a-z-]{0,30}$/.test(word) ? word : 'other'
  return {dir: join(cliDirs().cacheDir, 'code'), build: `${PREFIX}${id}-`, name: `${PREFIX}${id}-${which}.bin`}
}

function readCache(file) {
  try {
    return readFileSync(file)
  } catch {
    return undefined
  }
}

/** Writes the code cache and removes older builds' caches. Runs on exit: nothing may throw (a failure costs speed). */
function writeCache({dir, build, name}, script) {
  if (!writeCacheFile(join(dir, name), script.createCachedData())) return
  try {
    for (const other of readdirSync(dir))
      if (other.startsWith(PREFIX) && !other.startsWith(build)) rmSync(join(dir, other), {force: true})
  } catch {
    // an older cache that cannot be removed is only left behind
  }
}

/**
 * Was this command run before with this build? The cache is written by its second run: a cache dir used once
 * (a throw-away CI or test environment) never pays for 0.5 MB it would not read.
 */
function seenBefore({dir, name}) {
  const marker = join(dir, `${name}.seen`)
  if (existsSync(marker)) return true
  try {
    mkdirSync(dir, {recursive: true})
    writeFileSync(marker, '')
  } catch {
    // read-only cache dir: no code cache either
  }
  return false
}

/** The fast path's exports ({fastPath}), or undefined when the bundle is not built. */
export function loadFastPath(bundle, command) {
  let source
  try {
    source = readFileSync(bundle, 'utf8')
  } catch {
    return undefined
  }
  const where = cacheFileOf(bundle, command)
  const cached = readCache(join(where.dir, where.name))
  // The bundle holds no import() (scripts/bundle-fast-path.js): vm.Script's dynamic imports are experimental.
  const script = new vm.Script(Module.wrap(source), {filename: bundle, cachedData: cached})
  if (script.cachedDataRejected || (!cached && seenBefore(where))) process.once('exit', () => writeCache(where, script))
  const module = {exports: {}}
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle))
  return module.exports
}
