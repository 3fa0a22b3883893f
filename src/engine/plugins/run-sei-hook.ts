import type {Config} from '@oclif/core'
import type {SeiHookEvents} from '@sei/sdk'

export type HookAnswer<T> = {plugin: string; value: T}
export type HookFailure = {plugin: string; error: Error}

/**
 * Fires a sei hook event on every plugin and returns the answers flattened, sorted by plugin name
 * (oclif runs handlers in parallel, so arrival order is not stable), plus the plugins that failed.
 */
export async function runSeiHook<E extends keyof SeiHookEvents>(
  config: Config,
  event: E,
  options: SeiHookEvents[E]['options'],
  timeoutMs = Number(process.env.SEI_HOOK_TIMEOUT_MS ?? 10_000),
): Promise<{answers: HookAnswer<SeiHookEvents[E]['return'][number]>[]; failures: HookFailure[]}> {
  // oclif's typed runHook only knows its own events; ours are declared by plugins/sdk.
  const run = config.runHook as unknown as (e: string, o: unknown, t: number, capture: boolean) => Promise<{
    successes: {plugin: {name: string}; result: unknown}[]
    failures: {plugin: {name: string}; error: Error}[]
  }>
  const result = await run.call(config, event, options, timeoutMs, true)
  const answers: HookAnswer<SeiHookEvents[E]['return'][number]>[] = []
  for (const s of [...result.successes].sort((a, b) => a.plugin.name.localeCompare(b.plugin.name))) {
    for (const value of (Array.isArray(s.result) ? s.result : []) as SeiHookEvents[E]['return']) answers.push({plugin: s.plugin.name, value})
  }
  const failures = result.failures.map((f) => ({plugin: f.plugin.name, error: f.error})).sort((a, b) => a.plugin.localeCompare(b.plugin))
  return {answers, failures}
}
