import {ExitCode} from '../../engine/errors.js'
import type {RunResult} from '../../engine/pipeline/index.js'
import {defineCore} from '../core.js'
import type {Compiled} from '../render/index.js'
import {compiled} from './compile.js'
import {booleanFlag, formatFlag, keyFlag, repoFlag} from '../flags.js'

export default defineCore({
  id: 'run',
  summary:
    'Reproduce the pipeline where stale, evaluate every control (the risk gate), sign and anchor the evidence bundle.',
  description: [
    'Runs P1–P11: manifest, plugins, digests, drift against sei.lock, the plan as contract, reproduce only if a ' +
      'measurement section is stale, metrics, controls and treatment events, risk analysis, signed bundle, lock ' +
      '(written last). ' +
      'The evidence is written and signed even when the gate is red. Beside the bundle it signs a CycloneDX 1.6 SBOM ' +
      "of the pipeline's Python environment (.sei/bom.cdx.json, by cyclonedx-py) and the OSCAL assessment-results of " +
      "the run (.sei/assessment-results.oscal.json). A signer whose key is not the committed bundle's is a key " +
      'rotation: run says "rotating the signing key: old … → new …" before it signs. With a trust root (--key, ' +
      'SEI_TRUSTED_KEYS) it refuses to sign with a key outside it (exit 2, nothing written).',
    'The compiled OSCAL plan (oscal.assessment_plan) is the gate contract: when it no longer matches the risk ' +
      'section (sei.yaml edited after `sei compile`), run stops before reproducing anything (PLAN_STALE, exit 2, ' +
      'nothing written). --compile compiles it first, as `sei compile` does.',
    'The pipeline tool runs in a process group of its own: Ctrl-C or SIGTERM to sei stops the whole group and ' +
      'leaves the previous evidence intact.',
    '--format junit|sarif|github|markdown serves CI systems (FORMAT=PATH writes a file); with GITHUB_STEP_SUMMARY ' +
      'set, run appends its Markdown table there in any format.',
  ].join('\n\n'),
  examples: [
    '<%= config.bin %> run',
    '<%= config.bin %> run --force --json',
    '<%= config.bin %> run --compile',
    '<%= config.bin %> run --format junit=sei-junit.xml',
    '<%= config.bin %> run; case $? in 1) echo "gate red";; 4) echo "pipeline failed";; esac',
  ],
  exitCodes: {
    [ExitCode.ok]: 'the risk gate is green; the evidence is signed and written',
    [ExitCode.failed]:
      'the risk gate is red (a blocking control fails or has no value); the evidence is signed and written',
    [ExitCode.invalidInput]:
      'usage error or invalid input: a located manifest error, a plan that no longer matches the risk section ' +
      '(run `sei compile`, or --compile), a bad --key or SEI_TRUSTED_KEYS entry, a signer outside the trust root ' +
      '(nothing written)',
    [ExitCode.environment]:
      'environment failure: the pipeline tool (dvc, mlflow, dagster), git, cyclonedx-py (the SBOM tool) or the ' +
      "pipeline's Python is not installed (named), broken plugin, signer unavailable, I/O; nothing written",
    [ExitCode.pipelineFailed]:
      'the pipeline tool ran and failed (e.g. `dvc repro` exited non-zero): nothing written, previous evidence ' +
      'and sei.lock intact',
    [ExitCode.interrupted]:
      'stopped by SIGINT while the pipeline ran: its whole process group was stopped, previous evidence intact',
    [ExitCode.terminated]: 'stopped by SIGTERM or SIGHUP while the pipeline ran: the same',
  },
  flags: {
    repo: repoFlag,
    force: booleanFlag('Recompute every section, even those sei.lock says are fresh.'),
    compile: booleanFlag(
      'Compile the plan first (as `sei compile`): without it, a plan that no longer matches the risk section ' +
        'stops the run.',
    ),
    key: keyFlag,
    format: formatFlag,
  },
  stepSummary: true,
  async execute(flags, host) {
    const {requireGitRepo} = await import('../../engine/repo/index.js')
    const {runPipeline} = await import('../../engine/pipeline/index.js')
    const root = requireGitRepo(flags.repo)
    const plan = flags.compile ? await compiled(root, host) : undefined
    const run: RunResult = await runPipeline(root, {
      config: host.plugins,
      cacheDir: host.cacheDir,
      force: flags.force,
      advise: (m) => host.advise(m),
      quiet: host.json,
      keys: flags.key,
    })
    const result: RunResult & {compiled?: Compiled} = {...run, ...(plan ? {compiled: plan} : {})}
    return {result, exit: result.gate === 'GREEN' ? ExitCode.ok : ExitCode.failed}
  },
  async render(result) {
    const {renderCompiled, renderGate} = await import('../render/index.js')
    return [
      ...(result.compiled ? [renderCompiled(result.compiled)] : []),
      result.reproduced
        ? `reproduced: ${result.command?.join(' ')}`
        : 'reproduced: nothing (measurement sections fresh)',
      ...renderGate(result.controls, result.gate),
      ...(result.sbom ? [`sbom: ${result.sbom.components} components of ${result.sbom.description}`] : []),
      `wrote ${result.written.join(', ')}`,
    ].join('\n')
  },
  async report(result, at, version) {
    const {runReport} = await import('../render/formats/index.js')
    return runReport(result, at, version)
  },
})
