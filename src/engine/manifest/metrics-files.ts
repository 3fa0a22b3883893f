import type {Manifest} from './schema.js'

/** The metrics files of `pipeline.metrics`: one path or a list (dvc.yaml's top-level `metrics:` shape). */
export function metricsFilesOf(manifest: Manifest): string[] {
  const m = manifest.pipeline?.metrics
  return m === undefined ? [] : [m].flat()
}
