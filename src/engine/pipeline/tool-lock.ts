import {ExitCode, SeiError} from '../errors.js'
import type {DigestedGraph} from '../graph/index.js'

const isUrl = (p: string) => /^[a-z][a-z0-9+.-]*:/i.test(p)

/**
 * Inputs the pipeline reads that are not in the workspace (only their recorded hash is): reproducing
 * would fail or measure something else, and sei fetches nothing itself.
 */
export function absentForReproduce(graph: DigestedGraph): SeiError | undefined {
  const absent = graph.inputs.filter(
    (i) => !i.present && i.value === undefined && i.kind !== 'output' && !isUrl(i.path),
  )
  if (absent.length === 0) return undefined
  const dvc = absent.some((i) => i.recorded?.source.endsWith('.dvc') || i.recorded?.source.endsWith('dvc.lock'))
  return new SeiError(
    'INPUT_NOT_IN_WORKSPACE',
    `the pipeline needs ${absent.length === 1 ? 'an input' : `${absent.length} inputs`} ` +
      `that ${absent.length === 1 ? 'is' : 'are'} not in the workspace; no evidence written`,
    {
      exit: ExitCode.environment,
      problems: absent.map((i) => `${i.path}${i.recorded ? ` (pinned by ${i.recorded.source})` : ''}`),
      actions: [
        dvc
          ? 'Run `dvc pull` to fetch the data DVC tracks, then `sei run` again (sei fetches nothing itself).'
          : 'Bring the missing inputs into the workspace, then `sei run` again.',
      ],
    },
  )
}

/**
 * After reproducing, every present input must match the hash its tool records
 * (dvc.lock, `*.dvc`, a declared sha256).
 */
export function recordedMismatch(graph: DigestedGraph, tool: string, command?: string[]): SeiError | undefined {
  if (graph.mismatches.length === 0) return undefined
  const ran = command ? `after \`${command.join(' ')}\`` : 'without reproducing'
  return new SeiError(
    'RECORDED_HASH_MISMATCH',
    `${ran}, the workspace does not match the hashes ${tool} records; no evidence written`,
    {
      exit: ExitCode.failed,
      problems: graph.mismatches.map((m) => m.line),
      actions: [
        'An output edited by hand: restore it (`dvc checkout --force <path>`) or reproduce with `sei run --force`.',
        'A dataset changed on purpose: record it (`dvc add <path>`, or the new sha256 in the Croissant descriptor), ' +
          'then `sei run`.',
      ],
    },
  )
}
