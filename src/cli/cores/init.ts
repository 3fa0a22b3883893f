import {join} from 'node:path'
import {ExitCode} from '../../engine/errors.js'
import {defineCore} from '../core.js'
import {repoFlag} from '../flags.js'

export default defineCore({
  id: 'init',
  summary: 'Create the .sei/ directory and a minimal, commented sei.yaml in a git repository.',
  description:
    'Creates what is missing and never overwrites: .sei/ (signed evidence), sei.yaml (a minimal manifest that ' +
    "validates, with a yaml-language-server modeline so editors check it against sei's JSON Schema) and the line " +
    '".sei/* -text" in .gitattributes (git must never rewrite signed bytes). Running it again changes nothing.',
  examples: ['<%= config.bin %> init', '<%= config.bin %> init --repo /path/to/project --json'],
  exitCodes: {[ExitCode.ok]: 'done', [ExitCode.invalidInput]: 'not a git repository'},
  flags: {repo: repoFlag},
  async execute(flags, host) {
    const {requireGitRepo} = await import('../../engine/repo/index.js')
    const {initRepository} = await import('../../engine/init/index.js')
    const root = requireGitRepo(flags.repo)
    const result = await initRepository(root, join(host.cliRoot, 'schemas', 'sei.schema.json'))
    return {result, exit: ExitCode.ok}
  },
  render(result) {
    return [...result.created.map((c) => `created ${c}`), ...result.kept.map((k) => `left    ${k} (exists)`)].join('\n')
  },
})
