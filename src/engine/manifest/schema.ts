import Type, {type Static} from 'typebox'

// The sei.yaml schema (reference/001 plus the fields the reference manifests use). Strict objects:
// a misspelt key (`enforcment: gate`) must be an error, never a silently non-blocking control.

import {
  API_VERSIONS,
  ARTICLES,
  CONTROL_TIERS,
  ENFORCEMENTS,
  IMPACTS,
  LEVELS,
  LIFECYCLES,
  LIKELIHOODS,
  SEVERITIES,
  TREATMENT_METHODS,
} from './constants.js'

const strict = {additionalProperties: false}
const Str = (description?: string) => Type.String({description})
const StrList = (description?: string) => Type.Array(Type.String(), {description})

export const MisuseSchema = Type.Object(
  {
    id: Str('Misuse case identifier, e.g. mu.proxy-discrimination.'),
    description: Str('The unintended but foreseeable use.'),
    addressed_by: Type.Optional(
      StrList('Ids of the risks that address it; empty = unaddressed (advisory GAP in sei impact).'),
    ),
  },
  strict,
)

export const MeasureSchema = Type.Object(
  {
    id: Str('Control id: OSCAL control-id, control_id in the bundle; the first key its value is looked up by.'),
    metric: Str('Metric name (free string for the engine; the pipeline computes it); the second lookup key.'),
    metrics_key: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          'Key path of the value in the metrics files, dotted as `dvc metrics show` prints it ' +
          '(roc_auc.test); default: the id, then the metric.',
      }),
    ),
    constraint: Str('"<op> <number>" with op one of < <= > >= == !=, e.g. "< 0.10".'),
    severity: Type.Optional(Type.Enum([...SEVERITIES])),
    enforcement: Type.Optional(
      Type.Enum([...ENFORCEMENTS], {
        description: 'gate blocks the risk gate; audit warns; monitor is a post-market plan.',
      }),
    ),
    evaluation: Type.Optional(
      Type.Enum(['automated', 'manual'], {description: 'manual: a declared attestation, never computed.'}),
    ),
    lifecycle: Type.Optional(Type.Array(Type.Enum([...LIFECYCLES]))),
    article: Type.Optional(
      Type.Enum([...ARTICLES], {description: 'EU AI Act article the measure evidences (a string).'}),
    ),
    frameworks: Type.Optional(StrList('Extra regulatory mapping, <std-id>#<clause>.')),
    control_tier: Type.Optional(
      Type.Enum([...CONTROL_TIERS], {description: 'Hierarchy of risk control (prEN 18228 cl. 9.1.2).'}),
    ),
    standard_clauses: Type.Optional(
      StrList('Clauses this measure evidences, <std-id>#<clause>; drive sei conformance and sei soa.'),
    ),
    inputs: Type.Optional(
      Type.Record(Type.String(), Type.String(), {
        description: 'Role → column: target, prediction, dimension, cluster, score.',
      }),
    ),
    trigger: Type.Optional(Str('Post-market (Art. 72) review trigger.')),
    frequency: Type.Optional(Str('ISO 8601 duration of the post-market check, e.g. P3M.')),
    metric_threshold: Type.Optional(Str('Post-market threshold, e.g. "< 0.05".')),
    art72_citation: Type.Optional(Str('e.g. eu/ai-act@2024#art-72.')),
  },
  strict,
)

export const TreatmentSchema = Type.Object(
  {
    method: Type.Enum([...TREATMENT_METHODS]),
    action: Type.Optional(Str()),
    controls: Type.Optional(StrList('Regulatory controls the treatment implements.')),
    residual_likelihood: Type.Optional(
      Type.Enum([...LIKELIHOODS], {description: 'Likelihood after treatment: gives the residual level.'}),
    ),
    measures: Type.Optional(Type.Array(MeasureSchema)),
  },
  strict,
)

export const ImpactSchema = Type.Object(
  {
    individual: Type.Optional(Type.Enum([...IMPACTS])),
    society: Type.Optional(Type.Enum([...IMPACTS])),
    organization: Type.Optional(Type.Enum([...IMPACTS])),
  },
  strict,
)

export const RiskSchema = Type.Object(
  {
    id: Str('Risk id, e.g. risk.unfair-credit-exclusion.'),
    title: Str(),
    domain: Type.Optional(Str('fairness, data, safety, governance, transparency, …')),
    rationale: Type.Optional(Str()),
    impact: ImpactSchema,
    likelihood: Type.Enum([...LIKELIHOODS]),
    treat: Type.Optional(Type.Array(TreatmentSchema)),
  },
  strict,
)

export const ApplicabilitySchema = Type.Record(
  Type.String(),
  Type.Object(
    {
      excluded: Type.Boolean(),
      justification: Type.Optional(Str('Why the control does not apply (required when excluded).')),
    },
    strict,
  ),
  {description: 'Statement of Applicability decisions, keyed by <std-id>#<control>.'},
)

export const RiskProgrammeSchema = Type.Object(
  {
    appetite: Type.Object(
      {
        individual: Type.Optional(Type.Enum([...LEVELS])),
        society: Type.Optional(Type.Enum([...LEVELS])),
        organization: Type.Optional(Type.Enum([...LEVELS])),
      },
      strict,
    ),
    criteria: Type.Optional(Type.Object({scale: Type.Enum(['5x5'])}, strict)),
    overall_residual_criterion: Type.Optional(Type.Enum([...LEVELS])),
    review_interval: Type.Optional(Str('ISO 8601 duration of the periodic review, e.g. P6M.')),
    governance: Type.Optional(
      Type.Object(
        {
          require_signed_acts: Type.Optional(
            Type.Boolean({
              description:
                'Count only governance acts (request, approve, review, reject, retire) whose commit signature ' +
                'git verifies (gpg, or ssh through gpg.ssh.allowedSignersFile).',
            }),
          ),
        },
        strict,
      ),
    ),
    risks: Type.Array(RiskSchema),
    applicability: Type.Optional(ApplicabilitySchema),
  },
  strict,
)

export const ManifestSchema = Type.Object(
  {
    apiVersion: Type.Enum([...API_VERSIONS]),
    kind: Type.Enum(['AISystem']),
    system: Type.Object(
      {
        name: Str('Slug of the system; feeds program_uid and report titles.'),
        intended_purpose: Type.Optional(Str('EU AI Act Art. 13(3)(b). A change is Drift A (re-triage).')),
        organization: Type.Optional(Str()),
        version: Type.Optional(Str()),
        decisions: Type.Optional(StrList()),
        affected_persons: Type.Optional(StrList()),
        component_type: Type.Optional(Str()),
        potential_misuses: Type.Optional(Type.Array(MisuseSchema)),
      },
      strict,
    ),
    task: Type.Optional(
      Type.Object(
        {
          modality: Type.Optional(Str('tabular, image, text, …')),
          type: Type.Optional(Str('classification, segmentation, regression, …')),
        },
        strict,
      ),
    ),
    context: Type.Optional(
      Type.Object(
        {
          applicable_standards: Type.Optional(StrList('Canonical standard ids, highest priority first.')),
          dora: Type.Optional(
            Type.Object(
              {
                entity: Type.Optional(Type.Record(Type.String(), Type.String())),
              },
              strict,
            ),
          ),
        },
        strict,
      ),
    ),
    dataset: Type.Optional(Type.Object({croissant: Str('Path of the Croissant descriptor of the dataset.')}, strict)),
    artifacts: Type.Optional(
      Type.Object(
        {
          model: Type.Optional(
            Type.Object(
              {
                kind: Type.Optional(Str()),
                seed: Type.Optional(Type.Integer()),
              },
              strict,
            ),
          ),
        },
        strict,
      ),
    ),
    eval: Type.Optional(
      Type.Object({script: Str('The evaluation/training script (the treatment lives here).')}, strict),
    ),
    // Tool-specific options (entry point, job, …) are validated by the reproducer plugin's own schema.
    pipeline: Type.Optional(
      Type.Object(
        {
          tool: Str('dvc, mlflow, dagster, or any reproducer plugin id.'),
          metrics: Type.Union([Str(), Type.Array(Type.String(), {minItems: 1})], {
            description:
              'Path of the metrics file the pipeline writes (JSON, or YAML by .yaml/.yml), or a list of them.',
          }),
          params: Type.Optional(Str('Path of the parameters file.')),
        },
        {additionalProperties: true},
      ),
    ),
    oscal: Type.Optional(Type.Object({assessment_plan: Str('Path of the OSCAL plan written by sei compile.')}, strict)),
    classification: Type.Optional(
      Type.Object(
        {
          tier: Str('high, limited, minimal, …'),
          basis: Type.Optional(StrList()),
          rationale: Type.Optional(Str()),
        },
        strict,
      ),
    ),
    risk: Type.Optional(RiskProgrammeSchema),
    roles: Type.Optional(
      Type.Array(
        Type.Object(
          {
            role: Str('provider, deployer, importer, distributor, …'),
            since: Type.Optional(Str()),
            market_phase: Type.Optional(Str()),
          },
          strict,
        ),
      ),
    ),
  },
  strict,
)

export type Manifest = Static<typeof ManifestSchema>
export type Risk = Static<typeof RiskSchema>
export type Treatment = Static<typeof TreatmentSchema>
export type Measure = Static<typeof MeasureSchema>
export type Misuse = Static<typeof MisuseSchema>
export type Likelihood = (typeof LIKELIHOODS)[number]
export type Impact = (typeof IMPACTS)[number]
export type Level = (typeof LEVELS)[number]
