import type {StandardCatalog} from '@sei/sdk'

// Clause ids and cycle phases are those of the reference engine's catalog (they are what
// `standard_clauses: ["<id>#<clause>"]` cites); titles are our own English wording.
// `criterion` decides a clause even when measures cite it; `fallback` only when none does.
export const catalog: StandardCatalog = {
  id: 'eu/dora@2022',
  title: 'Regulation (EU) 2022/2554 (DORA) — ICT risk, per-system proxy',
  authority: 'regulation',
  kind: 'clauses',
  clauses: [
    {
      clause_id: 'dora.ict-risk-framework',
      cycle_phase: 'ict_risk_framework',
      title:
        'ICT risk management framework: a coherent hierarchy of controls for this asset (per-system stand-in for Art. 5–6; board governance is organisational)',
      criterion: 'control_hierarchy',
    },
    {
      clause_id: 'dora.ict-risk-identification',
      cycle_phase: 'ict_identification',
      title: 'ICT risks of the model identified and classified, each with likelihood and impact (Art. 8)',
      criterion: 'risk_estimation',
    },
    {
      clause_id: 'dora.ict-risk-assessment',
      cycle_phase: 'ict_assessment',
      title: 'ICT risk assessed: aggregate residual evaluated against the declared criterion (Art. 6(2))',
      criterion: 'criteria_applied',
    },
    {
      clause_id: 'dora.ict-protection',
      cycle_phase: 'ict_protection',
      title: 'ICT protection and prevention: integrity, quality and confidentiality of data and model (Art. 9)',
    },
    {
      clause_id: 'dora.ict-system-resilience',
      cycle_phase: 'ict_protection',
      title:
        'Integrity and resilience of the ICT system: minimum stability and accuracy of the model in operation (Art. 9)',
    },
    {
      clause_id: 'dora.ict-detection',
      cycle_phase: 'ict_detection',
      title: "Detection of ICT anomalies and continuous watch over the model's behaviour (Art. 10)",
      fallback: 'monitoring_plan',
    },
    {
      clause_id: 'dora.backup-resilience',
      cycle_phase: 'ict_continuity',
      title:
        'Reproducibility and recovery of the ICT asset: an anchored, recomputable artefact in a signed bundle (per-system stand-in for Art. 12; not infrastructure backups)',
      fallback: 'signed_bundle',
    },
    {
      clause_id: 'dora.ict-risk-review',
      cycle_phase: 'ict_review',
      title:
        'Periodic review of the ICT risk framework: a review interval or a declared monitoring measure (Art. 6(5))',
      fallback: 'monitoring_plan',
    },
    {
      clause_id: 'dora.resilience-testing',
      cycle_phase: 'ict_testing',
      title:
        'Digital operational resilience testing: per-system validation of the asset through evaluated blocking controls (Art. 24–25; not TLPT under Art. 26)',
    },
    {
      clause_id: 'dora.third-party-register',
      cycle_phase: 'ict_third_party',
      title:
        'Input to the register of ICT third-party arrangements: components listed in a signed CycloneDX BOM with purls (Art. 28(3); the full register is built elsewhere)',
      fallback: 'bom_present',
    },
    {
      clause_id: 'dora.incident-management',
      cycle_phase: 'ict_incident',
      title:
        'Detection and routing of ICT incidents of the model through the monitoring plan (per-system stand-in for Art. 17; not the regulatory reporting of Art. 19–23)',
      fallback: 'monitoring_plan',
    },
  ],
}
