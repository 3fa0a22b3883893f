import type {SignersHook} from '@sei/sdk'
import {kmsSigner} from '../kms-signer.js'

/**
 * The `scaleway-kms` signer. Answering never fails or touches the network (every `sei` command that
 * looks for a signer asks every plugin): settings are checked and the SDK loaded on first use.
 */
const hook: SignersHook = async (options) => [kmsSigner(options.env ?? process.env)]
export default hook
