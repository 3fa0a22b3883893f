import type {Reproducer, SeiHookEvents, Signer, StandardCatalog} from '@sei/sdk'
import {ExitCode, SeiError} from '../errors.js'
import {KIND_OF_EVENT, seiPlugins} from './blocks.js'
import {type HookAnswer, runSeiHook} from './run-sei-hook.js'
import type {PluginHost} from './host.js'

function keyOf(event: keyof SeiHookEvents, value: unknown): string {
  if (event === 'sei:signers') return (value as Signer).id
  if (event === 'sei:reproducers') return (value as Reproducer).tool
  return (value as StandardCatalog).id
}

/**
 * All answers to an event, keyed by id. Every plugin of that kind must carry a valid "sei" block for
 * our API version and answer only ids it declares; two plugins with the same id is an error naming both.
 * With `ids`, only the plugins whose block provides one of them need answer (the blocks say which
 * without loading any code: status loads one reproducer, not all of them); answers of others are ignored.
 */
export async function collect<E extends keyof SeiHookEvents>(
  config: PluginHost,
  event: E,
  options: SeiHookEvents[E]['options'],
  ids?: string[],
): Promise<Map<string, HookAnswer<SeiHookEvents[E]['return'][number]>>> {
  const plugins = seiPlugins(config, KIND_OF_EVENT[event])
  const declared = new Map(plugins.map((p) => [p.plugin, p]))
  const asked =
    ids && new Set(plugins.filter((p) => p.block.provides.some((id) => ids.includes(id))).map((p) => p.plugin))
  const ran = await runSeiHook(config, event, options, undefined, asked && [...asked])
  const answers = asked ? ran.answers.filter((a) => asked.has(a.plugin)) : ran.answers
  const failures = asked ? ran.failures.filter((f) => asked.has(f.plugin)) : ran.failures
  if (failures.length > 0) {
    const f = failures[0]
    throw new SeiError('PLUGIN_FAILED', `plugin ${f.plugin} failed answering ${event}: ${f.error.message}`, {
      exit: ExitCode.environment,
      cause: f.error,
      actions: [`Update or remove the plugin: \`sei plugins uninstall ${f.plugin}\`.`],
    })
  }
  const byId = new Map<string, HookAnswer<SeiHookEvents[E]['return'][number]>>()
  for (const a of answers) {
    const id = keyOf(event, a.value)
    const info = declared.get(a.plugin)
    if (info && !info.block.provides.includes(id)) {
      throw new SeiError(
        'PLUGIN_INVALID',
        `plugin ${a.plugin} (${info.root}) answered ${event} with "${id}", which its package.json ` +
          `"sei".provides does not list (${info.block.provides.join(', ')})`,
        {
          exit: ExitCode.environment,
          actions: [`Fix the plugin's "sei" block, or remove it: \`sei plugins uninstall ${a.plugin}\`.`],
        },
      )
    }
    const seen = byId.get(id)
    if (seen) {
      throw new SeiError('PLUGIN_CONFLICT', `plugins ${seen.plugin} and ${a.plugin} both provide "${id}" (${event})`, {
        exit: ExitCode.environment,
        actions: [`Uninstall one of them: \`sei plugins uninstall ${a.plugin}\`.`],
      })
    }
    byId.set(id, a)
  }
  return byId
}

/** The signer chosen by SEI_SIGNING_BACKEND (default `local`); an unknown id lists the available ones. */
export async function findSigner(
  config: PluginHost,
  options: SeiHookEvents['sei:signers']['options'] = {},
): Promise<Signer> {
  const env = options.env ?? process.env
  const id = env.SEI_SIGNING_BACKEND || 'local'
  const all = await collect(config, 'sei:signers', options)
  const hit = all.get(id)
  if (!hit) {
    throw new SeiError(
      'SIGNER_UNKNOWN',
      `no signer "${id}" (SEI_SIGNING_BACKEND); available: ${[...all.keys()].sort().join(', ') || 'none'}`,
      {
        exit: ExitCode.invalidInput,
        actions: ['Set SEI_SIGNING_BACKEND to one of the available signers, or install the plugin that provides it.'],
      },
    )
  }
  return hit.value as Signer
}

const origins = new WeakMap<object, {plugin: string; version: string; root: string}>()

/** The installed plugin a reproducer came from (name, version, package directory), for cache keys. */
export function pluginOrigin(value: object): {plugin: string; version: string; root: string} | undefined {
  return origins.get(value)
}

/** The reproducer for `pipeline.tool` (only its plugin is loaded); an unknown tool lists the available ones. */
export async function findReproducer(config: PluginHost, tool: string): Promise<Reproducer> {
  const hit = (await collect(config, 'sei:reproducers', {}, [tool])).get(tool)
  const info = hit && seiPlugins(config, 'reproducer').find((p) => p.plugin === hit.plugin)
  if (hit && info) origins.set(hit.value as object, {plugin: info.plugin, version: info.version, root: info.root})
  if (!hit) {
    const available = seiPlugins(config, 'reproducer').flatMap((p) => p.block.provides)
    throw new SeiError(
      'REPRODUCER_UNKNOWN',
      `no reproducer for pipeline.tool "${tool}"; available: ${available.sort().join(', ') || 'none'}`,
      {
        exit: ExitCode.invalidInput,
        field: 'pipeline.tool',
        actions: [
          'Set pipeline.tool in sei.yaml to one of the available tools, or install the plugin that provides it.',
        ],
      },
    )
  }
  return hit.value as Reproducer
}

/** Every standard catalog that plugins provide, by id; with `ids`, only those (only their plugins are loaded). */
export async function listStandards(config: PluginHost, ids?: string[]): Promise<Map<string, StandardCatalog>> {
  const all = await collect(config, 'sei:standards', {}, ids)
  return new Map([...all].map(([id, a]) => [id, a.value as StandardCatalog]))
}

/**
 * The pipeline tool's own files (lock file and pipeline files) for the manifest's pipeline.tool, or
 * none when there is no pipeline or its reproducer is unknown (compile must not need the tool).
 */
export async function pipelineFilesOf(
  config: PluginHost,
  manifest: {pipeline?: {tool?: unknown}},
  root: string,
): Promise<string[]> {
  const pipeline = manifest.pipeline as
    | (Record<string, unknown> & {tool: string; metrics: string | string[]})
    | undefined
  if (typeof pipeline?.tool !== 'string') return []
  try {
    const reproducer = await findReproducer(config, pipeline.tool)
    return [
      ...(reproducer.lockFile ? [reproducer.lockFile] : []),
      ...(reproducer.pipelineFiles ? await reproducer.pipelineFiles(pipeline, root) : []),
    ]
  } catch {
    return []
  }
}
