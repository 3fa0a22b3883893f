import {posix} from 'node:path'
import {exAnteControls, operatorSymbol, type ControlResult} from '../controls/index.js'
import {stableJson, uuidV5} from '../canonical/index.js'
import type {Manifest} from '../manifest/index.js'
import {REVISION_SHA_LENGTH, shortSha} from '../repo/index.js'
import {OSCAL_VERSION, requirementUuid, seiProp, type Prop, type Resource} from './plan.js'
import {SEI_OSCAL_NAMESPACE} from './uuid.js'

/** The file name of the results document in the evidence directory. */
export const RESULTS_FILE = 'assessment-results.oscal.json'

/** A control the gate counts as failing although it has no result (a blocking measure without a value). */
export type MissingControl = {control_id: string; risk_id?: string; constraint: string; note?: string}

export type ResultsInput = {
  manifest: Manifest
  manifestFile: string
  /** The evidence directory, repository-relative (`.sei`): hrefs are relative to it. */
  evidenceDir: string
  bundle: {control_results: ControlResult[]; triple: {code: string}}
  bundleSha256: string
  missing: MissingControl[]
  gate: 'GREEN' | 'RED'
  /** The run's time, from the commit (committer date): the same inputs give the same document. */
  timestamp: string
  plan?: {path: string; sha256?: string}
  bom?: {file: string; sha256: string; environment: string}
}

type Observation = {
  uuid: string
  title: string
  description: string
  props: Prop[]
  links?: {href: string; rel: string; text?: string}[]
  methods: string[]
  types: string[]
  'relevant-evidence': {href: string; description: string}[]
  collected: string
}

const text = (v: unknown): string => (typeof v === 'string' ? v : stableJson(v))
const valueText = (r: ControlResult) => (r.actual_value === null ? 'none' : text(r.actual_value))
const constraintText = (r: ControlResult) => `${operatorSymbol(r.operator)} ${text(r.threshold)}`
/** The power fields an observation carries as props (the confidence interval and how it was made). */
const POWER_PROPS = ['ci_low', 'ci_high', 'ci_level', 'method', 'n', 'n_clusters', 'n_boot', 'seed']

type Rlink = NonNullable<Resource['rlinks']>[number]
function rlink(href: string, sha256: string | undefined, mediaType: string): Rlink {
  return {href, 'media-type': mediaType, ...(sha256 ? {hashes: [{algorithm: 'SHA-256', value: sha256}]} : {})}
}

/** Makes the document's name-based UUIDs: same system and bundle, same UUIDs. */
type Ids = (kind: string, name?: string) => string

/** Back-matter: the compiled plan (import-ap), the signed bundle (evidence of every observation), the SBOM. */
function resources(input: ResultsInput, id: Ids): {plan: Resource; bundle: Resource; all: Resource[]} {
  const plan: Resource = {
    uuid: id('resource', 'plan'),
    title: 'The compiled OSCAL component-definition (`sei compile`): the gate contract these results assess',
  }
  if (input.plan) {
    const media = input.plan.path.endsWith('.json') ? 'application/json' : 'application/yaml'
    plan.rlinks = [rlink(posix.relative(input.evidenceDir, input.plan.path), input.plan.sha256, media)]
  } else {
    plan.remarks = 'The manifest declares no oscal.assessment_plan: run `sei compile` after declaring one.'
  }
  const bundle: Resource = {
    uuid: id('resource', 'bundle'),
    title: 'The signed evidence bundle of this run (DSSE envelope in bundle.json.sig)',
    rlinks: [rlink('bundle.json', input.bundleSha256, 'application/json')],
  }
  const all = [plan, bundle]
  if (input.bom) {
    all.push({
      uuid: id('resource', 'bom'),
      title: `CycloneDX 1.6 SBOM of the pipeline's Python environment (${input.bom.environment})`,
      rlinks: [rlink(input.bom.file, input.bom.sha256, 'application/vnd.cyclonedx+json')],
    })
  }
  return {plan, bundle, all}
}

/** One control result as an observation, linked to its implemented-requirement and to the bundle entry. */
function observation(
  input: ResultsInput,
  r: ControlResult,
  index: number,
  id: Ids,
  bundleResource: string,
): Observation {
  const commit = input.bundle.triple.code
  const props: Prop[] = [
    seiProp('control-id', r.control_id),
    seiProp('metric', r.metric_key),
    seiProp('value', valueText(r)),
    seiProp('operator', r.operator),
    seiProp('threshold', text(r.threshold)),
    seiProp('passed', String(r.passed)),
    seiProp('enforcement_mode', r.enforcement_mode),
    seiProp('risk_id', r.risk_id),
  ]
  const power = r.power ?? {}
  for (const k of POWER_PROPS) if (power[k] !== undefined && power[k] !== null) props.push(seiProp(k, text(power[k])))
  if (commit) props.push(seiProp('commit', commit))
  const hasCi = power.ci_low !== undefined && power.ci_high !== undefined
  const ci = hasCi ? ` (${text(power.ci_level ?? 0.95)} CI ${text(power.ci_low)}–${text(power.ci_high)})` : ''
  const requirement = requirementUuid(input.manifest.system.name, r.control_id)
  const planPath = input.plan && posix.relative(input.evidenceDir, input.plan.path)
  const outcome = `${r.passed ? 'PASS' : 'FAIL'} (${r.enforcement_mode})`
  return {
    uuid: id('observation', r.control_id),
    title: `${r.control_id}: ${r.metric_key} = ${valueText(r)}`,
    description: `${r.metric_key} = ${valueText(r)}${ci} against the constraint ${constraintText(r)}: ${outcome}.`,
    props,
    links: [
      {
        href: planPath ? `${planPath}#${requirement}` : `urn:uuid:${requirement}`,
        rel: 'implemented-requirement',
        text: `implemented-requirement of ${r.control_id}`,
      },
    ],
    methods: ['TEST'],
    types: ['control-objective'],
    'relevant-evidence': [{href: `#${bundleResource}`, description: `control_results[${index}] of the signed bundle`}],
    collected: input.timestamp,
  }
}

/** A finding per failing control: a result that fails, or a blocking measure without a value. */
function findings(input: ResultsInput, id: Ids, observationOf: Map<string, string>): Record<string, unknown>[] {
  const failing = [
    ...input.bundle.control_results
      .filter((r) => !r.passed)
      .map((r) => ({
        control_id: r.control_id,
        enforcement: r.enforcement_mode,
        why: r.note ?? `${r.metric_key} = ${valueText(r)} does not satisfy ${constraintText(r)}`,
      })),
    ...input.missing.map((m) => ({
      control_id: m.control_id,
      enforcement: 'block',
      why: m.note ?? `no value for the constraint ${m.constraint}`,
    })),
  ]
  return failing.map((f) => {
    const related = observationOf.get(f.control_id)
    return {
      uuid: id('finding', f.control_id),
      title: `${f.control_id} fails${f.enforcement === 'block' ? ' (blocks the risk gate)' : ''}`,
      description: `${f.why}.`,
      props: [seiProp('control-id', f.control_id), seiProp('enforcement_mode', f.enforcement)],
      target: {type: 'objective-id', 'target-id': f.control_id, status: {state: 'not-satisfied'}},
      ...(related ? {'related-observations': [{'observation-uuid': related}]} : {}),
    }
  })
}

/**
 * The OSCAL assessment-results of one run (written next to the bundle, signed): one observation per
 * control result (value, confidence interval when present, commit), linked by UUID to its
 * implemented-requirement in the compiled component-definition; one finding per failing control;
 * reviewed-controls naming the measures. Every UUID is name-based (v5) on the bundle's digest, and
 * the times are the commit's: the same run gives the same bytes.
 */
export function buildAssessmentResults(input: ResultsInput): Record<string, unknown> {
  const {manifest} = input
  const system = manifest.system.name
  const id: Ids = (kind, name = '') => uuidV5(SEI_OSCAL_NAMESPACE, `${kind}:${system}:${input.bundleSha256}:${name}`)
  const commit = input.bundle.triple.code
  const at = commit ? ` at ${shortSha(commit, REVISION_SHA_LENGTH)}` : ''
  const backMatter = resources(input, id)
  const observations = input.bundle.control_results.map((r, i) => observation(input, r, i, id, backMatter.bundle.uuid))
  const observationOf = new Map(observations.map((o, i) => [input.bundle.control_results[i].control_id, o.uuid]))
  const failing = findings(input, id, observationOf)
  const measures = exAnteControls(manifest).map(({measure}) => ({'control-id': measure.id}))
  const result = {
    uuid: id('result'),
    title: `sei run of '${system}'${at}: risk gate ${input.gate}`,
    description: `Every ex-ante control of the risk section evaluated on the pipeline's metrics; ${
      failing.length
    } failing.`,
    start: input.timestamp,
    end: input.timestamp,
    props: [
      seiProp('gate', input.gate),
      ...(commit ? [seiProp('commit', commit)] : []),
      seiProp('bundle-sha256', input.bundleSha256),
    ],
    'reviewed-controls': {
      'control-selections': [
        {
          description: `The ex-ante measures of the risk section of ${input.manifestFile} (the plan's requirements).`,
          ...(measures.length > 0 ? {'include-controls': measures} : {}),
        },
      ],
    },
    ...(observations.length > 0 ? {observations} : {}),
    ...(failing.length > 0 ? {findings: failing} : {}),
  }
  return {
    'assessment-results': {
      uuid: id('assessment-results'),
      metadata: {
        title: `Assessment results of '${system}' (sei run)`,
        'last-modified': input.timestamp,
        version: manifest.system.version?.trim() || '1.0.0',
        'oscal-version': OSCAL_VERSION,
        remarks:
          "Written and signed by `sei run` beside the evidence bundle it summarises. Times are the commit's and " +
          'UUIDs are name-based on the bundle digest: the same run gives the same bytes.',
      },
      'import-ap': {href: `#${backMatter.plan.uuid}`},
      results: [result],
      'back-matter': {resources: backMatter.all},
    },
  }
}
