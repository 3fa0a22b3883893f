/**
 * Named rules a catalog may bind a clause to. The engine implements them; a catalog only names them.
 * `criterion` rules decide a clause even when measures cite it; `fallback` rules decide it only when
 * no measure cites it.
 */
export type CriterionName =
  | 'risk_estimation' // every risk has likelihood and impact
  | 'control_hierarchy' // every gate measure declares a control tier
  | 'residual_present' // every risk with a gate control declares a residual likelihood
  | 'overall_residual' // the overall residual is evaluated against the declared criterion
  | 'criteria_applied' // risk criteria established and applied (overall residual evaluated)
  | 'stakeholders_identified' // affected persons declared
  | 'management_review' // a current management approval
  | 'signed_bundle' // a signed evidence bundle is present
  | 'monitoring_plan' // a post-market or periodic monitoring plan is declared
  | 'power_statistics' // ≥1 control carries confidence intervals
  | 'bom_present' // a signed BOM is part of the bundle
  | 'misuse_declared' // reasonably foreseeable misuse is declared

export type Clause = {
  clause_id: string
  cycle_phase: string
  title: string
  criterion?: CriterionName
  fallback?: CriterionName
}

/** A proposed risk the assessment graph can suggest (sei assess). */
export type RiskTemplate = {
  id: string
  title: string
  domain: string
  rationale: string
  /** Fact names (see the engine's assess rules) that make this template apply. */
  when: string[]
  measures: {metric: string; constraint: string; article?: string}[]
  clauses: string[]
}

/** How much a standard weighs in `means_of_conformance`. */
export type Authority = 'harmonized_draft' | 'international' | 'de_facto' | 'regulation'

/**
 * A StandardCatalog is a standard's clause list plus the criteria that decide some clauses.
 *
 * @example
 * const iso23894: StandardCatalog = {
 *   id: 'iso/23894@2023', title: 'ISO/IEC 23894:2023', authority: 'international',
 *   clauses: [{clause_id: '6.4.4', cycle_phase: 'evaluation', title: 'Risk evaluation'}],
 * }
 */
export type StandardCatalog = {
  /** `<body>/<name>@<year>`, as cited in `standard_clauses` (`iso/23894@2023#6.4.4`). */
  id: string
  title: string
  authority: Authority
  /** `clauses` for conformance projection; `annex-a` for an ISO 42001 style control set (sei soa). */
  kind?: 'clauses' | 'annex-a'
  clauses: Clause[]
  riskTemplates?: RiskTemplate[]
}

export type StandardQuery = Record<string, never>
