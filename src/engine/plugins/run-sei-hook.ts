import type {SeiHookEvents} from '@sei/sdk'
import type {HookRun, PluginHost} from './host.js'

/** Plugin order by code units: the same on every machine, and no ICU collator to build (≈ 10 ms of status). */
export function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export type HookAnswer<T> = {plugin: string; value: T}
export type HookFailure = {plugin: string; error: Error}

/**
 * Fires a sei hook event on every plugin and returns the answers flattened, sorted by plugin name
 * (oclif runs handlers in parallel, so arrival order is not stable), plus the plugins that failed.
 * `plugins` names the plugins that need answer; a host may ask the others too (oclif's Config does).
 */
export async function runSeiHook<E extends keyof SeiHookEvents>(
  config: PluginHost,
  event: E,
  options: SeiHookEvents[E]['options'],
  timeoutMs = Number(process.env.SEI_HOOK_TIMEOUT_MS ?? 10_000),
  plugins?: string[],
): Promise<{answers: HookAnswer<SeiHookEvents[E]['return'][number]>[]; failures: HookFailure[]}> {
  const result = (await config.runHook(event, options, timeoutMs, true, plugins)) as HookRun
  const answers: HookAnswer<SeiHookEvents[E]['return'][number]>[] = []
  for (const s of [...result.successes].sort((a, b) => byName(a.plugin.name, b.plugin.name))) {
    for (const value of (Array.isArray(s.result) ? s.result : []) as SeiHookEvents[E]['return'])
      answers.push({plugin: s.plugin.name, value})
  }
  const failures = result.failures
    .map((f) => ({plugin: f.plugin.name, error: f.error}))
    .sort((a, b) => byName(a.plugin, b.plugin))
  return {answers, failures}
}
