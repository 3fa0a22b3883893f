import {posix} from 'node:path'
import {exAnteControls, type ControlResult} from '../controls/index.js'
import {stableJson} from '../evidence/index.js'
import type {Manifest} from '../manifest/index.js'
import {OSCAL_VERSION, requirementUuid, seiProp, type Prop, type Resource} from './plan.js'
import {SEI_OSCAL_NAMESPACE, uuidV5} from './uuid.js'

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

const OPS: Record<string, string> = {lt: '<', lte: '<=', gt: '>', gte: '>=', eq: '==', ne: '!=', neq: '!='}
const text = (v: unknown): string => (typeof v === 'string' ? v : stableJson(v))

function sha256Rlink(href: string, sha256: string | undefined, mediaType: string): NonNullable<Resource['rlinks']>[number] {
  return {href, 'media-type': mediaType, ...(sha256 ? {hashes: [{algorithm: 'SHA-256', value: sha256}]} : {})}
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
  const id = (kind: string, name = '') => uuidV5(SEI_OSCAL_NAMESPACE, `${kind}:${system}:${input.bundleSha256}:${name}`)
  const commit = input.bundle.triple.code
  const fromEvidence = (repoPath: string) => posix.relative(input.evidenceDir, repoPath)
  const planResource: Resource = {
    uuid: id('resource', 'plan'),
    title: 'The compiled OSCAL component-definition (`sei compile`): the gate contract these results assess',
    ...(input.plan ? {rlinks: [sha256Rlink(fromEvidence(input.plan.path), input.plan.sha256, input.plan.path.endsWith('.json') ? 'application/json' : 'application/yaml')]} : {}),
    ...(input.plan ? {} : {remarks: 'The manifest declares no oscal.assessment_plan: run `sei compile` after declaring one.'}),
  }
  const bundleResource: Resource = {
    uuid: id('resource', 'bundle'),
    title: 'The signed evidence bundle of this run (DSSE envelope in bundle.json.sig)',
    rlinks: [sha256Rlink('bundle.json', input.bundleSha256, 'application/json')],
  }
  const resources = [planResource, bundleResource]
  if (input.bom) {
    resources.push({
      uuid: id('resource', 'bom'),
      title: `CycloneDX 1.6 SBOM of the pipeline's Python environment (${input.bom.environment})`,
      rlinks: [sha256Rlink(input.bom.file, input.bom.sha256, 'application/vnd.cyclonedx+json')],
    })
  }
  const planHref = (uuid: string) => (input.plan ? `${fromEvidence(input.plan.path)}#${uuid}` : `urn:uuid:${uuid}`)
  const observations: Observation[] = input.bundle.control_results.map((r, i) => {
    const value = r.actual_value === null ? 'none' : text(r.actual_value)
    const constraint = `${OPS[r.operator] ?? r.operator} ${text(r.threshold)}`
    const props: Prop[] = [
      seiProp('control-id', r.control_id),
      seiProp('metric', r.metric_key),
      seiProp('value', value),
      seiProp('operator', r.operator),
      seiProp('threshold', text(r.threshold)),
      seiProp('passed', String(r.passed)),
      seiProp('enforcement_mode', r.enforcement_mode),
      seiProp('risk_id', r.risk_id),
    ]
    const power = r.power ?? {}
    for (const k of ['ci_low', 'ci_high', 'ci_level', 'method', 'n', 'n_clusters', 'n_boot', 'seed']) {
      if (power[k] !== undefined && power[k] !== null) props.push(seiProp(k, text(power[k])))
    }
    if (commit) props.push(seiProp('commit', commit))
    const ci = power.ci_low !== undefined && power.ci_high !== undefined ? ` (${text(power.ci_level ?? 0.95)} CI ${text(power.ci_low)}–${text(power.ci_high)})` : ''
    return {
      uuid: id('observation', r.control_id),
      title: `${r.control_id}: ${r.metric_key} = ${value}`,
      description: `${r.metric_key} = ${value}${ci} against the constraint ${constraint}: ${r.passed ? 'PASS' : 'FAIL'} (${r.enforcement_mode}).`,
      props,
      links: [{href: planHref(requirementUuid(system, r.control_id)), rel: 'implemented-requirement', text: `implemented-requirement of ${r.control_id}`}],
      methods: ['TEST'],
      types: ['control-objective'],
      'relevant-evidence': [{href: `#${bundleResource.uuid}`, description: `control_results[${i}] of the signed bundle`}],
      collected: input.timestamp,
    }
  })
  const observationOf = new Map(observations.map((o, i) => [input.bundle.control_results[i].control_id, o.uuid]))
  const failing = [
    ...input.bundle.control_results.filter((r) => !r.passed).map((r) => ({control_id: r.control_id, enforcement: r.enforcement_mode, why: r.note ?? `${r.metric_key} = ${r.actual_value === null ? 'none' : text(r.actual_value)} does not satisfy ${OPS[r.operator] ?? r.operator} ${text(r.threshold)}`})),
    ...input.missing.map((m) => ({control_id: m.control_id, enforcement: 'block', why: m.note ?? `no value for the constraint ${m.constraint}`})),
  ]
  const findings = failing.map((f) => ({
    uuid: id('finding', f.control_id),
    title: `${f.control_id} fails${f.enforcement === 'block' ? ' (blocks the risk gate)' : ''}`,
    description: `${f.why}.`,
    props: [seiProp('control-id', f.control_id), seiProp('enforcement_mode', f.enforcement)],
    target: {type: 'objective-id', 'target-id': f.control_id, status: {state: 'not-satisfied'}},
    ...(observationOf.has(f.control_id) ? {'related-observations': [{'observation-uuid': observationOf.get(f.control_id)!}]} : {}),
  }))
  const measures = exAnteControls(manifest).map(({measure}) => measure.id)
  const result = {
    uuid: id('result'),
    title: `sei run of '${system}'${commit ? ` at ${commit.slice(0, 12)}` : ''}: risk gate ${input.gate}`,
    description: `Every ex-ante control of the risk section evaluated against the metrics the pipeline wrote; ${findings.length} failing.`,
    start: input.timestamp,
    end: input.timestamp,
    props: [seiProp('gate', input.gate), ...(commit ? [seiProp('commit', commit)] : []), seiProp('bundle-sha256', input.bundleSha256)],
    'reviewed-controls': {
      'control-selections': [{
        description: `The ex-ante measures of the risk section of ${input.manifestFile} (the implemented-requirements of the compiled component-definition).`,
        ...(measures.length > 0 ? {'include-controls': measures.map((m) => ({'control-id': m}))} : {}),
      }],
    },
    ...(observations.length > 0 ? {observations} : {}),
    ...(findings.length > 0 ? {findings} : {}),
  }
  return {
    'assessment-results': {
      uuid: id('assessment-results'),
      metadata: {
        title: `Assessment results of '${system}' (sei run)`,
        'last-modified': input.timestamp,
        version: manifest.system.version?.trim() || '1.0.0',
        'oscal-version': OSCAL_VERSION,
        remarks: 'Written and signed by `sei run` next to the evidence bundle it summarises. Times are the commit\'s, UUIDs are name-based on the bundle digest: the same run gives the same bytes.',
      },
      'import-ap': {href: `#${planResource.uuid}`},
      results: [result],
      'back-matter': {resources},
    },
  }
}
