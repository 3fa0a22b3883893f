import {join} from 'node:path'
import type {InitResult} from '../engine/init/index.js'
import {SeiCommand, repoFlag} from '../sei-command.js'

export default class Init extends SeiCommand<InitResult> {
  static summary = 'Create the .sei/ directory and a minimal, commented sei.yaml in a git repository.'
  static description =
    `Creates what is missing and never overwrites: .sei/ (signed evidence), sei.yaml (a minimal manifest
that validates, with a yaml-language-server modeline so editors check it against sei's JSON Schema) and the
line ".sei/* -text" in .gitattributes (git must never rewrite signed bytes). Running it again changes nothing.
Exit codes: 0 done; 2 not a git repository.`
  static examples = ['<%= config.bin %> init', '<%= config.bin %> init --repo /path/to/project --json']
  static flags = {
    repo: repoFlag,
  }

  async run(): Promise<InitResult> {
    const {flags} = await this.parse(Init)
    const {requireGitRepo} = await import('../engine/repo/index.js')
    const {initRepository} = await import('../engine/init/index.js')
    const root = requireGitRepo(flags.repo)
    const result = await initRepository(root, join(this.config.root, 'schemas', 'sei.schema.json'))
    if (!this.jsonEnabled()) {
      for (const c of result.created) this.log(`created ${c}`)
      for (const k of result.kept) this.log(`left    ${k} (exists)`)
    }
    return result
  }
}
