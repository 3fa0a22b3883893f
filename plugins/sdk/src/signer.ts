/**
 * A Signer produces ECDSA P-256 signatures for sei's evidence.
 *
 * @example
 * const signer: Signer = {
 *   id: 'local',
 *   description: 'ECDSA P-256 key on disk',
 *   publicKey: async () => point,          // 65 bytes: 0x04 ‖ X ‖ Y
 *   sign: async (message) => rs,           // 64 bytes: r ‖ s over SHA-256(message)
 * }
 */
export type Signer = {
  /** Stable id chosen with SEI_SIGNING_BACKEND (`local`, `scaleway-kms`, …). */
  id: string
  description: string
  /** The uncompressed SEC1 point, 65 bytes starting 0x04. */
  publicKey(): Promise<Uint8Array>
  /** ECDSA P-256 over SHA-256(message), as 64-byte r‖s (IEEE P1363). */
  sign(message: Uint8Array): Promise<Uint8Array>
}

/** What the engine tells signer plugins when it asks for signers. */
export type SignerQuery = {
  /** Absolute path of the governed repository, when there is one: a signer must never write inside it. */
  repoRoot?: string
  /** The environment to read configuration from (defaults to process.env). */
  env?: Record<string, string | undefined>
}
