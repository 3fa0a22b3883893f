// The controls concern: constraints, which measures are controls, and their evaluation against metrics (DESIGN §5).
export {conclusive, operatorSymbol, parseConstraint, satisfies, type Constraint, type Operator} from './constraint.js'
export {evaluateControls, type ControlResult} from './evaluate.js'
export {
  allMeasures,
  blockingControls,
  enforcementMode,
  exAnteControls,
  isExAnte,
  isPostMarket,
  type MeasureOf,
} from './select.js'
export {domainProblems, metricDomain, metricFamily, type DomainProblem} from './domains.js'
export {asMetricsTable, valueSources} from './evaluate.js'
export {blocksGate, gateVerdict, recordedGate, type GateVerdict} from './verdict.js'
export {lookupMeasure, metricsTable, pointerOf} from './metrics-table.js'
export type {MetricsEntry, MetricsFile, MetricsTable} from './metrics-table.js'
