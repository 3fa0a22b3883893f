import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {ExitCode, SeiError, formatWhere} from './engine/errors.js'
import {cliDirs} from './engine/cli-dirs.js'

// Start-up is a feature of a CI gate. Loading oclif (its index and the Config of 16 plugins) costs
// about 100 ms before any command runs; `sei --version` and `sei verify` need none of it (no plugin,
// no hook), and `sei status` (the CI gate) and `sei reconstruct` need only the bundled plugins' hooks,
// which bundledHost fires without oclif. bin/run.js asks this module first: it serves exactly those invocations, in the exact
// forms below, with oclif's and SeiCommand's output byte for byte, and returns false for anything
// else (help, other commands, unusual flag spellings, installed user plugins, DEBUG), which oclif then
// runs as before. SEI_NO_FAST_PATH=1 turns it off (the equivalence test compares both paths).

const root = join(import.meta.dirname, '..', '..')

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

type Parsed = {json: boolean; flags: Record<string, string | boolean>; keys?: string[]}

/**
 * The flags of argv in the plain spellings only (`--name value`, `--name=value`, `-c value`, boolean
 * `--name`), each at most once except a repeatable `--key`, and no positional argument; undefined
 * sends the invocation to oclif.
 */
function parseSimple(
  argv: string[],
  valued: Record<string, string | undefined>,
  booleans: string[],
): Parsed | undefined {
  const flags: Record<string, string | boolean> = {}
  let keys: string[] | undefined
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
          : Object.entries(valued).find(([, c]) => c && `-${c}` === arg)?.[0]
    if (!name || (Object.hasOwn(flags, name) && name !== 'key')) return undefined
    if (booleans.includes(name) && eq < 0) {
      flags[name] = true
      continue
    }
    if (!Object.hasOwn(valued, name)) return undefined
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i]
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('-'))) return undefined
    if (name === 'key') {
      keys ??= []
      keys.push(value)
    } else flags[name] = value
  }
  return {json, flags, keys}
}

function out(text: string): void {
  process.stdout.write(`${text}\n`)
}

/** SeiCommand.catch for a SeiError, and oclif's handler for anything else. */
async function fail(error: unknown, json: boolean): Promise<void> {
  if (error instanceof SeiError) {
    process.exitCode = error.exit
    if (json) {
      out(
        JSON.stringify(
          {
            status: error.exit,
            error: {
              code: error.code,
              message: error.message,
              actions: error.actions,
              where: error.where ? formatWhere(error.where) : undefined,
              problems: error.problems,
            },
          },
          null,
          2,
        ),
      )
      return
    }
    const lines = [`Error (${error.code}): ${error.where ? `${formatWhere(error.where)} ` : ''}${error.message}`]
    for (const p of error.problems ?? []) lines.push(`  ${p}`)
    if (error.actions.length > 0) lines.push('Try this:', ...error.actions.map((a) => `  ${a}`))
    process.stderr.write(`${lines.join('\n')}\n`)
    return
  }
  const e = error as Error & {
    exitCode?: number
    code?: string
    exit?: number
    actions?: string[]
    problems?: string[]
    oclif?: {exit?: number}
  }
  if (json && e.oclif?.exit !== 0) {
    process.exitCode = e.oclif?.exit ?? ExitCode.environment
    out(
      JSON.stringify(
        {
          status: e.exit ?? ExitCode.environment,
          error: {
            code: e.code ?? 'INTERNAL',
            message: e.message,
            actions: e.actions ?? [],
            where: undefined,
            problems: e.problems,
          },
        },
        null,
        2,
      ),
    )
    return
  }
  process.exitCode = process.exitCode ?? e.exitCode ?? 1
  const {handle} = await import('@oclif/core')
  await handle(e)
}

async function verify(argv: string[]): Promise<boolean> {
  const parsed = parseSimple(argv, {repo: 'r', key: undefined}, ['all'])
  if (!parsed) return false
  const {json, flags, keys} = parsed
  try {
    const {requireGitRepo} = await import('./engine/repo/index.js')
    const {verifyRun, renderVerifyRun} = await import('./engine/history/verify-run.js')
    const {settlePendingWrite} = await import('./engine/pipeline/recover.js')
    const repoRoot = requireGitRepo((flags.repo as string | undefined) ?? '.')
    settlePendingWrite(repoRoot)
    const result = await verifyRun(repoRoot, {keys, all: flags.all === true})
    if (!json) out(renderVerifyRun(result).join('\n'))
    if (!result.valid) process.exitCode = ExitCode.failed
    if (json) out(JSON.stringify({status: process.exitCode ?? 0, result, warnings: []}, null, 2))
  } catch (error) {
    await fail(error, json)
  }
  return true
}

/** `sei status`, the CI gate: the bundled plugins answer sei's hooks through bundledHost instead of oclif's Config. */
async function status(argv: string[]): Promise<boolean> {
  const parsed = parseSimple(argv, {repo: 'r', key: undefined}, [])
  if (!parsed) return false
  const {json, flags, keys} = parsed
  const warnings: string[] = []
  try {
    const {requireGitRepo} = await import('./engine/repo/index.js')
    const {bundledHost} = await import('./engine/plugins/bundled-host.js')
    const {statusCheck} = await import('./engine/pipeline/status.js')
    const {renderStatus} = await import('./engine/pipeline/render.js')
    const repoRoot = requireGitRepo((flags.repo as string | undefined) ?? '.')
    const host = bundledHost(root)
    const advise = (message: string) => {
      warnings.push(message)
      if (!json) process.stderr.write(`${message}\n`)
    }
    const result = await statusCheck(repoRoot, {config: host, cacheDir: host.cacheDir, advise, keys})
    if (!json) out(renderStatus(result).join('\n'))
    if (!result.green) process.exitCode = 1
    if (json) out(JSON.stringify({status: process.exitCode ?? 0, result, warnings}, null, 2))
  } catch (error) {
    await fail(error, json)
  }
  return true
}

/** `sei reconstruct`: a long history is read in ≈ 0.3 s, of which oclif's start-up would be a third. */
async function reconstruct(argv: string[]): Promise<boolean> {
  const parsed = parseSimple(argv, {repo: 'r', 'as-of': undefined, key: undefined}, ['out', 'require-signed-acts'])
  if (!parsed) return false
  const {json, flags, keys} = parsed
  try {
    const {requireGitRepo} = await import('./engine/repo/index.js')
    const {bundledHost} = await import('./engine/plugins/bundled-host.js')
    const {reconstructRun, renderReconstructRun} = await import('./engine/history/index.js')
    const result = await reconstructRun(requireGitRepo((flags.repo as string | undefined) ?? '.'), {
      asOf: flags['as-of'] as string | undefined,
      out: flags.out === true,
      host: () => bundledHost(root),
      keys,
      requireSignedActs: flags['require-signed-acts'] === true,
    })
    if (result.verification && !result.verification.valid) process.exitCode = 1
    if (json) out(JSON.stringify({status: process.exitCode ?? 0, result, warnings: []}, null, 2))
    else out(await renderReconstructRun(result))
  } catch (error) {
    await fail(error, json)
  }
  return true
}

/** Runs argv here when it is one of the invocations above; false means: let oclif run it. */
export async function fastPath(argv: string[]): Promise<boolean> {
  if (
    process.env.SEI_NO_FAST_PATH ||
    process.env.DEBUG ||
    process.env.SEI_CONTENT_TYPE ||
    !['linux', 'darwin'].includes(process.platform)
  )
    return false
  if (argv.includes('--') || argv.some((a) => a === '--help' || a === '-h') || hasUserPlugins()) return false
  if (argv.length === 1 && argv[0] === '--version') {
    const pjson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      name: string
      version: string
      oclif?: {additionalVersionFlags?: unknown}
    }
    if (pjson.oclif?.additionalVersionFlags) return false
    out(`${pjson.name}/${pjson.version} ${process.platform}-${process.arch} node-${process.version}`)
    return true
  }
  if (argv[0] === 'verify') return verify(argv.slice(1))
  if (argv[0] === 'status') return status(argv.slice(1))
  if (argv[0] === 'reconstruct') return reconstruct(argv.slice(1))
  return false
}
