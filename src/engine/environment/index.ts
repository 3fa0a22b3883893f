// The environment concern: what the pipeline's Python environment is (a fast fingerprint, and the
// CycloneDX SBOM `sei run` signs), and how two environments differ.
export {BOM_FILE, BOM_SPEC_VERSION, bomSummary, generateBom, requireBomTool} from './bom.js'
export type {BomComponentSummary, BomRequest, GeneratedBom} from './bom.js'
export {diffFingerprints, environmentDrift, environmentFingerprint, fingerprintDigest} from './fingerprint.js'
export {fingerprintOfComponents, metadataHeaders, normaliseName, scanEnvironment} from './fingerprint.js'
export type {EnvironmentFingerprint} from './fingerprint.js'
export {pipelineEnvironment} from './pipeline-environment.js'
export {cachedFingerprint} from './fingerprint-cache.js'
export {environmentPath} from './fingerprint.js'
