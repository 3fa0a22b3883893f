// The environment concern: what the pipeline's Python environment is (a fast fingerprint, and the
// CycloneDX SBOM `sei run` signs), and how two environments differ.
export {BOM_FILE, BOM_SPEC_VERSION, bomSummary, generateBom, requireBomTool, type BomComponentSummary, type GeneratedBom} from './bom.js'
export {diffFingerprints, environmentDrift, environmentFingerprint, fingerprintDigest, scanEnvironment, fingerprintOfComponents, metadataHeaders, normaliseName, type EnvironmentFingerprint} from './fingerprint.js'
export {pipelineEnvironment} from './pipeline-environment.js'
