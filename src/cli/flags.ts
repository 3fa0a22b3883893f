// Flag specs as plain data: the oclif adapter builds oclif's flags from them and the start-up path
// parses argv with them, so both ways of starting accept exactly the same flags.

export type BooleanFlag = {kind: 'boolean'; description: string}
export type StringFlag = {
  kind: 'string'
  description: string
  char?: string
  required?: boolean
  /** Repeatable (`--key a --key b`). */
  multiple?: boolean
  default?: string
  /** A directory path (oclif checks nothing more; the engine checks it is a git repository). */
  directory?: boolean
}
export type FlagSpec = BooleanFlag | StringFlag
export type FlagSpecs = Record<string, FlagSpec>

/** The parsed value of each flag of a spec, as the core receives it. */
export type FlagValues<S extends FlagSpecs> = {
  [K in keyof S]: S[K] extends BooleanFlag
    ? boolean
    : S[K] extends {multiple: true}
      ? string[] | undefined
      : S[K] extends {required: true} | {default: string}
        ? string
        : string | undefined
}

/** A positional argument: oclif parses it; the start-up path hands any argv that has one to oclif. */
export type ArgSpec = {description: string; required?: boolean}
export type ArgSpecs = Record<string, ArgSpec>
export type NoArgs = Record<never, ArgSpec>

/** The parsed value of each positional argument, beside the flags' values. */
export type ArgValues<A extends ArgSpecs> = {
  [K in keyof A]: A[K] extends {required: true} ? string : string | undefined
}

/** The --repo flag every command takes. */
export const repoFlag = {
  kind: 'string',
  char: 'r',
  default: '.',
  directory: true,
  description: 'Path to the git repository to operate on.',
} as const satisfies StringFlag

/** The trust root outside the repository (DESIGN §7): repeatable, added to SEI_TRUSTED_KEYS. */
export const keyFlag = {
  kind: 'string',
  multiple: true,
  description:
    'Trusted signer public key: 130 hex characters (as `sei pubkey` prints) or a file holding them. ' +
    'Repeatable; SEI_TRUSTED_KEYS (comma- or space-separated) adds more. With a trust root, evidence signed ' +
    'by any other key is invalid, whatever .sei/PUBKEY.txt says.',
} as const satisfies StringFlag

/** A boolean flag. */
export const booleanFlag = (description: string): BooleanFlag => ({kind: 'boolean', description})

/** The output formats of the CI gate commands (status, run, conformance): repeatable, FORMAT or FORMAT=PATH. */
export const formatFlag = {
  kind: 'string',
  multiple: true,
  description:
    'Output format: text (default), json (as --json), junit, sarif (2.1.0), github (workflow commands) or ' +
    'markdown. FORMAT=PATH writes that format to PATH instead of stdout; repeatable (one bare FORMAT at most).',
} as const satisfies StringFlag
