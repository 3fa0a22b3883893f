// Discovery of signers, reproducers and standards through sei hooks; plugin "sei" blocks and API checks.
export {runSeiHook, type HookAnswer, type HookFailure} from './run-sei-hook.js'
export {collect, findReproducer, findSigner, listStandards, pipelineFilesOf, pluginOrigin} from './find.js'
export {blockProblem, KIND_OF_EVENT, seiPlugins, type SeiPluginInfo} from './blocks.js'
export type {HookRun, HostPlugin, PluginHost} from './host.js'
export {bundledHost, type BundledHost} from './bundled-host.js'
