// The oscal concern: the risk section compiled into the OSCAL plan at oscal.assessment_plan (DESIGN §9).
export {
  FIXED_LAST_MODIFIED,
  OSCAL_VERSION,
  PLAN_SOURCE,
  requirementUuid,
  seiProp,
  thresholdText,
  type ComponentDefinition,
  type ImplementedRequirement,
  type PlanAdvisory,
  type PlanProblem,
  type Prop,
  type Resource,
} from './plan.js'
export {implausibleThreshold} from './plausibility.js'
export {RESULTS_FILE, buildAssessmentResults, type MissingControl, type ResultsInput} from './results.js'
export {planFormat, renderPlan, type PlanFormat} from './render.js'
export {SEI_OSCAL_NAMESPACE, SEI_PROP_NS} from './uuid.js'
export {planTargetProblem, refusePlanTarget, type PlanTargetOptions} from './target.js'
export {cachedPlanDigest, rememberPlanDigest} from './plan-cache.js'
export {compilePlan, planDigest, writePlan, type CompiledPlan, type WrittenPlan} from './compile.js'
export {compileRun} from './compile-run.js'
