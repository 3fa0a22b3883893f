import {SeiError} from '../errors.js'
import {locateManifestError} from '../manifest/index.js'
import type {RepoState} from './inspect.js'

/**
 * The compiled OSCAL plan is the gate contract (reference/000: it "defines which controls are measured and
 * under what conditions"): a run whose plan no longer matches the risk section would evaluate thresholds
 * nobody compiled, so it stops before anything is reproduced or written.
 */
export function requireCurrentPlan(state: RepoState): void {
  const plan = state.plan
  if (!plan.checked || plan.current) return
  const stale = new SeiError(
    'PLAN_STALE',
    `${plan.path} is not what \`sei compile\` would write now: the risk section of ` +
      `${state.loaded.file} changed after the plan was compiled, and the plan is the gate's contract`,
    {
      field: 'oscal.assessment_plan',
      actions: [
        'Run `sei compile`, review and commit the plan, then `sei run`.',
        'Or compile and run in one step: `sei run --compile`.',
      ],
    },
  )
  throw locateManifestError(stale, state.loaded)
}
