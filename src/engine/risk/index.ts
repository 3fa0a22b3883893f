// The risk concern: the 5×5 analysis, appetite, overall residual, cycle state and treatment priority (DESIGN §4).
export {analyseRisks, overallResidual, type OverallResidual, type RiskAnalysis} from './analysis.js'
export {cycleState, residualExceeds, type CycleState} from './cycle.js'
export {riskLevel} from './levels.js'
