import type {Reproducer, ReproducerQuery} from './reproducer.js'
import type {Signer, SignerQuery} from './signer.js'
import type {StandardCatalog, StandardQuery} from './standard.js'

/** The custom oclif events sei fires, with what a plugin's handler receives and returns. */
export type SeiHookEvents = {
  'sei:signers': {options: SignerQuery; return: Signer[]}
  'sei:reproducers': {options: ReproducerQuery; return: Reproducer[]}
  'sei:standards': {options: StandardQuery; return: StandardCatalog[]}
}

/** A hook handler as oclif calls it: `this` is oclif's hook context, options carry `config`. */
export type SeiHook<E extends keyof SeiHookEvents> = (
  this: unknown,
  options: SeiHookEvents[E]['options'] & {config: unknown; context?: unknown},
) => Promise<SeiHookEvents[E]['return']>

export type SignersHook = SeiHook<'sei:signers'>
export type ReproducersHook = SeiHook<'sei:reproducers'>
export type StandardsHook = SeiHook<'sei:standards'>

/** The `"sei"` block of a plugin's package.json, read without loading the plugin. */
export type SeiPluginBlock = {
  kind: 'signer' | 'reproducer' | 'standard'
  provides: string[]
  api: number
}

/** The hook API version this engine speaks (2: reproducers declare the input graph). */
export const SEI_PLUGIN_API = 2

/**
 * The API versions accepted per plugin kind: signers and standards did not change from API 1 to 2,
 * so plugins written for 1 keep working; a reproducer must speak 2 (freshness is judged from its graph).
 */
export const SEI_PLUGIN_APIS: Record<SeiPluginBlock['kind'], readonly number[]> = {
  signer: [1, 2],
  standard: [1, 2],
  reproducer: [2],
}
