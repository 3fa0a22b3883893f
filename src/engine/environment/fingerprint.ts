import {childProcess} from '../child-process.js'
import {closeSync, existsSync, openSync, readFileSync, readSync, readdirSync, statSync} from 'node:fs'
import {dirname, isAbsolute, join} from 'node:path'
import {sha256Hex} from '../digest/index.js'

/**
 * A fast fingerprint of a Python environment: the interpreter's version and every installed
 * distribution (name → version), read from the `*.dist-info` / `*.egg-info` metadata on the
 * environment's path. For a virtual environment (pyvenv.cfg, no system site-packages) no Python runs.
 */
export type EnvironmentFingerprint = {
  python: string
  /** The interpreter's version (`3.11.2`), when known. */
  python_version?: string
  /** Normalised name (PEP 503) → {name as its metadata spells it, version}; sorted by key. */
  packages: Record<string, {name: string; version: string}>
}

/** A component of a BOM summary, as far as an environment comparison needs it. */
type ComponentLike = {name?: string; version?: string; type?: string; purl?: string}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** PEP 503 normalisation: `Scikit_Learn` and `scikit.learn` are the distribution `scikit-learn`. */
export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-')
}

function readHead(path: string, bytes = 16384): string {
  const fd = openSync(path, 'r')
  try {
    const buf = Buffer.alloc(bytes)
    const n = readSync(fd, buf, 0, bytes, 0)
    return buf.subarray(0, n).toString('utf8')
  } finally {
    closeSync(fd)
  }
}

/** Name and Version of core metadata (RFC 822 headers, before the first blank line). */
export function metadataHeaders(text: string): {name?: string; version?: string} {
  const out: {name?: string; version?: string} = {}
  for (const line of text.split(/\r?\n/)) {
    if (line === '') break
    const m = /^(Name|Version):\s*(.*?)\s*$/i.exec(line)
    if (!m) continue
    if (m[1].toLowerCase() === 'name') out.name ??= m[2]
    else out.version ??= m[2]
  }
  return out
}

/** The distribution an `.dist-info` / `.egg-info` entry describes, or undefined when it has no usable metadata. */
function distribution(dir: string, entry: string, stamps: string[]): {name: string; version: string} | undefined {
  const path = join(dir, entry)
  const candidates = entry.endsWith('.dist-info') ? [join(path, 'METADATA')] : [join(path, 'PKG-INFO'), path]
  for (const file of candidates) {
    try {
      const st = statSync(file)
      if (!st.isFile()) continue
      stamps.push(`${file}\0${st.size}\0${st.mtimeMs}`)
      const {name, version} = metadataHeaders(readHead(file))
      if (name && version) return {name, version}
    } catch {
      // not this candidate
    }
  }
  return undefined
}

function parseCfg(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([^=#]+?)\s*=\s*(.*?)\s*$/.exec(line)
    if (m) out[m[1].toLowerCase()] = m[2]
  }
  return out
}

/** site-packages of a venv prefix (lib/pythonX.Y/site-packages, lib64 too). */
function venvSitePackages(prefix: string): string[] {
  const out: string[] = []
  for (const lib of ['lib', 'lib64']) {
    let entries: string[]
    try {
      entries = readdirSync(join(prefix, lib))
    } catch {
      continue
    }
    for (const e of entries.sort()) {
      const dir = join(prefix, lib, e, 'site-packages')
      if (/^python\d/.test(e) && existsSync(dir)) out.push(dir)
    }
  }
  return out
}

/**
 * The directories the interpreter imports from, and its version: from pyvenv.cfg when it can, else from
 * Python. `watch`: the paths whose change can change the answer (a cache compares their stamps).
 */
export function environmentPath(python: string): {dirs: string[]; version?: string; watch: string[]} {
  const prefix = dirname(dirname(python))
  const cfgFile = join(prefix, 'pyvenv.cfg')
  if (existsSync(cfgFile)) {
    const cfg = parseCfg(readFileSync(cfgFile, 'utf8'))
    if ((cfg['include-system-site-packages'] ?? 'false').toLowerCase() !== 'true') {
      // uv writes version_info = 3.11.2, venv version = 3.11.2, virtualenv version_info = 3.11.2.final.0
      const version = /^\d+\.\d+(\.\d+)?/.exec(cfg.version_info ?? cfg.version ?? '')?.[0]
      const dirs = venvSitePackages(prefix)
      return {dirs, version, watch: [cfgFile, join(prefix, 'lib'), join(prefix, 'lib64'), ...dirs]}
    }
  }
  const script = 'import json, sys; print(json.dumps([sys.version.split()[0], sys.path]))'
  const out = childProcess().execFileSync(python, ['-c', script], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    timeout: 30e3,
  })
  const [version, path] = JSON.parse(out) as [string, string[]]
  const candidates = path.filter((p) => isAbsolute(p))
  // An absent entry (a user site-packages not made yet) is watched too: its creation changes the answer.
  const dirs = candidates.filter((p) => existsSync(p) && statSync(p).isDirectory())
  return {dirs, version, watch: [python, cfgFile, ...candidates]}
}

/** The fingerprint of the environment `python` runs in (the first distribution of a name wins, as in importlib). */
export function environmentFingerprint(python: string): EnvironmentFingerprint {
  return scanEnvironment(python).fingerprint
}

/**
 * The fingerprint and, for caches, a stamp per metadata file read (path, size, mtime): any install,
 * upgrade, reinstall or removal changes the stamps, even one that keeps every version.
 */
export function scanEnvironment(
  python: string,
  path = environmentPath(python),
): {fingerprint: EnvironmentFingerprint; stamps: string[]} {
  const {dirs, version} = path
  const stamps: string[] = []
  const found = new Map<string, {name: string; version: string}>()
  for (const dir of dirs) {
    let entries: string[]
    try {
      entries = readdirSync(dir)
    } catch {
      continue
    }
    for (const entry of entries.sort()) {
      if (!entry.endsWith('.dist-info') && !entry.endsWith('.egg-info')) continue
      const dist = distribution(dir, entry, stamps)
      if (!dist) continue
      const key = normaliseName(dist.name)
      if (!found.has(key)) found.set(key, dist)
    }
  }
  const packages = Object.fromEntries([...found.entries()].sort(([a], [b]) => byCodeUnit(a, b)))
  return {fingerprint: {python, ...(version ? {python_version: version} : {}), packages}, stamps}
}

/** `sha256:<hex>` of the fingerprint's content (interpreter version and name → version; not the path). */
export function fingerprintDigest(fp: EnvironmentFingerprint): string {
  const packages = Object.entries(fp.packages).map(([k, v]) => [k, v.version])
  const content = {python_version: fp.python_version ?? null, packages}
  return `sha256:${sha256Hex(JSON.stringify(content))}`
}

/**
 * What changed from one environment to the next, one line per package, named with both versions
 * ("scikit-learn 1.5.2 → 1.6.1", "added fairlearn 0.13.0", "removed numba 0.60.0"), the interpreter first.
 * A fingerprint without a python_version (one made from a BOM) does not compare the interpreter.
 */
export function diffFingerprints(before: EnvironmentFingerprint, after: EnvironmentFingerprint): string[] {
  const lines: string[] = []
  const [was, now] = [before.python_version, after.python_version]
  if (was && now && was !== now) lines.push(`python ${was} → ${now}`)
  const keys = [...new Set([...Object.keys(before.packages), ...Object.keys(after.packages)])].sort(byCodeUnit)
  for (const key of keys) {
    const a = before.packages[key]
    const b = after.packages[key]
    if (a && b && a.version !== b.version) lines.push(`${b.name} ${a.version} → ${b.version}`)
    else if (!a && b) lines.push(`added ${b.name} ${b.version}`)
    else if (a && !b) lines.push(`removed ${a.name} ${a.version}`)
  }
  return lines
}

/**
 * What changed in the pipeline's environment since the signed bundle's SBOM: one line per package, both
 * versions named (the seam for Drift B of an `env` input: the lock says that it changed, this says how).
 */
export function environmentDrift(bom: {components?: ComponentLike[]} | null | undefined, python: string): string[] {
  return diffFingerprints(fingerprintOfComponents(bom?.components ?? []), environmentFingerprint(python))
}

/**
 * The packages of a BOM summary (the bundle's `bom.components`) as a fingerprint, to diff against the
 * environment now: PyPI packages, and libraries without a purl (installed from a local archive or
 * path, which cyclonedx-py rightly gives no pypi purl); models and other components are not packages.
 */
export function fingerprintOfComponents(components: ComponentLike[], python = ''): EnvironmentFingerprint {
  const packages: EnvironmentFingerprint['packages'] = {}
  for (const c of components) {
    const isPackage = c.purl ? c.purl.startsWith('pkg:pypi/') : c.type === 'library'
    if (!c.name || !c.version || !isPackage) continue
    packages[normaliseName(c.name)] ??= {name: c.name, version: c.version}
  }
  return {python, packages: Object.fromEntries(Object.entries(packages).sort(([a], [b]) => byCodeUnit(a, b)))}
}
