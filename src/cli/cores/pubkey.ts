import {ExitCode} from '../../engine/errors.js'
import {defineCore} from '../core.js'
import {booleanFlag, repoFlag} from '../flags.js'

export type PubkeyResult = {
  publicKey: string
  keyid: string
  signer: string
  /** With --pem: the same key as a PEM SubjectPublicKeyInfo. */
  pem?: string
}

export default defineCore({
  id: 'pubkey',
  summary: "Print the configured signer's public key (uncompressed P-256, 130 hex characters).",
  description:
    'The signer is chosen by SEI_SIGNING_BACKEND (default: local). The local signer keeps its private key outside ' +
    "the repository (SEI_SIGNING_KEY, or the CLI's config dir), mode 0600, and creates it on first use. " +
    "--pem prints the key as a PEM SubjectPublicKeyInfo, the form cosign's --key and openssl read.",
  examples: [
    '<%= config.bin %> pubkey',
    '<%= config.bin %> pubkey --json',
    '<%= config.bin %> pubkey --pem > signer.pem',
    'SEI_SIGNING_BACKEND=scaleway-kms <%= config.bin %> pubkey',
  ],
  exitCodes: {
    [ExitCode.ok]: 'printed',
    [ExitCode.invalidInput]: 'an unknown signer (SEI_SIGNING_BACKEND)',
    [ExitCode.environment]: 'the key or the signer is unavailable',
  },
  flags: {
    repo: repoFlag,
    pem: booleanFlag('Print the key as PEM (SubjectPublicKeyInfo), for cosign, openssl and other verifiers.'),
  },
  async execute(flags, host) {
    const {findRepoRoot} = await import('../../engine/repo/index.js')
    const {findSigner} = await import('../../engine/plugins/index.js')
    const {keyIdOf, publicKeyHex, publicKeyPem, signerFailed} = await import('../../engine/evidence/index.js')
    const signer = await findSigner(host.plugins, {repoRoot: findRepoRoot(flags.repo), env: process.env})
    const key = await signer.publicKey().catch((error: unknown) => {
      throw signerFailed(signer.id, error)
    })
    const result: PubkeyResult = {publicKey: publicKeyHex(key), keyid: keyIdOf(key), signer: signer.id}
    if (flags.pem) result.pem = publicKeyPem(key)
    return {result, exit: ExitCode.ok}
  },
  render: (result) => result.pem?.trimEnd() ?? result.publicKey,
})
