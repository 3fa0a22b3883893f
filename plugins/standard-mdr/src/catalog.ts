import type {StandardCatalog} from '@sei/sdk'

// Clause ids and cycle phases are those of the reference engine's catalog (they are what
// `standard_clauses: ["<id>#<clause>"]` cites); titles are our own English wording.
// `criterion` decides a clause even when measures cite it; `fallback` only when none does.
export const catalog: StandardCatalog = {
  id: 'eu/mdr@2017',
  title: 'Regulation (EU) 2017/745 (MDR) — software as a medical device, per-system proxy',
  authority: 'regulation',
  kind: 'clauses',
  clauses: [
    {
      clause_id: 'mdr.gspr-1-safety-performance',
      cycle_phase: 'gspr_safety',
      title:
        'GSPR 1 — Safe performance for the intended purpose: aggregate residual of the device acceptable against the declared criterion (the full clinical benefit-risk judgement belongs to clinical evaluation)',
      criterion: 'overall_residual',
    },
    {
      clause_id: 'mdr.gspr-3-risk-management',
      cycle_phase: 'gspr_risk_management',
      title:
        'GSPR 3 — Risk management system: hazards identified with likelihood and impact across the life cycle (anchored in ISO 14971)',
      criterion: 'risk_estimation',
    },
    {
      clause_id: 'mdr.gspr-4-risk-control',
      cycle_phase: 'gspr_risk_control',
      title:
        'GSPR 4 — Risk control in order of priority (inherently safe design, protection, information): a coherent hierarchy of controls',
      criterion: 'control_hierarchy',
    },
    {
      clause_id: 'mdr.gspr-8-residual-risk',
      cycle_phase: 'gspr_residual',
      title:
        'GSPR 5/8 — Residual risk acceptable after control: risks with a blocking control declare an evaluated residual (the overall clinical residual is closed by clinical evaluation)',
      fallback: 'residual_present',
    },
    {
      clause_id: 'mdr.gspr-17-1-performance',
      cycle_phase: 'gspr_performance',
      title:
        'GSPR 17.1 — Software designed for repeatability, reliability and performance for its intended purpose (per subgroup or device)',
    },
    {
      clause_id: 'mdr.gspr-17-2-sw-lifecycle',
      cycle_phase: 'gspr_sw_lifecycle',
      title:
        'GSPR 17.2 — Software developed to the state of the art: life cycle (IEC 62304), verification and validation, data governance shown by validation measures',
    },
    {
      clause_id: 'mdr.gspr-17-1-single-fault',
      cycle_phase: 'gspr_single_fault',
      title:
        'GSPR 17.1 — Single fault condition: means to reduce risk under a single fault, through human oversight or a blocking control (per-system stand-in)',
    },
    {
      clause_id: 'mdr.gspr-23-information',
      cycle_phase: 'gspr_information',
      title:
        'GSPR 23 — Information supplied: intended purpose, limitations and affected parties identified (per-system stand-in for labelling and instructions for use)',
      criterion: 'stakeholders_identified',
    },
    {
      clause_id: 'mdr.pms-postmarket',
      cycle_phase: 'gspr_postmarket',
      title:
        'Post-market surveillance (Art. 84) and PMCF (Annex XIV part B) of device performance: a declared monitoring plan',
      fallback: 'monitoring_plan',
    },
    {
      clause_id: 'mdr.soup-inventory',
      cycle_phase: 'soup_inventory',
      title:
        'SOUP inventory: third-party components listed by name, version and purl in a signed CycloneDX BOM (IEC 62304 §8.1.2)',
      fallback: 'bom_present',
    },
    {
      clause_id: 'mdr.soup-requirements',
      cycle_phase: 'soup_requirements',
      title:
        'Functional and performance requirements of each SOUP item and its hardware/software prerequisites verified (IEC 62304 §5.3.3–5.3.4)',
    },
    {
      clause_id: 'mdr.soup-risk',
      cycle_phase: 'soup_risk',
      title:
        'Risk analysis of SOUP failure and review of published anomalies and vulnerabilities (IEC 62304 §7.1.2–7.1.3); the engine certifies the declared plan, not an operational review',
      fallback: 'monitoring_plan',
    },
  ],
}
