// Every human rendering of sei: the cores' render() functions print through these, and nothing in the
// engine prints or formats for people (the engine returns data; src/cli/output.ts prints it).
export {renderAssessment} from './assess.js'
export {type Compiled, renderCompiled} from './compile.js'
export {renderConformance} from './conformance.js'
export {renderImpact} from './impact.js'
export {renderReconstruct, renderReconstructRun} from './reconstruct.js'
export {renderSoa} from './soa.js'
export {failingLines, formatValue, freshnessProblems, renderGate, renderStatus} from './status.js'
export {keyProvenance, renderRotation, renderVerification} from './verification.js'
export {renderVerifyRun} from './verify.js'
