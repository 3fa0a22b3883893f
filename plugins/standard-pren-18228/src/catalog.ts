import type {StandardCatalog} from '@sei/sdk'

// Clause ids and cycle phases are those of the reference engine's catalog (they are what
// `standard_clauses: ["<id>#<clause>"]` cites); titles are our own English wording.
// `criterion` decides a clause even when measures cite it; `fallback` only when none does.
export const catalog: StandardCatalog = {
  id: 'eu/pren-18228@2026',
  title: 'prEN 18228:2026 — AI risk management (draft harmonised standard for EU AI Act Art. 9)',
  authority: 'harmonized_draft',
  kind: 'clauses',
  clauses: [
    {clause_id: '6.2.1', cycle_phase: 'analysis', title: 'Intended purpose of the AI system stated'},
    {
      clause_id: '6.2.2',
      cycle_phase: 'analysis',
      title: 'Reasonably foreseeable misuse identified',
      fallback: 'misuse_declared',
    },
    {
      clause_id: '6.3',
      cycle_phase: 'estimation',
      title: 'Risks estimated by likelihood and severity',
      criterion: 'risk_estimation',
    },
    {clause_id: '7', cycle_phase: 'evaluation', title: 'Estimated risks evaluated against acceptance criteria'},
    {
      clause_id: '8.1',
      cycle_phase: 'testing',
      title: 'Testing against predefined acceptance criteria, with objective evidence',
      fallback: 'power_statistics',
    },
    {
      clause_id: '9.1.2',
      cycle_phase: 'risk_control',
      title: 'Risk control measures chosen along the control hierarchy',
      criterion: 'control_hierarchy',
    },
    {
      clause_id: '9.2',
      cycle_phase: 'risk_control',
      title: 'Risk control measures implemented and their effectiveness verified',
    },
    {
      clause_id: '9.3',
      cycle_phase: 'residual',
      title: 'Residual risk of each risk evaluated after control',
      criterion: 'residual_present',
    },
    {
      clause_id: '10',
      cycle_phase: 'overall_residual',
      title: 'Overall residual risk evaluated against the declared criterion',
      criterion: 'overall_residual',
    },
    {
      clause_id: '11',
      cycle_phase: 'review',
      title: 'Management review of the risk management outcome',
      criterion: 'management_review',
    },
    {clause_id: '4.6', cycle_phase: 'file', title: 'Risk management file kept', fallback: 'signed_bundle'},
  ],
}
