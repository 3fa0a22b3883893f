import {Flags} from '@oclif/core'
import {SeiCommand, keyFlag, repoFlag} from '../sei-command.js'

export default class Run extends SeiCommand<unknown> {
  static summary =
    'Reproduce the pipeline where stale, evaluate every control (the risk gate), sign and anchor the evidence bundle.'
  static description =
    'Runs P1–P11: manifest, plugins, digests, drift against sei.lock, plan check, reproduce only if a measurement section is stale, metrics, controls and treatment events, risk analysis, signed bundle, lock (written last). The evidence is written and signed even when the gate is red. Beside the bundle it signs a CycloneDX 1.6 SBOM of the pipeline\'s Python environment (.sei/bom.cdx.json, by cyclonedx-py) and the OSCAL assessment-results of the run (.sei/assessment-results.oscal.json). A signer whose key is not the committed bundle\'s is a key rotation: run says "rotating the signing key: old … → new …" before it signs. With a trust root (--key, SEI_TRUSTED_KEYS) it refuses to sign with a key outside it (exit 2, nothing written).\n\nThe pipeline tool runs in a process group of its own: Ctrl-C or SIGTERM to sei stops the whole group and leaves the previous evidence intact.\n\nExit codes: 0 gate green; 1 gate red (evidence signed and written); 2 invalid input (located sei.yaml:LINE:COL), or a signer outside the trust root; 3 environment (missing tool named: dvc, mlflow, dagster, git, cyclonedx-py; plugin, signer, I/O); 4 the pipeline tool failed (nothing written); 130/143 stopped by SIGINT/SIGTERM.'
  static examples = [
    '<%= config.bin %> run',
    '<%= config.bin %> run --force --json',
    '<%= config.bin %> run; case $? in 1) echo "gate red";; 4) echo "pipeline failed";; esac',
  ]
  static exitCodes = {
    ...SeiCommand.exitCodes,
    '1': 'the risk gate is red (a blocking control fails or has no value); the evidence is signed and written',
    '2': 'usage error or invalid input: a located manifest error, a bad --key or SEI_TRUSTED_KEYS entry, a signer outside the trust root (nothing written)',
    '3': "environment failure: the pipeline tool (dvc, mlflow, dagster), git, cyclonedx-py (the SBOM tool) or the pipeline's Python is not installed (named), broken plugin, signer unavailable, I/O; nothing written",
    '4': 'the pipeline tool ran and failed (e.g. `dvc repro` exited non-zero): nothing written, previous evidence and sei.lock intact',
    '130':
      'stopped by SIGINT (143: SIGTERM/SIGHUP) while the pipeline ran: its whole process group was stopped, previous evidence intact',
  }
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
    const result = await runPipeline(root, {
      config: this.config,
      cacheDir: this.config.cacheDir,
      force: flags.force,
      advise: (m) => this.advise(m),
      quiet: this.jsonEnabled(),
      keys: flags.key,
    })
    if (!this.jsonEnabled()) {
      const lines = [
        result.reproduced
          ? `reproduced: ${result.command?.join(' ')}`
          : 'reproduced: nothing (measurement sections fresh)',
        ...renderGate(result.controls, result.gate),
        ...(result.sbom ? [`sbom: ${result.sbom.components} components of ${result.sbom.description}`] : []),
        `wrote ${result.written.join(', ')}`,
      ]
      this.log(lines.join('\n'))
    }
    if (result.gate !== 'GREEN') process.exitCode = 1
    return result
  }
}
