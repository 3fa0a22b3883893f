import {SEI_PLUGIN_API, SEI_PLUGIN_APIS, type SeiHookEvents, type SeiPluginBlock} from '@sei/sdk'
import {ExitCode, SeiError} from '../errors.js'
import type {HostPlugin, PluginHost} from './host.js'
import {byName} from './run-sei-hook.js'

// Every sei plugin declares in its package.json `"sei": {"kind", "provides", "api"}` (DESIGN §2), so
// the engine can list plugins and check their API version without loading their code.

export const KIND_OF_EVENT: Record<keyof SeiHookEvents, SeiPluginBlock['kind']> = {
  'sei:signers': 'signer',
  'sei:reproducers': 'reproducer',
  'sei:standards': 'standard',
}

/** A plugin that takes part in sei's hook events, with its declared block. */
export type SeiPluginInfo = {
  plugin: string
  version: string
  type: string
  root: string
  events: (keyof SeiHookEvents)[]
  block: SeiPluginBlock
}

function seiEvents(p: HostPlugin): (keyof SeiHookEvents)[] {
  return Object.keys(p.pjson.oclif?.hooks ?? {})
    .filter((e): e is keyof SeiHookEvents => e in KIND_OF_EVENT)
    .sort()
}

/** What is wrong with a plugin's "sei" block, or undefined when it is well formed and speaks our API. */
export function blockProblem(block: unknown, events: (keyof SeiHookEvents)[]): string | undefined {
  if (block === undefined)
    return (
      `it answers ${events.join(', ')} but its package.json has no "sei" block ({"kind", "provides", ` +
      `"api": ${SEI_PLUGIN_API}})`
    )
  if (block === null || typeof block !== 'object' || Array.isArray(block))
    return 'its package.json "sei" block is not an object'
  const b = block as Record<string, unknown>
  if (typeof b.api !== 'number')
    return (
      `its "sei" block has no valid "api" (expected the number ${SEI_PLUGIN_API}, ` +
      `found ${JSON.stringify(b.api) ?? 'nothing'})`
    )
  const kinds = Object.values(KIND_OF_EVENT)
  if (typeof b.kind !== 'string' || !kinds.includes(b.kind as SeiPluginBlock['kind']))
    return `its "sei" block has kind ${JSON.stringify(b.kind) ?? 'missing'}; expected one of ${kinds.join(', ')}`
  const accepted = SEI_PLUGIN_APIS[b.kind as SeiPluginBlock['kind']]
  if (!accepted.includes(b.api))
    return `it is written for sei plugin API ${b.api}; this sei accepts API ${accepted.join(' or ')} for a ${b.kind}`
  if (
    !Array.isArray(b.provides) ||
    b.provides.length === 0 ||
    !b.provides.every((id) => typeof id === 'string' && id.trim() !== '')
  )
    return 'its "sei" block must list the ids it provides in "provides" (a non-empty list of texts)'
  if (new Set(b.provides).size !== b.provides.length) return 'its "sei" block lists an id twice in "provides"'
  const wrong = events.filter((e) => KIND_OF_EVENT[e] !== b.kind)
  if (wrong.length > 0) return `it declares kind "${b.kind}" but answers ${wrong.join(', ')}`
  if (events.length === 0)
    return `it declares kind "${b.kind}" but answers no sei hook (oclif.hooks["sei:${b.kind}s"] is missing)`
  return undefined
}

function invalid(p: HostPlugin, why: string): SeiError {
  return new SeiError('PLUGIN_INVALID', `plugin ${p.name}@${p.version} (${p.root}) cannot be used: ${why}`, {
    exit: ExitCode.environment,
    actions: [
      p.type === 'core'
        ? 'Reinstall sei: a bundled plugin is broken.'
        : `Update the plugin to one written for sei plugin API ${SEI_PLUGIN_API}, or remove it: \`sei plugins ` +
          `uninstall ${p.name}\`.`,
    ],
  })
}

/**
 * The sei plugins of this installation (those with a "sei" block or a sei hook), checked; the first
 * plugin with a wrong or missing block, or a wrong API version, is an error that names it. With
 * `kind`, only plugins of that kind (and plugins whose block does not say) are checked and returned.
 */
export function seiPlugins(config: PluginHost, kind?: SeiPluginBlock['kind']): SeiPluginInfo[] {
  const out: SeiPluginInfo[] = []
  for (const p of config.getPluginsList() as HostPlugin[]) {
    const events = seiEvents(p)
    const block = p.pjson.sei
    if (events.length === 0 && block === undefined) continue
    const declaredKind = block && typeof block === 'object' ? (block as {kind?: unknown}).kind : undefined
    const relevant =
      kind === undefined ||
      declaredKind === kind ||
      events.some((e) => KIND_OF_EVENT[e] === kind) ||
      typeof declaredKind !== 'string'
    if (!relevant) continue
    const problem = blockProblem(block, events)
    if (problem) throw invalid(p, problem)
    out.push({plugin: p.name, version: p.version, type: p.type, root: p.root, events, block: block as SeiPluginBlock})
  }
  const byId = new Map<string, SeiPluginInfo>()
  for (const info of out.sort((a, b) => byName(a.plugin, b.plugin))) {
    for (const id of info.block.provides) {
      const seen = byId.get(`${info.block.kind}:${id}`)
      if (seen) {
        throw new SeiError(
          'PLUGIN_CONFLICT',
          `plugins ${seen.plugin} (${seen.root}) and ${info.plugin} (${info.root}) both ` +
            `provide ${info.block.kind} "${id}"`,
          {
            exit: ExitCode.environment,
            actions: [
              `Uninstall one of them: \`sei plugins uninstall ${info.type === 'core' ? seen.plugin : info.plugin}\`.`,
            ],
          },
        )
      }
      byId.set(`${info.block.kind}:${id}`, info)
    }
  }
  return out
}
