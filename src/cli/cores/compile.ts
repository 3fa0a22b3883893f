import {ExitCode} from '../../engine/errors.js'
import {defineCore} from '../core.js'
import {repoFlag} from '../flags.js'

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
    const {loadManifest, locateManifestError} = await import('../../engine/manifest/index.js')
    const {writePlan} = await import('../../engine/oscal/index.js')
    const {pipelineFilesOf} = await import('../../engine/plugins/index.js')
    const root = requireGitRepo(flags.repo)
    const loaded = await loadManifest(root)
    const toolFiles = await pipelineFilesOf(host.plugins, loaded.manifest, root)
    const written = await writePlan(root, loaded.manifest, loaded.file, toolFiles).catch((error: unknown) => {
      throw locateManifestError(error, loaded)
    })
    for (const a of written.advisories) host.advise(`advisory: ${a.message}`)
    const {document: _d, text: _t, ...result} = written
    return {result, exit: ExitCode.ok}
  },
  render(r) {
    const requirements = `${r.requirements} requirement${r.requirements === 1 ? '' : 's'}`
    return (
      `${r.changed ? 'compiled' : 'unchanged'}: ${r.path} ` +
      `(${requirements}, OSCAL component-definition, ${r.digest})`
    )
  },
})
