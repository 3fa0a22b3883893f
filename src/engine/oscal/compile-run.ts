import {loadManifest, locateManifestError} from '../manifest/index.js'
import {type PluginHost, pipelineFilesOf} from '../plugins/index.js'
import {type WrittenPlan, writePlan} from './compile.js'

/**
 * `sei compile` (and `sei run --compile`): the repository's manifest compiled into its plan, refusing any
 * path the pipeline tool owns (its plugin names them), errors located in the manifest.
 */
export async function compileRun(root: string, options: {config: PluginHost}): Promise<WrittenPlan> {
  const loaded = await loadManifest(root)
  const toolFiles = await pipelineFilesOf(options.config, loaded.manifest, root)
  return writePlan(root, loaded.manifest, loaded.file, toolFiles).catch((error: unknown) => {
    throw locateManifestError(error, loaded)
  })
}
