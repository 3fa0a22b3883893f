import {CommandHelp, Help} from '@oclif/core'

type Section = ReturnType<CommandHelp['sections']>[number]

/** Adds EXIT CODES (from the core's one table, output.ts) to every command's help, before EXAMPLES. */
class SeiCommandHelp extends CommandHelp {
  protected sections(): Section[] {
    const sections = super.sections()
    const rows = (this.command as {exitCodes?: [number, string][]}).exitCodes
    if (!rows) return sections
    const exitCodes: Section = {
      header: 'EXIT CODES',
      generate: () =>
        this.renderList(
          rows.map(([code, meaning]) => [String(code), meaning]),
          {indentation: 2, stripAnsi: this.opts.stripAnsi},
        ),
    }
    const at = sections.findIndex((s) => s.header === 'EXAMPLES')
    sections.splice(at < 0 ? sections.length : at, 0, exitCodes)
    return sections
  }
}

/** sei's help: oclif's, with each command's exit codes (package.json oclif.helpClass). */
export default class SeiHelp extends Help {
  protected CommandHelpClass = SeiCommandHelp
}
