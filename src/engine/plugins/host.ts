/** A plugin as the host lists it: enough to read its "sei" block and find its hook modules. */
export type HostPlugin = {
  name: string
  version: string
  type: string
  root: string
  pjson: {sei?: unknown; oclif?: {hooks?: Record<string, unknown>}}
}

/** What a host returns from firing an event on every plugin (oclif's Hook.Result). */
export type HookRun = {
  successes: {plugin: {name: string}; result: unknown}[]
  failures: {plugin: {name: string}; error: Error}[]
}

/**
 * What the engine needs of whoever loaded the plugins: oclif's Config is one such host; the other is
 * bundled-host.ts, which serves `sei status` (the CI gate) without loading oclif.
 */
export interface PluginHost {
  getPluginsList(): unknown[]
  /** `plugins`: only these need answer (bundledHost loads no other; oclif's Config asks every plugin). */
  runHook(
    event: string,
    options: object,
    timeout?: number,
    captureErrors?: boolean,
    plugins?: string[],
  ): Promise<unknown>
}
