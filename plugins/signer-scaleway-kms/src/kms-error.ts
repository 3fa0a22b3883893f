/**
 * An error the CLI shows as an environment failure (exit 3). Plugins cannot import the engine's
 * SeiError, so this carries the same fields (code, exit, actions) and oclif's `oclif.exit`, which the
 * engine and oclif both read; `suggestions` is what oclif prints as "Try this" when nothing wraps it.
 */
export class KmsError extends Error {
  readonly code: string
  readonly exit = 3
  readonly oclif = {exit: 3}
  readonly actions: string[]
  readonly suggestions: string[]

  constructor(code: string, message: string, actions: string[] = [], cause?: unknown) {
    super(message, {cause})
    this.name = 'KmsError'
    this.code = code
    this.actions = actions
    this.suggestions = actions
  }
}
