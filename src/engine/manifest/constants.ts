// The closed vocabularies of sei.yaml. Kept apart from schema.ts so that commands can use them
// without loading typebox (≈ 250 ms at start-up); schema.ts builds the schema from them.

export const LIKELIHOODS = ['RARE', 'UNLIKELY', 'POSSIBLE', 'LIKELY', 'ALMOST_CERTAIN'] as const
export const IMPACTS = ['NEGLIGIBLE', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const
export const LEVELS = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const
export const DIMENSIONS = ['individual', 'society', 'organization'] as const
export const ENFORCEMENTS = ['gate', 'audit', 'monitor'] as const
export const LIFECYCLES = ['data_preparation', 'training', 'validation', 'monitoring'] as const
export const TREATMENT_METHODS = ['REDUCE', 'AVOID', 'SHARE', 'RETAIN'] as const
export const CONTROL_TIERS = ['inherent', 'protective', 'informative'] as const
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const
export const API_VERSIONS = ['seigarrena.dev/v1alpha1', 'venturalitica.ai/v1alpha1'] as const
export const ARTICLES = ['9', '10', '11', '12', '13', '14', '15', '72', 'ext'] as const

/** Manifest fields that name a file of the repository: each must stay inside it. */
export const PATH_FIELDS: readonly (readonly string[])[] = [
  ['dataset', 'croissant'],
  ['eval', 'script'],
  ['pipeline', 'metrics'],
  ['pipeline', 'params'],
  ['oscal', 'assessment_plan'],
]

/** A manifest is a few kilobytes; anything this large is not one (and would be slow to diagnose). */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024
/** Nesting deeper than this is no manifest (the schema is 6 levels deep): refused before YAML parses it. */
export const MAX_MANIFEST_DEPTH = 64
