import {readFile} from 'node:fs/promises'
import {ToolMissingError, whichOnPath} from '@sei/sdk'
import {ExitCode, SeiError} from '../errors.js'
import {
  INPUT_GRAPH_VERSION,
  LOCK_SCHEMA,
  environmentChanged,
  serialiseLock,
  uuidV5Url,
  type Drift,
} from '../lock/index.js'
import {locateField, metricsFilesOf} from '../manifest/index.js'
import {findSigner, listStandards} from '../plugins/index.js'
import {fileAtHead} from '../history/index.js'
import {citedStandards, repositoryKey, runSigningRule} from '../evidence/index.js'
import {headCommit, resolveInside} from '../repo/index.js'
import {evaluateRun, type Evaluation} from './evaluate.js'
import {type InspectOptions, inspect, measureInputs} from './inspect.js'
import {absentForReproduce, recordedMismatch} from './tool-lock.js'
import {progressSink} from './progress.js'
import {acquireRunLock} from './run-lock.js'
import {proposedRisksAdvisory} from './advisory.js'
import {writeEvidence} from './write.js'
import {evidenceFiles, startBom} from './attest.js'

export type RunOptions = InspectOptions & {
  force?: boolean
  /** Advisories for stderr (plan stale, proposed risks, …). */
  advise?(message: string): void
  /** Suppress the tool's streamed output (--json). */
  quiet?: boolean
  /** --key values of the trust root (SEI_TRUSTED_KEYS of `env` adds to them). */
  keys?: readonly string[]
}

export type RunResult = Omit<Evaluation, 'bundleBytes'> & {
  family: string
  reproduced: boolean
  reproduce_reason: string[]
  command?: string[]
  drift_before: Drift[]
  written: string[]
  /** The Python environment the SBOM describes, when the pipeline runs Python. */
  sbom?: {python: string; description: string; components: number}
}

const MEASUREMENT: Drift['type'][] = ['B', 'data']

/** The reproducer's run, with a missing tool (exit 3) and a stop by signal (exit 130/143) said as such. */
async function reproduceOrExplain<T>(tool: string, lock: string, reproduce: () => Promise<T>): Promise<T> {
  try {
    return await reproduce()
  } catch (error) {
    const e = error as Error & {code?: string; tool?: string; signal?: string}
    if (e.code === 'TOOL_MISSING') {
      const missing = e.tool ?? tool
      const message = `${missing} is not installed or not on PATH (pipeline.tool: ${tool}); no evidence written, ${lock} untouched`
      throw new SeiError('TOOL_MISSING', message, {
        exit: ExitCode.environment,
        actions: [
          `Install ${missing} or put it on PATH (this project's Python tools: \`npm run setup:python\`, then .venv/bin).`,
        ],
      })
    }
    if (e.code === 'TOOL_INTERRUPTED') {
      const message = `stopped by ${e.signal}: the pipeline's process group was terminated; no evidence written, the previous evidence and ${lock} are intact`
      throw new SeiError('INTERRUPTED', message, {
        exit: e.signal === 'SIGINT' ? ExitCode.interrupted : ExitCode.terminated,
        actions: ['Run `sei run` again when you want to measure.'],
      })
    }
    throw error
  }
}

/** `sei run`, P1–P11 (DESIGN §6). Evidence is written and signed whatever the gate; the lock last. */
export async function runPipeline(root: string, options: RunOptions): Promise<RunResult> {
  const env = options.env ?? process.env
  const advise = options.advise ?? (() => {})
  const release = acquireRunLock(root)
  try {
    // P1, P3–P5
    const state = await inspect(root, {...options, requirePipeline: true, holdsRunLock: true})
    const {manifest, family} = state.loaded
    const pipeline = manifest.pipeline as Record<string, unknown> & {tool: string; metrics: string | string[]}
    // P2: resolve the signer before spending minutes on the pipeline.
    const signer = await findSigner(options.config, {repoRoot: state.root, env})
    // The one signing rule: a key outside the trust root is refused; a key other than the committed bundle's is a rotation, said before signing.
    const {rotation} = await runSigningRule(
      signer,
      {
        committedKey: fileAtHead(state.root, `${family.evidenceDir}/PUBKEY.txt`),
        workTreeKey: repositoryKey(state.root, family.evidenceDir),
      },
      {keys: options.keys, env},
    )
    if (rotation)
      advise(
        `rotating the signing key: old ${rotation.old} → new ${rotation.new} (the bundle is re-signed and ${family.evidenceDir}/PUBKEY.txt rewritten; reports signed by the old key need \`sei reconstruct --out\` / \`sei conformance --out\` again)`,
      )
    // Only the catalogs the measures cite: means_of_conformance takes each standard's authority from its catalog.
    const catalogs = await listStandards(options.config, citedStandards(manifest))
    const authorities = new Map([...catalogs].map(([id, catalog]) => [id, catalog.authority]))
    if (state.plan.checked && !state.plan.current)
      advise(
        `advisory: ${state.plan.path} is not what \`sei compile\` would write now (risk section changed); run \`sei compile\`.`,
      )
    // What the reproducer (or the import walker) wants the user to know about the graph, once per run.
    for (const w of state.graph.warnings) advise(`advisory: ${w}`)
    const driftA = state.drift.filter((d) => d.type === 'A')
    for (const d of driftA)
      advise(
        `advisory: Drift A in ${d.section}: re-triage required; confirm the classification (the run proceeds and records it).`,
      )

    // P6: reproduce only when a measurement section is stale.
    const reasons: string[] = []
    if (options.force) reasons.push('--force')
    if (!state.lock) reasons.push(`no ${family.lock} yet`)
    for (const d of state.drift)
      if (MEASUREMENT.includes(d.type))
        reasons.push(`${d.section} ${d.change}${d.inputs?.length ? ` (${d.inputs.join(', ')})` : ''}`)
    const metricsAt = locateField(state.loaded, 'pipeline.metrics')
    const metricsPaths = metricsFilesOf(manifest)
    const metricsAbs = metricsPaths.map((p) => resolveInside(state.root, p, 'pipeline.metrics', metricsAt))
    if (!state.computed.metrics) reasons.push(`${metricsPaths.join(', ')} missing`)
    // The tool does not track the Python environment: after an upgrade it would rerun nothing.
    const forceForEnvironment = !options.force && environmentChanged(state.drift)
    if (forceForEnvironment) reasons.push(`forced: ${pipeline.tool} does not track the Python environment`)
    // The pipeline tool is the first thing a run needs: a missing one is said before the SBOM tool is.
    const executable = state.reproducer?.executable
    if (reasons.length > 0 && executable && !whichOnPath(executable, env)) {
      await reproduceOrExplain(pipeline.tool, family.lock, async () => {
        throw new ToolMissingError(executable)
      })
    }
    // The SBOM of the pipeline's environment, made while the pipeline runs (cyclonedx-py missing: exit 3 now).
    const bom = await startBom(state.reproducer!, {root: state.root, pipeline, env}, options.cacheDir)
    let command: string[] | undefined
    if (reasons.length > 0) {
      // sei fetches nothing: data the tool needs and only its remote storage holds is the user's to pull.
      const absent = absentForReproduce(state.graph)
      if (absent) throw absent
      const sink = progressSink(pipeline.tool, process.stderr, options.quiet)
      const tail: string[] = []
      if (!options.quiet) process.stderr.write(`reproducing with ${pipeline.tool} (${reasons.join('; ')})\n`)
      const result = await reproduceOrExplain(pipeline.tool, family.lock, () =>
        state.reproducer!.reproduce({
          root: state.root,
          pipeline,
          force: Boolean(options.force) || forceForEnvironment,
          env,
          onOutput(line) {
            tail.push(line)
            if (tail.length > 20) tail.shift()
            sink.line(line)
          },
        }),
      ).finally(() => sink.done())
      command = result.command
      if (result.exitCode !== 0) {
        throw new SeiError(
          'REPRODUCE_FAILED',
          `${result.command.join(' ')} failed (exit ${result.exitCode}); no evidence written, ${family.lock} untouched`,
          {
            exit: ExitCode.pipelineFailed,
            problems: tail.filter((l) => l.trim() !== '').slice(-12),
            actions: ['Fix the pipeline error above, then run `sei run` again.'],
          },
        )
      }
    }

    // P3 again: the tool rewrote its lock and the metrics; the lock must describe what was measured.
    const {graph: afterGraph, computed: after} = await measureInputs(state.digester, manifest, state.reproducer, {
      code: headCommit(state.root) ?? '', // provenance only, never a drift input
      planDigest: state.plan.checked ? (state.plan.digest ?? 'missing') : undefined,
      cacheDir: options.cacheDir,
      env,
      lock: state.lock,
    })
    state.digester.save()
    // The tool's own lock must describe the workspace the evidence measured, or the lock would be stale at once.
    const mismatch = recordedMismatch(afterGraph, pipeline.tool, command)
    if (mismatch) throw mismatch

    // P7: metrics as the pipeline wrote them (floats kept as written).
    const metricsFiles: {path: string; text: string}[] = []
    for (const [i, path] of metricsPaths.entries()) {
      try {
        metricsFiles.push({path, text: await readFile(metricsAbs[i], 'utf8')})
      } catch {
        throw new SeiError('METRICS_MISSING', `the pipeline did not write ${path}`, {
          exit: ExitCode.invalidInput,
          where: metricsAt,
          actions: [`Make the pipeline write ${path}, or fix pipeline.metrics in ${state.loaded.file}.`],
        })
      }
    }

    // P8–P10
    const previousText = fileAtHead(state.root, `${family.evidenceDir}/bundle.json`)?.toString('utf8')
    const evaluation = await evaluateRun({
      root: state.root,
      loaded: state.loaded,
      computed: after,
      metricsFiles,
      previousBundleText: previousText,
      authorities,
      bom: await bom(),
    })

    // P10–P11: bundle + signature + PUBKEY, then the lock naming them.
    const written = await writeEvidence({
      root: state.root,
      family,
      bundleBytes: evaluation.bundleBytes,
      alsoSigned: evidenceFiles({
        ...state,
        family,
        bundleBytes: evaluation.bundleBytes,
        controls: evaluation.controls,
        gate: evaluation.gate,
        bom: evaluation.bom,
      }),
      signer,
      lockFor: (envelope, bundleSha256) =>
        serialiseLock({
          schema_version: LOCK_SCHEMA,
          program_uid: uuidV5Url(manifest.system.name),
          triple: after.triple,
          sections: after.sections,
          signed_bundle_digest: envelope,
          bundle_sha256: `sha256:${bundleSha256}`,
          input_graph: INPUT_GRAPH_VERSION,
        }),
    })
    await proposedRisksAdvisory(state.root, manifest, options.config, advise)
    const {bundleBytes: _bytes, bom: generated, ...summary} = evaluation
    return {
      ...summary,
      family: family.name,
      reproduced: reasons.length > 0,
      reproduce_reason: reasons,
      command,
      drift_before: state.drift,
      written,
      sbom: generated && {
        python: generated.environment.python,
        description: generated.environment.description,
        components: generated.components.length,
      },
    }
  } finally {
    release()
  }
}
