import {Flags} from '@oclif/core'
import {SeiCommand, keyFlag, repoFlag} from '../sei-command.js'

export default class Run extends SeiCommand<unknown> {
  static summary = 'Reproduce the pipeline where stale, evaluate every control (the risk gate), sign and anchor the evidence bundle.'
  static description = 'Runs P1–P11: manifest, plugins, digests, drift against sei.lock, plan check, reproduce only if a measurement section is stale, metrics, controls and treatment events, risk analysis, signed bundle, lock (written last). The evidence is written and signed even when the gate is red. A signer whose key is not the committed bundle\'s is a key rotation: run says "rotating the signing key: old … → new …" before it signs. With a trust root (--key, SEI_TRUSTED_KEYS) it refuses to sign with a key outside it (exit 2, nothing written).'
  static examples = ['<%= config.bin %> run', '<%= config.bin %> run --force --json']
  static exitCodes = {...SeiCommand.exitCodes, '1': 'the risk gate is red (a blocking control fails or has no value), or the pipeline tool failed (then nothing is written)'}
  static flags = {
    repo: repoFlag,
    force: Flags.boolean({description: 'Recompute every section, even those sei.lock says are fresh.'}),
    key: keyFlag,
  }

  async run(): Promise<unknown> {
    const {flags} = await this.parse(Run)
    const {requireGitRepo} = await import('../engine/repo/index.js')
    const {runPipeline} = await import('../engine/pipeline/run.js')
    const {renderGate} = await import('../engine/pipeline/render.js')
    const root = requireGitRepo(flags.repo)
    const result = await runPipeline(root, {config: this.config, cacheDir: this.config.cacheDir, force: flags.force, advise: (m) => this.advise(m), quiet: this.jsonEnabled(), keys: flags.key})
    if (!this.jsonEnabled()) {
      const lines = [
        result.reproduced ? `reproduced: ${result.command?.join(' ')}` : 'reproduced: nothing (measurement sections fresh)',
        ...renderGate(result.controls, result.gate),
        `wrote ${result.written.join(', ')}`,
      ]
      this.log(lines.join('\n'))
    }
    if (result.gate !== 'GREEN') process.exitCode = 1
    return result
  }
}
