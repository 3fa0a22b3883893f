import {SeiCommand, repoFlag} from '../sei-command.js'

export default class Status extends SeiCommand<unknown> {
  static summary = 'Check freshness against sei.lock and the blocking controls, without recomputing anything (the CI gate).'
  static description = 'Recomputes file digests only (a stat cache outside the repository skips unchanged files), never the pipeline. Exit 0 only when every section is fresh, the lock anchors the evidence on disk, and every blocking control passes.\n\nExit codes: 0 fresh and green; 1 stale (drift, never run, evidence not anchored) or a blocking control fails; 2 invalid input (located sei.yaml:LINE:COL); 3 environment (git missing, plugin, an interrupted evidence write that cannot be completed here).'
  static examples = ['<%= config.bin %> status', '<%= config.bin %> status --json']
  static exitCodes = {...SeiCommand.exitCodes, '1': 'stale (drift, never run, evidence not anchored) or a blocking control fails'}
  static flags = {
    repo: repoFlag,
  }

  async run(): Promise<unknown> {
    const {flags} = await this.parse(Status)
    const {requireGitRepo} = await import('../engine/repo/index.js')
    const {statusCheck} = await import('../engine/pipeline/status.js')
    const {renderStatus} = await import('../engine/pipeline/render.js')
    const root = requireGitRepo(flags.repo)
    const result = await statusCheck(root, {config: this.config, cacheDir: this.config.cacheDir, advise: (m) => this.advise(m)})
    if (!this.jsonEnabled()) this.log(renderStatus(result).join('\n'))
    if (!result.green) process.exitCode = 1
    return result
  }
}
