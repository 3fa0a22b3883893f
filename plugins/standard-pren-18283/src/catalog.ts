import type {StandardCatalog} from '@sei/sdk'

// Clause ids and cycle phases are those of the reference engine's catalog (they are what
// `standard_clauses: ["<id>#<clause>"]` cites); titles are our own English wording.
// `criterion` decides a clause even when measures cite it; `fallback` only when none does.
export const catalog: StandardCatalog = {
  id: 'eu/pren-18283@2026',
  title: 'prEN 18283:2026 — Bias management for AI systems (draft harmonised standard)',
  authority: 'harmonized_draft',
  kind: 'clauses',
  clauses: [
    {
      clause_id: 'bias.affected_groups',
      cycle_phase: 'bias_examination',
      title: 'Relevant and affected groups identified from the intended purpose (not only protected classes)',
      criterion: 'stakeholders_identified',
    },
    {
      clause_id: 'bias.examination',
      cycle_phase: 'bias_examination',
      title:
        'Possible biases examined as bias scenarios (group at risk and comparison group, hazards, potential harms)',
    },
    {
      clause_id: 'bias.relevant_data',
      cycle_phase: 'data_governance',
      title: 'Data relevant and sufficiently representative; data gaps and contextual limits examined',
    },
    {
      clause_id: 'bias.data_sufficiency_gap',
      cycle_phase: 'data_governance',
      title: 'Whether the data suffice to certify fairness: a gap that retraining cannot close',
    },
    {
      clause_id: 'bias.subgroup_measurement',
      cycle_phase: 'bias_measurement',
      title: 'Bias measured per subgroup with a governed threshold and statistical power',
    },
    {
      clause_id: 'bias.mitigation',
      cycle_phase: 'bias_mitigation',
      title: 'Measures to detect, prevent and mitigate the identified biases (debiasing, treatment)',
    },
    {
      clause_id: 'bias.residual_evaluation',
      cycle_phase: 'bias_residual',
      title: 'Residual bias risk evaluated after mitigation (within the declared criterion)',
    },
    {
      clause_id: 'bias.special_category_safeguards',
      cycle_phase: 'bias_special_category',
      title:
        'Exceptional processing of special categories of data for bias detection and correction, with the safeguards of AI Act Art. 10(5)(a)–(f)',
    },
    {
      clause_id: 'bias.monitoring',
      cycle_phase: 'bias_monitor',
      title: 'Post-market monitoring of bias, with review triggers',
      fallback: 'monitoring_plan',
    },
    {
      clause_id: 'bias.management_file',
      cycle_phase: 'bias_file',
      title: 'Signed bias management record (bias scenarios versioned and documented)',
      fallback: 'signed_bundle',
    },
  ],
}
