import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import type {CommandCore} from './cli/core.js'
import type {FlagSpecs} from './cli/flags.js'
import {cliDirs} from './engine/cli-dirs.js'

// Start-up is a feature of a CI gate. Loading oclif (its index and the Config of 16 plugins) costs about
// 100 ms before any command runs. `sei --version`, `sei verify`, `sei status` (the CI gate) and `sei
// reconstruct` need none of it: no plugin but the bundled ones, whose hooks bundledHost fires. bin/run.js
// asks this module first. It runs those commands' cores (src/cli/cores) with the cores' own flag specs and
// output module, so what it prints is what the oclif adapter prints, and returns false for anything it does
// not parse plainly (help, other commands, unusual flag spellings, user plugins, DEBUG), which oclif then
// runs. SEI_NO_FAST_PATH=1 turns it off (test/packaging/fast-path.test.ts compares both ways).

const root = join(import.meta.dirname, '..', '..')

/** The commands served here: those whose plugins (if any) are the bundled ones. */
export const STARTUP_CORES: Record<string, () => Promise<{default: CommandCore<FlagSpecs, unknown>}>> = {
  status: () => import('./cli/cores/status.js') as never,
  verify: () => import('./cli/cores/verify.js') as never,
  reconstruct: () => import('./cli/cores/reconstruct.js') as never,
}

/** True when `sei plugins install|link` has added a user plugin: it could bring oclif hooks or commands. */
function hasUserPlugins(): boolean {
  const pjson = join(cliDirs('sei').dataDir, 'package.json')
  if (!existsSync(pjson)) return false
  try {
    const p = JSON.parse(readFileSync(pjson, 'utf8')) as {dependencies?: object; oclif?: {plugins?: unknown[]}}
    return Object.keys(p.dependencies ?? {}).length > 0 || (p.oclif?.plugins?.length ?? 0) > 0
  } catch {
    return true
  }
}

type Parsed = {json: boolean; flags: Record<string, string | boolean | string[] | undefined>}

/**
 * argv in the plain spellings only (`--name value`, `--name=value`, `-c value`, boolean `--name`), each flag
 * at most once unless repeatable, every required flag present, no positional argument; undefined sends the
 * invocation to oclif, which parses (and refuses) everything else.
 */
export function parsePlain(argv: string[], specs: FlagSpecs): Parsed | undefined {
  const flags: Parsed['flags'] = {}
  let json = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--json') {
      if (json) return undefined
      json = true
      continue
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1
    const name =
      eq > 0
        ? arg.slice(2, eq)
        : arg.startsWith('--')
          ? arg.slice(2)
          : Object.entries(specs).find(([, s]) => s.kind === 'string' && s.char && `-${s.char}` === arg)?.[0]
    const spec = name === undefined ? undefined : specs[name]
    if (!name || !spec || !Object.hasOwn(specs, name)) return undefined
    const repeatable = spec.kind === 'string' && spec.multiple
    if (Object.hasOwn(flags, name) && !repeatable) return undefined
    if (spec.kind === 'boolean') {
      if (eq > 0) return undefined
      flags[name] = true
      continue
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i]
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('-'))) return undefined
    if (repeatable) flags[name] = [...((flags[name] as string[] | undefined) ?? []), value]
    else flags[name] = value
  }
  for (const [name, spec] of Object.entries(specs)) {
    if (Object.hasOwn(flags, name)) continue
    if (spec.kind === 'boolean') flags[name] = false
    else if (spec.required) return undefined
    else flags[name] = spec.default
  }
  return {json, flags}
}

/** oclif's version line (`sei/0.1.0 linux-x64 node-v24…`), unless package.json asks oclif for more. */
function version(): boolean {
  const pjson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    name: string
    version: string
    oclif?: {additionalVersionFlags?: unknown}
  }
  if (pjson.oclif?.additionalVersionFlags) return false
  process.stdout.write(`${pjson.name}/${pjson.version} ${process.platform}-${process.arch} node-${process.version}\n`)
  return true
}

/** Runs argv here when it is one of the invocations above; false means: let oclif run it. */
export async function fastPath(argv: string[]): Promise<boolean> {
  if (process.env.SEI_NO_FAST_PATH || process.env.DEBUG || process.env.SEI_CONTENT_TYPE) return false
  if (!['linux', 'darwin'].includes(process.platform)) return false
  if (argv.includes('--') || argv.some((a) => a === '--help' || a === '-h') || hasUserPlugins()) return false
  if (argv.length === 1 && argv[0] === '--version') return version()
  const load = Object.hasOwn(STARTUP_CORES, argv[0] ?? '') ? STARTUP_CORES[argv[0]] : undefined
  if (!load) return false
  const {default: core} = await load()
  const parsed = parsePlain(argv.slice(1), core.flags)
  if (!parsed) return false
  const [{runCore}, {bundledHost}] = await Promise.all([import('./cli/output.js'), import('./engine/plugins/index.js')])
  let host: ReturnType<typeof bundledHost> | undefined
  const plugins = () => {
    host ??= bundledHost(root)
    return host
  }
  await runCore(core, parsed.flags as never, {
    get plugins() {
      return plugins()
    },
    cliRoot: root,
    get cacheDir() {
      return plugins().cacheDir
    },
    json: parsed.json,
  })
  return true
}
