import type {StandardCatalog} from '@sei/sdk'

// Clause ids and cycle phases are those of the reference engine's catalog (they are what
// `standard_clauses: ["<id>#<clause>"]` cites); titles are our own English wording.
// `criterion` decides a clause even when measures cite it; `fallback` only when none does.
export const catalog: StandardCatalog = {
  id: 'eu/pren-18282@2026',
  title: 'prEN 18282:2026 — Cybersecurity for AI systems (draft harmonised standard)',
  authority: 'harmonized_draft',
  kind: 'clauses',
  clauses: [
    {
      clause_id: 'cyber.threat_modeling',
      cycle_phase: 'cyber_threat_modeling',
      title:
        'Complete estimation (likelihood and impact) of the declared risks, including AI-specific threats when declared (data or model poisoning, adversarial evasion, confidentiality)',
      criterion: 'risk_estimation',
    },
    {
      clause_id: 'cyber.adversarial_robustness',
      cycle_phase: 'cyber_robustness',
      title:
        'Resilience against adversarial examples and evasion (malicious input perturbation, as opposed to the non-malicious robustness of ISO/IEC 24029-2)',
    },
    {
      clause_id: 'cyber.data_model_integrity',
      cycle_phase: 'cyber_integrity',
      title:
        'Integrity and authenticity of artefact, data and weights (against data or model poisoning; deterministic reproduction of the delivered model)',
    },
    {
      clause_id: 'cyber.access_control',
      cycle_phase: 'cyber_access_control',
      title:
        'Least privilege and access control at the API and tool-invocation level: restricted actions are blocked by the interface, not by the prompt',
    },
    {
      clause_id: 'cyber.confidentiality',
      cycle_phase: 'cyber_confidentiality',
      title:
        'Confidentiality of model and data: protection against model extraction, model inversion and membership inference',
    },
    {
      clause_id: 'cyber.residual_evaluation',
      cycle_phase: 'cyber_residual',
      title: 'Residual cybersecurity risk evaluated after the controls (within the declared criterion)',
    },
    {
      clause_id: 'cyber.monitoring',
      cycle_phase: 'cyber_monitor',
      title: 'Post-market monitoring of cybersecurity incidents and threats, with triggers to revisit the threat model',
      fallback: 'monitoring_plan',
    },
    {
      clause_id: 'cyber.security_file',
      cycle_phase: 'cyber_file',
      title: 'Signed security file: measures, test and red-teaming results and attack surface, versioned and attested',
      fallback: 'signed_bundle',
    },
  ],
}
