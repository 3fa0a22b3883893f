import type {WrittenPlan} from '../engine/oscal/index.js'
import {requireGitRepo} from '../engine/repo/index.js'
import {SeiCommand, repoFlag} from '../sei-command.js'

type CompileResult = Omit<WrittenPlan, 'document' | 'text'>

export default class Compile extends SeiCommand<CompileResult> {
  static summary =
    'Compile the risk section of sei.yaml into the OSCAL plan at oscal.assessment_plan (the gate contract).'
  static description = [
    "Writes an OSCAL component-definition with one implemented-requirement per ex-ante automated measure of the risk register (post-market and declared measures are left out), the measure's fields as props. YAML or JSON by the extension of oscal.assessment_plan. The output depends only on the manifest (name-based UUIDs, no wall-clock time), so `sei run` and `sei status` can tell when the plan no longer matches the risk section.",
    'Advisories on stderr, never failing: measures without a control_tier (prEN 18228 cl. 9.1.2), implausible thresholds (marked threshold_plausibility: suspect).',
    'compile writes only plans: it refuses a plan path that is the manifest, a lock, a pipeline, params or metrics file, ' +
      'the Croissant descriptor, anything under .git/, .dvc/ or .sei/, or an existing file that holds no OSCAL document.',
    'Exit codes: 0 compiled (or already current); 2 invalid manifest, no oscal.assessment_plan, a forbidden plan path, ' +
      'or a measure that cannot be valid OSCAL; 3 environment.',
  ].join('\n\n')
  static examples = ['<%= config.bin %> compile']
  static flags = {
    repo: repoFlag,
  }

  async run(): Promise<CompileResult> {
    const {flags} = await this.parse(Compile)
    const root = requireGitRepo(flags.repo)
    const {loadManifest, locateManifestError} = await import('../engine/manifest/index.js')
    const {writePlan} = await import('../engine/oscal/index.js')
    const {pipelineFilesOf} = await import('../engine/plugins/index.js')
    const loaded = await loadManifest(root)
    const toolFiles = await pipelineFilesOf(this.config, loaded.manifest, root)
    const written = await writePlan(root, loaded.manifest, loaded.file, toolFiles).catch((error: unknown) => {
      throw locateManifestError(error, loaded)
    })
    for (const a of written.advisories) this.advise(`advisory: ${a.message}`)
    const {document: _d, text: _t, ...result} = written
    if (!this.jsonEnabled())
      this.log(
        `${written.changed ? 'compiled' : 'unchanged'}: ${written.path} (${written.requirements} requirement${written.requirements === 1 ? '' : 's'}, OSCAL component-definition, ${written.digest})`,
      )
    return result
  }
}
