import {parse} from 'yaml'
import {type FixtureName, fileVersions, fixtureHistory} from '../../helpers/fixtures.js'
import {type Manifest, parseManifest} from '../../../src/engine/manifest/index.js'

export type ReferencePlan = {
  fixture: FixtureName
  commit: string
  plan: Record<string, any>
  manifest: Manifest
  manifestFile: string
}

/**
 * Every OSCAL plan the reference engine committed, with the manifest as it stood at that commit
 * (the newest version of froga.yaml / venth.yaml written at or before it).
 */
export function referencePlans(): ReferencePlan[] {
  const out: ReferencePlan[] = []
  for (const fixture of ['novacredit', 'quickstart', 'retina-screening'] as const) {
    const order = fixtureHistory(fixture).map((c) => c.sha)
    const manifests = fileVersions(fixture, (p) => p === 'froga.yaml' || p === 'venth.yaml')
    for (const plan of fileVersions(fixture, (p) => p.endsWith('assessment_plan.oscal.yaml'))) {
      const at = order.indexOf(plan.commit.sha)
      const source = manifests.filter((m) => order.indexOf(m.commit.sha) <= at).at(-1)
      if (!source) throw new Error(`${fixture}: no manifest before the plan of ${plan.commit.sha}`)
      const parsed = parseManifest(source.content.toString('utf8'), source.path)
      if (!parsed.manifest)
        throw new Error(`${fixture}: ${source.path} does not load: ${parsed.problems.map((p) => p.message).join('; ')}`)
      out.push({
        fixture,
        commit: plan.commit.sha,
        plan: parse(plan.content.toString('utf8')),
        manifest: parsed.manifest,
        manifestFile: source.path,
      })
    }
  }
  return out
}
