import type {StandardCatalog} from '@sei/sdk'

// Clause ids and cycle phases are those of the reference engine's catalog (they are what
// `standard_clauses: ["<id>#<clause>"]` cites); titles are our own English wording.
// `criterion` decides a clause even when measures cite it; `fallback` only when none does.
export const catalog: StandardCatalog = {
  id: 'iso/23894@2023',
  title: 'ISO/IEC 23894:2023 — Artificial intelligence: guidance on risk management',
  authority: 'international',
  kind: 'clauses',
  clauses: [
    {
      clause_id: '6.2',
      cycle_phase: 'communication',
      title: 'Stakeholders consulted and kept informed',
      criterion: 'stakeholders_identified',
    },
    {
      clause_id: '6.3',
      cycle_phase: 'criteria',
      title: 'Scope, context and risk criteria set and applied',
      criterion: 'criteria_applied',
    },
    {clause_id: '6.4.2', cycle_phase: 'identification', title: 'Risks identified'},
    {clause_id: '6.4.3', cycle_phase: 'analysis', title: 'Risks analysed'},
    {clause_id: '6.4.4', cycle_phase: 'evaluation', title: 'Risks evaluated against the criteria'},
    {clause_id: '6.5', cycle_phase: 'treatment', title: 'Risks treated and the treatment verified'},
    {
      clause_id: '6.6',
      cycle_phase: 'monitor',
      title: 'Risk management monitored and reviewed',
      fallback: 'monitoring_plan',
    },
    {clause_id: '6.7', cycle_phase: 'file', title: 'Risk management recorded and reported', fallback: 'signed_bundle'},
  ],
}
