import {readFileSync, realpathSync} from 'node:fs'
import {join} from 'node:path'
import {cliDirs} from '../cli-dirs.js'
import {packageRoot} from '../package-root.js'
import {BUNDLED_HOOKS} from './bundled-hooks.js'
import type {HookRun, HostPlugin, PluginHost} from './host.js'

// `sei status` is the CI gate and its start-up is a feature: oclif's Config.load (its index, 16 plugin
// manifests, commands) costs ≈ 70 ms before any command runs. When only the plugins bundled with sei are
// installed, this host lists them from package.json files and fires sei's hooks the way oclif does
// (every plugin, in parallel, with a timeout, errors captured). fast-path.ts decides when it may serve.

type PackageJson = {
  name: string
  version: string
  sei?: unknown
  oclif?: {plugins?: string[]; hooks?: Record<string, unknown>; dirname?: string; bin?: string}
}

function readPjson(root: string): PackageJson {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson
}

/** The hook module paths of one event: oclif accepts a path, a list of paths, or {target, identifier}. */
function hookTargets(spec: unknown): {path: string; identifier?: string}[] {
  const one = (s: unknown): {path: string; identifier?: string}[] => {
    if (typeof s === 'string') return [{path: s}]
    if (s && typeof s === 'object' && typeof (s as {target?: unknown}).target === 'string') {
      return [{path: (s as {target: string}).target, identifier: (s as {identifier?: string}).identifier}]
    }
    return []
  }
  return Array.isArray(spec) ? spec.flatMap(one) : one(spec)
}

/** oclif's pick of the handler in a hook module: the module itself, its default, or its first function. */
function handlerOf(
  mod: Record<string, unknown>,
  identifier?: string,
): ((this: unknown, o: object) => Promise<unknown>) | undefined {
  const pick = identifier
    ? mod[identifier]
    : typeof mod.default === 'function'
      ? mod.default
      : Object.values(mod).find((v) => typeof v === 'function')
  return typeof pick === 'function' ? (pick as (this: unknown, o: object) => Promise<unknown>) : undefined
}

export interface BundledHost extends PluginHost {
  root: string
  bin: string
  cacheDir: string
  configDir: string
  dataDir: string
  getPluginsList(): HostPlugin[]
}

/** A host of the CLI at `cliRoot` and the plugins its package.json bundles (oclif.plugins), nothing else. */
export function bundledHost(cliRoot: string): BundledHost {
  const pjson = readPjson(cliRoot)
  const root = realpathSync(cliRoot)
  const plugins: HostPlugin[] = [{name: pjson.name, version: pjson.version, type: 'core', root, pjson}]
  for (const name of pjson.oclif?.plugins ?? []) {
    const pluginRoot = packageRoot(name, root)
    if (!pluginRoot) throw new Error(`bundled plugin ${name} is not installed beside ${root}`)
    const p = readPjson(pluginRoot)
    plugins.push({name: p.name, version: p.version, type: 'core', root: pluginRoot, pjson: p})
  }
  const host: BundledHost = {
    root,
    bin: pjson.oclif?.bin ?? pjson.name,
    ...cliDirs(pjson.oclif?.dirname ?? pjson.name),
    getPluginsList: () => plugins,
    async runHook(event, options, timeout = 10_000, captureErrors = false, only?: string[]) {
      const run: HookRun = {successes: [], failures: []}
      await Promise.all(
        plugins
          .filter((p) => !only || only.includes(p.name))
          .flatMap((p) =>
            hookTargets(p.pjson.oclif?.hooks?.[event]).map(async ({path, identifier}) => {
              const context = {
                config: host,
                debug() {},
                error(message: string | Error) {
                  throw typeof message === 'string' ? new Error(message) : message
                },
                exit(code = 0) {
                  process.exit(code)
                },
                log(message = '', ...args: unknown[]) {
                  process.stdout.write(`${[message, ...args].join(' ')}\n`)
                },
                warn(message: string | Error) {
                  process.stderr.write(`Warning: ${typeof message === 'string' ? message : message.message}\n`)
                },
              }
              let timer: NodeJS.Timeout | undefined
              try {
                const bundled = BUNDLED_HOOKS[`${p.name}:${path}`]
                // A path, not a file URL: the start-up bundle turns import() into require() (fast-path.ts serves
                // Linux and macOS only, where an absolute path is a module specifier).
                const mod = bundled ? await bundled() : await import(join(p.root, path))
                const handler = handlerOf(mod as Record<string, unknown>, identifier)
                if (!handler) throw new Error(`${path} exports no hook function`)
                const timedOut = new Promise<never>((_, reject) => {
                  timer = setTimeout(() => reject(new Error(`Timed out after ${timeout} ms.`)), timeout).unref()
                })
                const result = await Promise.race([
                  handler.call(context, {...options, config: host, context}),
                  timedOut,
                ])
                run.successes.push({plugin: {name: p.name}, result})
              } catch (error) {
                if (!captureErrors) throw error
                run.failures.push({plugin: {name: p.name}, error: error as Error})
              } finally {
                clearTimeout(timer)
              }
            }),
          ),
      )
      return run
    },
  }
  return host
}
