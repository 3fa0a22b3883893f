import {Args, Command, Flags, type Interfaces} from '@oclif/core'
import type {CommandCore} from './core.js'
import type {ArgSpecs, ArgValues, FlagSpecs, FlagValues} from './flags.js'
import {exitCodesOf, printError, runCore} from './output.js'

type OclifFlag = Interfaces.Flag<unknown>

/** oclif's flags from a core's spec: the only place the two flag vocabularies meet. */
function oclifFlags(specs: FlagSpecs): Record<string, OclifFlag> {
  const out: Record<string, OclifFlag> = {}
  for (const [name, f] of Object.entries(specs)) {
    if (f.kind === 'boolean') {
      out[name] = Flags.boolean({description: f.description}) as OclifFlag
      continue
    }
    const char = f.char as Interfaces.AlphabetLowercase | undefined
    const common = {description: f.description, char, required: f.required}
    if (f.multiple) out[name] = Flags.string({...common, multiple: true, multipleNonGreedy: true}) as OclifFlag
    else if (f.directory) out[name] = Flags.directory({...common, default: f.default}) as OclifFlag
    else out[name] = Flags.string({...common, default: f.default}) as OclifFlag
  }
  return out
}

/** oclif's positional arguments from a core's spec, in order. */
function oclifArgs(specs: ArgSpecs = {}): Interfaces.ArgInput {
  return Object.fromEntries(
    Object.entries(specs).map(([name, a]) => [name, Args.string({description: a.description, required: a.required})]),
  )
}

/** The oclif command class of a core: parse with oclif, then run and print exactly as the start-up path does. */
export function oclifCommand<S extends FlagSpecs, R, A extends ArgSpecs>(core: CommandCore<S, R, A>): typeof Command {
  return class extends Command {
    static summary = core.summary
    static description = core.description
    /** Read by SeiHelp (help.ts), kept in oclif.manifest.json like any other static. */
    static exitCodes = exitCodesOf(core)
    static examples = core.examples
    static enableJsonFlag = true
    static flags = oclifFlags(core.flags)
    static args = oclifArgs(core.args)

    async run(): Promise<void> {
      const {flags, args} = await this.parse(this.constructor as typeof Command & {flags: Record<string, OclifFlag>})
      const json = this.jsonEnabled()
      await runCore(core, {...flags, ...args} as FlagValues<S> & ArgValues<A>, {
        plugins: this.config,
        cliRoot: this.config.root,
        cacheDir: this.config.cacheDir,
        json,
      })
    }

    async catch(error: Error): Promise<void> {
      printError(error, this.jsonEnabled(), core.id)
    }
  } as unknown as typeof Command
}
