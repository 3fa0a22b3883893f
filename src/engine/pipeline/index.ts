// The two gates: `sei run` (P1–P11) and `sei status` (DESIGN §6).
export {runPipeline, type RunOptions, type RunResult} from './run.js'
export {statusCheck, type StatusResult} from './status.js'
export {inspect, measureInputs, type InspectOptions, type RepoState} from './inspect.js'
export {gateRows, type GateRow} from './gate.js'
export {checkAnchor, type AnchorProblem} from './anchor.js'
export type {SignedFile} from './write.js'
export {schemaProblems, validatePipelineOptions} from './options.js'
export {chainGates, type ChainGates} from './chain-gates.js'
