import {childProcess} from '../child-process.js'
import {mkdirSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {whichOnPath} from '@sei/sdk'
import {sha256Hex} from '../digest/index.js'
import {ExitCode, SeiError} from '../errors.js'
import {writeFileAtomic} from '../evidence/index.js'
import {scanEnvironment} from './fingerprint.js'

/** The file name of the SBOM in the evidence directory (signed like every other artefact). */
export const BOM_FILE = 'bom.cdx.json'
/** The CycloneDX release the SBOM is written in; the bundle's `bom.format_version` says it. */
export const BOM_SPEC_VERSION = '1.6'
const TOOL = 'cyclonedx-py'

/** One entry of the bundle's `bom.components`: the reference's summary of a component (FORMATS §3). */
export type BomComponentSummary = {
  name: string
  version?: string
  type: string
  purl?: string
  license?: string
  bom_ref?: string
}

type CdxLicense = {license?: {id?: string; name?: string}; expression?: string}
type CdxComponent = {
  name?: string
  version?: string
  type?: string
  purl?: string
  licenses?: CdxLicense[]
  'bom-ref'?: string
}
type CdxBom = {bomFormat?: string; specVersion?: string; components?: CdxComponent[]}

/**
 * The reference's summary of a CycloneDX BOM: one entry per top-level component, same order, duplicates
 * kept, description and the rest dropped. `license` is the first licence's name, as the reference
 * writes it; CycloneDX tools that know the SPDX id write `id` (or an `expression`) instead, taken then.
 * Keys in the reference's order: name, version, type, purl, license, bom_ref (absent ones left out).
 */
export function bomSummary(bom: CdxBom): BomComponentSummary[] {
  return (bom.components ?? []).map((c) => {
    const first = c.licenses?.[0]
    const license = first?.license?.name ?? first?.license?.id ?? first?.expression
    return {
      name: c.name ?? '',
      ...(c.version === undefined ? {} : {version: c.version}),
      type: c.type ?? 'library',
      ...(c.purl === undefined ? {} : {purl: c.purl}),
      ...(license === undefined ? {} : {license}),
      ...(c['bom-ref'] === undefined ? {} : {bom_ref: c['bom-ref']}),
    }
  })
}

export type GeneratedBom = {
  /** The BOM exactly as cyclonedx-py wrote it: these bytes are signed and digested. */
  bytes: Buffer
  sha256: string
  components: BomComponentSummary[]
  /** Which environment it describes (for the user and the results document). */
  environment: {python: string; description: string}
  tool: string
}

/** Says clearly, before the pipeline runs, that the SBOM tool is missing (exit 3). */
export function requireBomTool(env: Record<string, string | undefined>): string {
  const tool = whichOnPath(TOOL, env)
  if (tool) return tool
  const what = `${TOOL} is not on PATH: sei run writes a CycloneDX SBOM of the pipeline's Python environment with it`
  throw new SeiError('SBOM_TOOL_MISSING', `${what}; no evidence written`, {
    exit: ExitCode.environment,
    actions: [
      'Install the CycloneDX tool where sei finds it: `pip install cyclonedx-bom` in the environment on PATH ' +
        '(the project .venv gets it from scripts/python-requirements.txt: `npm run setup:python`).',
    ],
  })
}

export type BomRequest = {
  python: string
  description: string
  env: Record<string, string | undefined>
  cwd: string
  /** sei's CLI cache dir: an unchanged environment's BOM is taken from there instead of rerunning the tool. */
  cacheDir?: string
}

type Outcome = {stdout: Buffer; stderr: string; code: number}

function run(tool: string, argv: string[], request: BomRequest): Promise<Outcome> {
  const env = request.env as NodeJS.ProcessEnv
  const options = {cwd: request.cwd, env, encoding: 'buffer' as const, maxBuffer: 1 << 28}
  return new Promise((resolve) => {
    childProcess().execFile(tool, argv, options, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
      resolve({stdout, stderr: stderr.toString('utf8'), code})
    })
  })
}

/**
 * A CycloneDX 1.6 SBOM of the Python environment `python` runs in, by the CycloneDX project's own tool
 * (`cyclonedx-py environment`). Reproducible output (no timestamp, no random serial number): the same
 * environment gives the same bytes, so an unchanged environment leaves the bundle unchanged. The tool's
 * own schema validation is skipped (it costs ~40 s here); the tests validate against the official schema.
 */
export async function generateBom(request: BomRequest): Promise<GeneratedBom> {
  const tool = requireBomTool(request.env)
  const made = (bytes: Buffer, bom: CdxBom): GeneratedBom => ({
    bytes,
    sha256: sha256Hex(bytes),
    components: bomSummary(bom),
    environment: {python: request.python, description: request.description},
    tool,
  })
  const cached = request.cacheDir ? cacheFile(request.cacheDir, tool, request.python) : undefined
  const hit = cached && readCached(cached)
  if (hit) return made(hit.bytes, hit.bom)
  const argv = ['environment', request.python, '--of', 'JSON', '--sv', BOM_SPEC_VERSION, '--output-reproducible']
  argv.push('--no-validate', '-o', '-')
  const {stdout, stderr, code} = await run(tool, argv, request)
  const bom = code === 0 ? parseBom(stdout) : undefined
  if (!bom) {
    const outcome = code === 0 ? `did not write a CycloneDX ${BOM_SPEC_VERSION} BOM` : `failed (exit ${code})`
    throw new SeiError('SBOM_FAILED', `${TOOL} ${argv.join(' ')} ${outcome}; no evidence written`, {
      exit: ExitCode.environment,
      problems: stderr
        .split(/\r?\n/)
        .filter((l) => l.trim() !== '' && !/Validation skipped/.test(l))
        .slice(-8),
      actions: [
        `Check that ${request.python} is a working Python interpreter (${request.description})` +
          ` and that ${TOOL} ≥ 4 is installed.`,
      ],
    })
  }
  if (cached) {
    try {
      mkdirSync(join(cached, '..'), {recursive: true})
      await writeFileAtomic(cached, stdout)
    } catch {
      // a cache that cannot be written costs the next run the tool's time, nothing else
    }
  }
  return made(stdout, bom)
}

function parseBom(bytes: Buffer): CdxBom | undefined {
  try {
    const bom = JSON.parse(bytes.toString('utf8')) as CdxBom
    return bom.bomFormat === 'CycloneDX' && bom.specVersion === BOM_SPEC_VERSION ? bom : undefined
  } catch {
    return undefined
  }
}

/**
 * Where the BOM of an environment is kept between runs (the CLI cache dir, outside the repository):
 * keyed by the tool (path, size, mtime: an upgrade rewrites its script), the interpreter, and every
 * metadata file of the environment (path, size, mtime), which is all cyclonedx-py reads. An unchanged
 * environment costs a directory scan instead of a Python process; any install or upgrade misses.
 */
function cacheFile(cacheDir: string, tool: string, python: string): string | undefined {
  try {
    const {fingerprint, stamps} = scanEnvironment(python)
    const stat = (p: string) => {
      const st = statSync(p)
      return `${p}\0${st.size}\0${st.mtimeMs}`
    }
    const key = {v: 1, tool: stat(tool), python: stat(python), version: fingerprint.python_version ?? null, stamps}
    return join(cacheDir, 'sbom', `${sha256Hex(JSON.stringify(key))}.cdx.json`)
  } catch {
    return undefined // no cache when the environment cannot be scanned; cyclonedx-py says what is wrong
  }
}

function readCached(file: string): {bytes: Buffer; bom: CdxBom} | undefined {
  try {
    const bytes = readFileSync(file)
    const bom = parseBom(bytes)
    return bom && {bytes, bom}
  } catch {
    return undefined
  }
}
