// sei init: the skeleton of a governed repository. Creates what is missing, never overwrites.
import {existsSync} from 'node:fs'
import {mkdir, readFile} from 'node:fs/promises'
import {basename, join} from 'node:path'
import {writeFileAtomic} from '../evidence/index.js'
import {findManifest} from '../manifest/index.js'
import {repoFile} from '../repo/index.js'

export type InitResult = {root: string; created: string[]; kept: string[]}

const ATTRIBUTES_LINE = '.sei/* -text'

/** A minimal manifest that validates as is; every later section is described in comments. */
export function starterManifest(name: string, schemaPath: string): string {
  return `# yaml-language-server: $schema=${schemaPath}
# The manifest of this AI system (sei.yaml reference: apiVersion seigarrena.dev/v1alpha1).
apiVersion: seigarrena.dev/v1alpha1
kind: AISystem
system:
  name: ${JSON.stringify(name)}
  # intended_purpose: "…"        # EU AI Act Art. 13(3)(b); changing it is Drift A (re-triage)
  # decisions: [ … ]             # decisions the system makes (sei impact)
  # affected_persons: [ … ]
# task: { modality: tabular, type: classification }
# context: { applicable_standards: [eu/pren-18228@2026, iso/23894@2023] }
# dataset: { croissant: data/dataset.croissant.json }
# eval: { script: train.py }     # the treatment: its digest enters sei.lock (Drift B)
# pipeline: { tool: dvc, metrics: metrics.json }   # or a list; JSON or YAML; a measure's metrics_key: roc_auc.test
# oscal: { assessment_plan: policies/assessment_plan.oscal.yaml }   # written by sei compile
# risk:
#   appetite: { individual: MEDIUM, society: MEDIUM, organization: HIGH }
#   criteria: { scale: "5x5" }
#   overall_residual_criterion: HIGH
#   risks: []
`
}

function safeName(root: string): string {
  return (
    basename(root)
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'ai-system'
  )
}

/** Creates `.sei/`, `sei.yaml` (unless any manifest family exists) and the `.gitattributes` line. */
export async function initRepository(root: string, schemaPath: string): Promise<InitResult> {
  const created: string[] = []
  const kept: string[] = []
  for (const p of ['.sei', 'sei.yaml', '.gitattributes']) repoFile(root, p)
  if (existsSync(join(root, '.sei'))) kept.push('.sei/')
  else {
    await mkdir(join(root, '.sei'))
    created.push('.sei/')
  }
  const family = findManifest(root)
  if (family) kept.push(family.manifest)
  else {
    await writeFileAtomic(join(root, 'sei.yaml'), starterManifest(safeName(root), schemaPath))
    created.push('sei.yaml')
  }
  const attributes = join(root, '.gitattributes')
  const text = existsSync(attributes) ? await readFile(attributes, 'utf8') : undefined
  if (text?.split('\n').some((l) => l.trim() === ATTRIBUTES_LINE)) kept.push('.gitattributes')
  else {
    await writeFileAtomic(attributes, `${text ?? ''}${text && !text.endsWith('\n') ? '\n' : ''}${ATTRIBUTES_LINE}\n`)
    created.push(text === undefined ? '.gitattributes' : `.gitattributes (added ${ATTRIBUTES_LINE})`)
  }
  return {root, created, kept}
}
