// The risk concern: the 5×5 analysis, appetite, overall residual, cycle state and treatment priority (DESIGN §4).
export {
  analyseRisks,
  cycleStatus,
  overallResidual,
  residualLikelihood,
  treatmentPriority,
  type ControlOutcome,
  type CycleStatus,
  type DimensionAnalysis,
  type OverallResidual,
  type RiskAnalysis,
} from './analysis.js'
export {cycleState, residualExceeds, type CycleState} from './cycle.js'
export {evaluateAgainst, impactScore, levelRank, likelihoodScore, maxLevel, riskLevel} from './levels.js'
