import {ExitCode} from '../../engine/errors.js'
import {defineCore, type Host} from '../core.js'
import type {Compiled} from '../render/index.js'
import {repoFlag} from '../flags.js'

/** Compiles the plan (sei compile, sei run --compile); the compiler's advisories go to the host. */
export async function compiled(root: string, host: Host): Promise<Compiled> {
  const {compileRun} = await import('../../engine/oscal/index.js')
  const written = await compileRun(root, {config: host.plugins})
  for (const a of written.advisories) host.advise(`advisory: ${a.message}`)
  const {document: _d, text: _t, ...result} = written
  return result
}

export default defineCore({
  id: 'compile',
  summary: 'Compile the risk section of sei.yaml into the OSCAL plan at oscal.assessment_plan (the gate contract).',
  description: [
    'Writes an OSCAL component-definition with one implemented-requirement per ex-ante automated measure of the risk ' +
      "register (post-market and declared measures are left out), the measure's fields as props. YAML or JSON by " +
      'the extension of oscal.assessment_plan. The output depends only on the manifest (name-based UUIDs, no ' +
      'wall-clock time), so `sei run` and `sei status` can tell when the plan no longer matches the risk section.',
    'Advisories on stderr, never failing: measures without a control_tier (prEN 18228 cl. 9.1.2), implausible ' +
      'thresholds (marked threshold_plausibility: suspect).',
    'compile writes only plans: it refuses a plan path that is the manifest, a lock, a pipeline, params or metrics ' +
      'file, the Croissant descriptor, anything under .git/, .dvc/ or .sei/, or an existing file that holds no ' +
      'OSCAL document.',
  ].join('\n\n'),
  examples: ['<%= config.bin %> compile'],
  exitCodes: {
    [ExitCode.ok]: 'compiled (or already current)',
    [ExitCode.invalidInput]:
      'an invalid manifest, no oscal.assessment_plan, a forbidden plan path, or a measure that cannot be valid OSCAL',
  },
  flags: {repo: repoFlag},
  async execute(flags, host) {
    const {requireGitRepo} = await import('../../engine/repo/index.js')
    return {result: await compiled(requireGitRepo(flags.repo), host), exit: ExitCode.ok}
  },
  async render(r) {
    const {renderCompiled} = await import('../render/index.js')
    return renderCompiled(r)
  },
})
