import type {RiskTemplate} from '@sei/sdk'

// The assessment graph's rules, as data: each template applies when every fact in `when` holds for
// the manifest (facts are derived in assess-facts.ts). A template is already declared when the
// register has a risk with its id, or a declared measure uses one of its suggested metrics (the
// concern is measured, whatever the risk is called). Standard plugins may add templates of their own
// (StandardCatalog.riskTemplates), which apply when their standard is applicable.

/** A dataset with fewer records than this is small: the small_dataset fact (assess.ts) and its template's rationale. */
export const SMALL_DATASET_RECORDS = 1000

/** 1000 → `1,000` without Intl: toLocaleString's first call loads ICU's locale data (≈ 7 ms of every status). */
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')

export const BASE_TEMPLATES: RiskTemplate[] = [
  {
    id: 'risk.unfair-outcomes-by-group',
    title: 'Outcomes differ unfairly between groups of affected persons',
    domain: 'fairness',
    rationale:
      'The system takes part in decisions about persons and its data holds sensitive attributes: outcome rates ' +
      'can differ between protected groups.',
    when: ['decides_about_persons', 'sensitive_attributes'],
    measures: [
      {metric: 'demographic_parity_diff', constraint: '< 0.10', article: '10'},
      {metric: 'equal_opportunity_diff', constraint: '< 0.10', article: '15'},
    ],
    clauses: ['eu/ai-act@2024#art-10', 'eu/pren-18283@2026#bias.subgroup_measurement', 'iso/42001@2023#A.5.4'],
  },
  {
    id: 'risk.bias-not-measurable',
    title: 'Bias cannot be measured: no sensitive attribute is documented',
    domain: 'data',
    rationale:
      'The system decides about persons, but neither its dataset (Croissant-RAI sensitiveData) nor any measure ' +
      '(inputs.dimension) names a sensitive attribute, so group fairness cannot be checked.',
    when: ['decides_about_persons', 'no_sensitive_attributes'],
    measures: [{metric: 'bias_examination_declared', constraint: '> 0', article: '10'}],
    clauses: ['eu/ai-act@2024#art-10', 'iso/42001@2023#A.7.4'],
  },
  {
    id: 'risk.documented-data-bias',
    title: 'Biases documented in the dataset carry into the model',
    domain: 'data',
    rationale:
      'The dataset descriptor documents known biases (Croissant-RAI dataBiases); unless measured, the model can ' +
      'reproduce them.',
    when: ['data_biases'],
    measures: [
      {metric: 'demographic_parity_diff', constraint: '< 0.10', article: '10'},
      {metric: 'disparate_impact', constraint: '> 0.80', article: '10'},
    ],
    clauses: ['eu/ai-act@2024#art-10', 'iso/42001@2023#A.7.4', 'mlcommons/croissant-rai@1.0#dataBiases'],
  },
  {
    id: 'risk.personal-data-exposure',
    title: 'Personal or sensitive data can be re-identified',
    domain: 'data',
    rationale:
      'The dataset holds sensitive personal information; records may be re-identifiable from quasi-identifiers.',
    when: ['sensitive_attributes', 'affected_persons'],
    measures: [{metric: 'k_anonymity', constraint: '>= 5', article: '10'}],
    clauses: ['eu/ai-act@2024#art-10', 'iso/42001@2023#A.7.4', 'iso/42001@2023#A.7.5'],
  },
  {
    id: 'risk.misclassification',
    title: 'Wrong predictions on the intended population',
    domain: 'safety',
    rationale:
      'A classifier makes errors; without a performance floor on held-out data, too many cases are misclassified.',
    when: ['task.type:classification'],
    measures: [
      {metric: 'recall_score', constraint: '> 0.80', article: '15'},
      {metric: 'accuracy_score', constraint: '> 0.75', article: '15'},
    ],
    clauses: ['eu/ai-act@2024#art-15', 'iso/42001@2023#A.6.2.4'],
  },
  {
    id: 'risk.segmentation-quality',
    title: 'Segmentations are inaccurate, or worse for some groups',
    domain: 'safety',
    rationale: 'A segmentation model must reach an overlap floor overall and keep the gap between groups small.',
    when: ['task.type:segmentation'],
    measures: [
      {metric: 'mean_score', constraint: '> 0.80', article: '15'},
      {metric: 'group_score_gap', constraint: '< 0.10', article: '15'},
    ],
    clauses: ['eu/ai-act@2024#art-15', 'iso/42001@2023#A.6.2.4'],
  },
  {
    id: 'risk.image-acquisition-shift',
    title: 'Images acquired under other conditions degrade performance',
    domain: 'safety',
    rationale: 'Image models are sensitive to devices, sites and image quality that differ from the training data.',
    when: ['task.modality:image'],
    measures: [{metric: 'worst_group_score', constraint: '> 0.70', article: '15'}],
    clauses: ['eu/ai-act@2024#art-15', 'iso/42001@2023#A.7.4'],
  },
  {
    id: 'risk.automation-bias',
    title: "People over-rely on the system's outputs",
    domain: 'governance',
    rationale:
      'Where a system takes part in decisions about persons, reviewers tend to accept its outputs unchecked ' +
      '(automation bias).',
    when: ['decides_about_persons'],
    measures: [
      {metric: 'oversight_automation_bias_declared', constraint: '> 0', article: '14'},
      {metric: 'oversight_mode_declared', constraint: '> 0', article: '14'},
    ],
    clauses: ['eu/ai-act@2024#art-14', 'iso/42001@2023#A.9.4'],
  },
  {
    id: 'risk.inconclusive-evidence',
    title: 'Controls pass on samples too small to be conclusive',
    domain: 'data',
    rationale:
      'In the latest bundle a control passed while its confidence interval crosses the threshold (or rests on ' +
      'fewer than 100 cases): the evidence does not settle the risk.',
    when: ['inconclusive_evidence'],
    measures: [{metric: 'validation_sample_size', constraint: '>= 500', article: '15'}],
    clauses: ['eu/ai-act@2024#art-15', 'eu/pren-18228@2026#9.2'],
  },
  {
    id: 'risk.small-dataset',
    title: 'Too few records to represent the intended population',
    domain: 'data',
    rationale:
      `The dataset's local files hold fewer than ${thousands(SMALL_DATASET_RECORDS)} records: ` +
      'subgroups are thin and results may not carry over to the intended population.',
    when: ['small_dataset'],
    measures: [{metric: 'min_group_size', constraint: '>= 30', article: '10'}],
    clauses: ['eu/ai-act@2024#art-10', 'iso/42001@2023#A.7.4', 'iso/iec-5259-2@2024#balance'],
  },
  {
    id: 'risk.post-market-drift',
    title: 'Performance drifts after release unnoticed',
    domain: 'safety',
    rationale:
      'No post-market measure (lifecycle monitoring) is declared: a change in the population or data after ' +
      'release would go unseen.',
    when: ['no_monitoring_plan'],
    measures: [{metric: 'performance_drift', constraint: '< 0.05', article: '72'}],
    clauses: ['eu/ai-act@2024#art-72', 'iso/42001@2023#A.6.2.6'],
  },
  {
    id: 'risk.clinical-performance',
    title: 'Clinical performance not demonstrated for the intended use',
    domain: 'safety',
    rationale:
      'A medical device must demonstrate its clinical performance and keep residual risk acceptable (MDR Annex I).',
    when: ['context:eu/mdr@2017'],
    measures: [{metric: 'recall_score', constraint: '> 0.80', article: '15'}],
    clauses: ['eu/mdr@2017#gspr-17.1', 'eu/mdr@2017#gspr-8-residual-risk'],
  },
  {
    id: 'risk.ict-third-party',
    title: 'ICT third-party dependencies of the model are not managed',
    domain: 'governance',
    rationale:
      'Under DORA, the ICT services the model relies on (hosting, libraries, data providers) are third-party ' +
      'risk to register and manage.',
    when: ['context:eu/dora@2022'],
    measures: [{metric: 'ict_third_party_register_declared', constraint: '> 0', article: 'ext'}],
    clauses: ['eu/dora@2022#art-28', 'iso/42001@2023#A.10.3'],
  },
]

/** Unaddressed misuse is proposed one risk per misuse case: the rule is parameterised by the misuse. */
export const MISUSE_TEMPLATE = {
  domain: 'governance',
  measures: [{metric: 'misuse_safeguard_declared', constraint: '> 0', article: '9'}],
  clauses: ['eu/ai-act@2024#art-9', 'iso/42001@2023#A.9.4'],
}
