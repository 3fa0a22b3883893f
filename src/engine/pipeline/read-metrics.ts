import {readFile} from 'node:fs/promises'
import {ExitCode, SeiError} from '../errors.js'
import {locateField, metricsFilesOf} from '../manifest/index.js'
import {resolveInside} from '../repo/index.js'
import type {RepoState} from './inspect.js'

/** The files of `pipeline.metrics`: as declared, resolved inside the repository, and where the manifest says so. */
export type MetricsLocation = {paths: string[]; absolute: string[]; where: {file: string; line: number; col: number}}

/** Where the pipeline writes its metrics; a path outside the repository is refused here, before anything runs. */
export function locateMetrics(state: RepoState): MetricsLocation {
  const where = locateField(state.loaded, 'pipeline.metrics')
  const paths = metricsFilesOf(state.loaded.manifest)
  return {paths, absolute: paths.map((p) => resolveInside(state.root, p, 'pipeline.metrics', where)), where}
}

/** P7: the metrics as the pipeline wrote them (text: floats stay as written until they are parsed). */
export async function readMetrics(state: RepoState, metrics: MetricsLocation): Promise<{path: string; text: string}[]> {
  const files: {path: string; text: string}[] = []
  for (const [i, path] of metrics.paths.entries()) {
    try {
      files.push({path, text: await readFile(metrics.absolute[i], 'utf8')})
    } catch {
      throw new SeiError('METRICS_MISSING', `the pipeline did not write ${path}`, {
        exit: ExitCode.invalidInput,
        where: metrics.where,
        actions: [`Make the pipeline write ${path}, or fix pipeline.metrics in ${state.loaded.file}.`],
      })
    }
  }
  return files
}
