import {existsSync} from 'node:fs'
import type {Signer, SignersHook} from '@sei/sdk'
import {createSecret, keyPath, readSecret, refuseInsideRepo, refuseNonRegular} from '../key-file.js'

/** The `local` signer: an ECDSA P-256 key in a file outside the repository, created on first use. */
const hook: SignersHook = async (options) => {
  const env = options.env ?? process.env
  const configDir = (options.config as {configDir: string}).configDir
  const path = keyPath(env, configDir)
  let secret: Uint8Array | undefined
  const load = async (): Promise<Uint8Array> => {
    if (secret) return secret
    refuseInsideRepo(path, options.repoRoot)
    refuseNonRegular(path)
    const {p256} = await import('@noble/curves/nist.js')
    if (!existsSync(path)) await createSecret(path, p256.keygen().secretKey)
    secret = await readSecret(path)
    return secret
  }
  const signer: Signer = {
    id: 'local',
    description: `ECDSA P-256 key on disk (${path})`,
    async publicKey() {
      const {p256} = await import('@noble/curves/nist.js')
      return p256.getPublicKey(await load(), false)
    },
    async sign(message) {
      const {p256} = await import('@noble/curves/nist.js')
      return p256.sign(message, await load(), {prehash: true, format: 'compact'})
    },
  }
  return [signer]
}
export default hook
