import type {StandardCatalog} from '@sei/sdk'

// ISO/IEC 42001:2023 Annex A: the 38 reference controls (A.2.2–A.10.4) that a Statement of
// Applicability (§6.1.3) must account for, one by one. Control numbers are the standard's; titles are
// short paraphrases in our own words, not the standard's text. `cycle_phase` is the control objective
// (A.2 … A.10) the control belongs to.
const c = (clause_id: string, cycle_phase: string, title: string) => ({clause_id, cycle_phase, title})

export const catalog: StandardCatalog = {
  id: 'iso/42001@2023',
  title: 'ISO/IEC 42001:2023 — AI management system, Annex A reference controls',
  authority: 'international',
  kind: 'annex-a',
  clauses: [
    c('A.2.2', 'A.2 policies for AI', 'A documented policy for developing and using AI systems'),
    c('A.2.3', 'A.2 policies for AI', 'The AI policy fits with the other policies of the organization'),
    c('A.2.4', 'A.2 policies for AI', 'The AI policy is reviewed at planned intervals'),
    c('A.3.2', 'A.3 internal organization', 'Roles and responsibilities for AI are defined and assigned'),
    c('A.3.3', 'A.3 internal organization', 'A way for people to raise concerns about AI systems'),
    c('A.4.2', 'A.4 resources', 'The resources an AI system needs are documented'),
    c('A.4.3', 'A.4 resources', 'Data resources are identified and documented'),
    c('A.4.4', 'A.4 resources', 'Tools and tooling resources are documented'),
    c('A.4.5', 'A.4 resources', 'Computing and system resources are documented'),
    c('A.4.6', 'A.4 resources', 'People and competences are documented'),
    c('A.5.2', 'A.5 impact assessment', 'A process to assess the impacts of AI systems'),
    c('A.5.3', 'A.5 impact assessment', 'Impact assessments are recorded and kept'),
    c('A.5.4', 'A.5 impact assessment', 'Impacts on individuals and groups are assessed'),
    c('A.5.5', 'A.5 impact assessment', 'Impacts on society are assessed'),
    c('A.6.1.2', 'A.6 life cycle', 'Objectives for responsible development are set'),
    c('A.6.1.3', 'A.6 life cycle', 'Processes for responsible design and development are defined'),
    c('A.6.2.2', 'A.6 life cycle', 'Requirements and specifications of the AI system'),
    c('A.6.2.3', 'A.6 life cycle', 'Design and development are documented'),
    c('A.6.2.4', 'A.6 life cycle', 'The AI system is verified and validated'),
    c('A.6.2.5', 'A.6 life cycle', 'Deployment is planned and its requirements met'),
    c('A.6.2.6', 'A.6 life cycle', 'The AI system is operated and monitored'),
    c('A.6.2.7', 'A.6 life cycle', 'Technical documentation is available to those who need it'),
    c('A.6.2.8', 'A.6 life cycle', 'Event logs are recorded'),
    c('A.7.2', 'A.7 data', 'Data management for development and enhancement'),
    c('A.7.3', 'A.7 data', 'How data is acquired is recorded'),
    c('A.7.4', 'A.7 data', 'Data quality requirements are defined and met'),
    c('A.7.5', 'A.7 data', 'The provenance of data is recorded'),
    c('A.7.6', 'A.7 data', 'Data preparation methods are defined'),
    c('A.8.2', 'A.8 information for interested parties', 'Users get the documentation and information they need'),
    c('A.8.3', 'A.8 information for interested parties', 'Interested parties can report adverse impacts'),
    c('A.8.4', 'A.8 information for interested parties', 'Incidents are communicated to those concerned'),
    c('A.8.5', 'A.8 information for interested parties', 'Obligations to inform interested parties are met'),
    c('A.9.2', 'A.9 use of AI systems', 'Processes for responsible use are defined'),
    c('A.9.3', 'A.9 use of AI systems', 'Objectives for responsible use are set'),
    c('A.9.4', 'A.9 use of AI systems', 'The AI system is used as intended'),
    c('A.10.2', 'A.10 third parties', 'Responsibilities are allocated across the AI supply chain'),
    c('A.10.3', 'A.10 third parties', "Suppliers fit the organization's responsible-AI approach"),
    c('A.10.4', 'A.10 third parties', "Customers' needs and expectations are taken into account"),
  ],
}
