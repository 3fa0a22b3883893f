import type {WrittenPlan} from '../../engine/oscal/index.js'

/** What compile reports: the plan written (or found current), without its bytes. */
export type Compiled = Omit<WrittenPlan, 'document' | 'text'>

/** `compiled: plan.oscal.yaml (3 requirements, OSCAL component-definition, sha256:…)`, or `unchanged: …`. */
export function renderCompiled(r: Compiled): string {
  const requirements = `${r.requirements} requirement${r.requirements === 1 ? '' : 's'}`
  return (
    `${r.changed ? 'compiled' : 'unchanged'}: ${r.path} ` + `(${requirements}, OSCAL component-definition, ${r.digest})`
  )
}
