export type {Signer, SignerQuery} from './signer.js'
export type {
  InputGraph,
  InputKind,
  PipelineInput,
  RecordedHash,
  Reproducer,
  ReproducerQuery,
  ReproduceContext,
  ReproduceResult,
} from './reproducer.js'
export type {Authority, Clause, CriterionName, RiskTemplate, StandardCatalog, StandardQuery} from './standard.js'
export type {SeiHook, SeiHookEvents, SeiPluginBlock, SignersHook, ReproducersHook, StandardsHook} from './hooks.js'
export {SEI_PLUGIN_API, SEI_PLUGIN_APIS} from './hooks.js'
export {runTool, ToolInterruptedError, ToolMissingError} from './run-tool.js'
export type {RunToolOptions} from './run-tool.js'
export {pythonEnvironmentOf, pythonOf, whichOnPath, type PythonEnvironment} from './python-env.js'
export {walkPythonImports} from './python-walk.js'
export type {PythonModule, PythonWalk, PythonWalkOptions} from './python-walk.js'
export {scanPythonImports} from './python-imports.js'
export type {PythonImport, PythonScan} from './python-imports.js'
export {tokenizePython} from './python-tokens.js'
export type {PyToken, PyProblem} from './python-tokens.js'
export {repoRelative} from './repo-path.js'
export {listPythonFiles} from './python-files.js'
export {byInputId, compareText} from './input-order.js'
export {dvcPointerHash} from './dvc-pointer.js'
