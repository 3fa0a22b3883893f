// The projections concern: signed evidence and git history projected onto standards (DESIGN §9).
export * from './conformance.js'
export * from './conformance-run.js'
export {CRITERIA, decideCriterion, type CriterionOutcome} from './conformance-criteria.js'
export {
  isDeclaredMeasure,
  measuresWithRisk,
  type ApprovalView,
  type BundleView,
  type ConformanceEvidence,
} from './conformance-evidence.js'
export * from './soa.js'
export * from './soa-run.js'
export * from './impact.js'
export * from './assess.js'
export {BASE_TEMPLATES, MISUSE_TEMPLATE} from './assess-rules.js'
