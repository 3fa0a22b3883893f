import {createHash} from 'node:crypto'
import {posix} from 'node:path'
import {exAnteControls, parseConstraint} from '../controls/index.js'
import type {Manifest, Measure} from '../manifest/index.js'
import {implausibleThreshold} from './plausibility.js'
import {uuidV5} from '../canonical/index.js'
import {SEI_OSCAL_NAMESPACE, SEI_PROP_NS} from './uuid.js'

// The OSCAL plan `sei compile` writes (FORMATS §7): a component-definition with one
// implemented-requirement per ex-ante automated measure, the measure's fields as string props in the
// reference's order, so the Venturalitica SDK's loader reads it as it reads the reference's plans.

/** The OSCAL release whose official JSON Schema the plan is checked against (test/fixtures/oscal). */
export const OSCAL_VERSION = '1.2.3'
/**
 * The reference plans' control-implementation source. There it resolves to nothing; in sei's plan it is
 * the identifier of the back-matter resource `source` points at (the SDK's loader never reads `source`).
 */
export const PLAN_SOURCE = '#vl-ai-assurance-profile-2026'
/**
 * OSCAL requires `last-modified`. A wall-clock time would change the plan on every compile, so the plan
 * could never be "current"; the plan's content depends on the manifest only, and so does this field.
 */
export const FIXED_LAST_MODIFIED = '1970-01-01T00:00:00Z'

/** An OSCAL prop; sei's own names carry sei's namespace (`ns`), so no tool reads them as NIST-defined names. */
export type Prop = {name: string; ns?: string; value: string}
/** An OSCAL back-matter resource (the subset sei writes). */
export type Resource = {
  uuid: string
  title: string
  description?: string
  props?: Prop[]
  'document-ids'?: {scheme?: string; identifier: string}[]
  rlinks?: {href: string; 'media-type'?: string; hashes?: {algorithm: string; value: string}[]}[]
  remarks?: string
}
export type ImplementedRequirement = {uuid: string; 'control-id': string; description: string; props: Prop[]}
export type ComponentDefinition = {
  'component-definition': {
    uuid: string
    metadata: {title: string; 'last-modified': string; version: string; 'oscal-version': string; remarks: string}
    components: {
      uuid: string
      type: 'software'
      title: string
      description: string
      'control-implementations'?: {
        uuid: string
        source: string
        description: string
        'implemented-requirements': ImplementedRequirement[]
      }[]
    }[]
    'back-matter'?: {resources: Resource[]}
  }
}

/** Something `sei compile` tells the user without failing (stderr, exit 0). */
export type PlanAdvisory = {
  measure: string
  risk: string
  kind: 'control_tier' | 'threshold' | 'input'
  message: string
}
/** Something that would make the plan invalid OSCAL: `sei compile` refuses to write it. */
export type PlanProblem = {measure: string; risk: string; message: string}

const TOKEN = /^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$/u
const NUMBER_TEXT = /(<=|>=|==|!=|<|>)\s*(\S+)\s*$/

/** The threshold exactly as written in the constraint (`'0.10'`, `'1'`, `'1.0'`): the reference keeps the text. */
export function thresholdText(constraint: string): string | undefined {
  return NUMBER_TEXT.exec(constraint.trim())?.[2]
}

/** The first ex-ante lifecycle phase as the bundle names it (data_preparation is the training phase). */
function lifecyclePhase(m: Measure): string {
  const phase = (m.lifecycle ?? []).find((l) => l !== 'monitoring')
  return phase === 'data_preparation' || phase === 'training' ? 'training' : 'validation'
}

const enforcementMode = (m: Measure) =>
  m.enforcement === 'gate' ? 'block' : m.enforcement === 'monitor' ? 'monitor' : 'warn'

function requirement(
  manifest: Manifest,
  measure: Measure,
  riskId: string,
  advisories: PlanAdvisory[],
  problems: PlanProblem[],
): ImplementedRequirement {
  const risk = manifest.risk?.risks.find((r) => r.id === riskId)
  const at = {measure: measure.id, risk: riskId}
  const constraint = parseConstraint(measure.constraint)
  const threshold = thresholdText(measure.constraint)
  if (!constraint || threshold === undefined)
    problems.push({...at, message: `constraint ${JSON.stringify(measure.constraint)} is not "<op> <number>"`})
  if (!TOKEN.test(measure.id))
    problems.push({
      ...at,
      message:
        `measure id "${measure.id}" is not an OSCAL token (a letter or _ first, then letters, digits, . ` +
        `- _): it cannot be a control-id`,
    })
  if (!measure.control_tier) {
    advisories.push({
      ...at,
      kind: 'control_tier',
      message:
        `measure ${measure.id} (${riskId}) declares no control_tier; compiled as "protective", the ` +
        `default. prEN 18228 cl. 9.1.2 asks for the hierarchy of risk control: declare inherent, protective or ` +
        `informative.`,
    })
  }
  const props: Prop[] = [
    {name: 'metric_key', value: measure.metric},
    {name: 'operator', value: constraint?.operator ?? ''},
    {name: 'threshold', value: threshold ?? ''},
    {name: 'severity', value: measure.severity ?? 'medium'},
    {name: 'enforcement_mode', value: enforcementMode(measure)},
    {name: 'evaluation_method', value: 'automated'},
    {name: 'lifecycle_phase', value: lifecyclePhase(measure)},
    {name: 'risk_id', value: riskId},
    {name: 'control_tier', value: measure.control_tier ?? 'protective'},
  ]
  const why = constraint ? implausibleThreshold(measure.metric, constraint) : undefined
  if (why) {
    props.push({name: 'threshold_plausibility', value: 'suspect'})
    advisories.push({
      ...at,
      kind: 'threshold',
      message:
        `measure ${measure.id} (${riskId}): implausible threshold "${measure.constraint}": ${why}. ` +
        `Marked threshold_plausibility: suspect in the plan.`,
    })
  }
  if (measure.article) props.push({name: 'article', value: measure.article})
  if (measure.frameworks?.length) props.push({name: 'frameworks', value: measure.frameworks.join(',')})
  if (measure.standard_clauses?.length)
    props.push({name: 'standard_clauses', value: measure.standard_clauses.join(',')})
  // The SDK passes cluster and score as plain keyword arguments, every other role as input.<role>.
  const inputs = Object.entries(measure.inputs ?? {}).map(([role, column]) => ({
    name: role === 'cluster' || role === 'score' ? role : `input.${role}`,
    value: column.trim(),
  }))
  for (const input of inputs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (!TOKEN.test(input.name) || input.value === '') {
      advisories.push({
        ...at,
        kind: 'input',
        message:
          `measure ${measure.id}: input "${input.name}" → ${JSON.stringify(input.value)} cannot be an ` +
          `OSCAL prop (name must be a token, value non-empty); left out of the plan`,
      })
      continue
    }
    props.push(input)
  }
  for (const p of props) {
    if (p.value !== p.value.trim() || p.value === '')
      problems.push({
        ...at,
        message:
          `prop ${p.name} has an empty value or surrounding spaces (${JSON.stringify(p.value)}), which ` +
          `OSCAL forbids`,
      })
  }
  return {
    uuid: requirementUuid(manifest.system.name, measure.id),
    'control-id': measure.id,
    description: `${risk?.title ?? riskId} — ${measure.metric}`,
    props: props.map((p) => seiProp(p.name, p.value)),
  }
}

/** A prop in sei's namespace, keys in OSCAL's order. */
export function seiProp(name: string, value: string): Prop {
  return {name, ns: SEI_PROP_NS, value}
}

/** The UUID of a measure's implemented-requirement: fixed by system name and measure id (results link to it). */
export function requirementUuid(system: string, measureId: string): string {
  return uuidV5(SEI_OSCAL_NAMESPACE, `implemented-requirement:${system}:${measureId}`)
}

/**
 * The back-matter resource the control-implementation's `source` resolves to: the profile the reference
 * names (`vl-ai-assurance-profile-2026`), whose controls are the measures of the manifest's risk section.
 */
function profileResource(name: string, manifestFile: string, planPath: string | undefined): Resource {
  const href = posix.relative(posix.dirname(planPath ?? manifestFile), manifestFile) || manifestFile
  return {
    uuid: uuidV5(SEI_OSCAL_NAMESPACE, `profile:${name}`),
    title: `AI assurance profile of '${name}': the ex-ante measures of the risk section of ${manifestFile}`,
    description:
      'The control-ids of this component-definition are the ids of the measures declared in the risk section of ' +
      "the manifest; each measure's metric, constraint and enforcement are the props of its implemented-requirement.",
    'document-ids': [{identifier: PLAN_SOURCE.slice(1)}],
    rlinks: [{href, 'media-type': 'application/yaml'}],
  }
}

/** The plan for a manifest, with what to tell the user and what would make it invalid. */
export function buildPlan(
  manifest: Manifest,
  manifestFile = 'sei.yaml',
): {document: ComponentDefinition; requirements: number; advisories: PlanAdvisory[]; problems: PlanProblem[]} {
  const advisories: PlanAdvisory[] = []
  const problems: PlanProblem[] = []
  const name = manifest.system.name
  const requirements = exAnteControls(manifest).map(({measure, riskId}) =>
    requirement(manifest, measure, riskId, advisories, problems),
  )
  const component: ComponentDefinition['component-definition']['components'][number] = {
    uuid: uuidV5(SEI_OSCAL_NAMESPACE, `component:${name}`),
    type: 'software',
    title: `${name} (assurance)`,
    description:
      'Ex-ante controls compiled from the risk section of the manifest (EU AI Act Art. 9 → the risk gate contract).',
  }
  // OSCAL wants at least one requirement in a control-implementation: with none, the component has none.
  const profile = profileResource(name, manifestFile, manifest.oscal?.assessment_plan)
  if (requirements.length > 0) {
    component['control-implementations'] = [
      {
        uuid: uuidV5(SEI_OSCAL_NAMESPACE, `control-implementation:${name}`),
        source: `#${profile.uuid}`,
        description: 'Generated by `sei compile`. Do not edit by hand: the source is the risk section of the manifest.',
        'implemented-requirements': requirements,
      },
    ]
  }
  const components = [component]
  // OSCAL asks for a new document UUID whenever the content changes: derive it from the content.
  const contentDigest = createHash('sha256').update(JSON.stringify(components)).digest('hex')
  const document: ComponentDefinition = {
    'component-definition': {
      uuid: uuidV5(SEI_OSCAL_NAMESPACE, `component-definition:${name}:${contentDigest}`),
      metadata: {
        title: `Assessment plan (compiled from the risk section of '${name}')`,
        'last-modified': FIXED_LAST_MODIFIED,
        version: manifest.system.version?.trim() || '1.0.0',
        'oscal-version': OSCAL_VERSION,
        remarks:
          'Generated by `sei compile` from the manifest alone: the same manifest gives the same bytes, so ' +
          'last-modified is fixed and the UUIDs are name-based (v5).',
      },
      components,
      ...(requirements.length > 0 ? {'back-matter': {resources: [profile]}} : {}),
    },
  }
  return {document, requirements: requirements.length, advisories, problems}
}
