import {SeiError} from '../errors.js'

/** A signer plugin's failure as sei reports it: its message, and its own actions when it gave any. */
export function signerFailed(signerId: string, error: unknown, consequence = ''): SeiError<'SIGNER_FAILED'> {
  const e = error as Error & {actions?: string[]}
  return new SeiError('SIGNER_FAILED', `signer "${signerId}": ${e.message}${consequence}`, {
    cause: error,
    actions: e.actions?.length
      ? e.actions
      : [`Check the signer's configuration (SEI_SIGNING_BACKEND=${signerId}); \`sei pubkey\` tries it alone.`],
  })
}
