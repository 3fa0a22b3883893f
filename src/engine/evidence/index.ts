// The evidence concern: DSSE/in-toto verification (signing and atomic writes come with issue 3).
export {
  PAYLOAD_TYPE,
  keyIdOf,
  pae,
  parsePublicKeyHex,
  publicKeyHex,
  publicKeyPem,
  verifyEnvelope,
  verifyP256,
  type Envelope,
  type VerifyOutcome,
} from './dsse.js'
export {
  evidenceFamily,
  readRepositoryKey,
  statusVerification,
  verifyEvidence,
  verifyEvidenceFolder,
  type EvidenceVerification,
  type FileVerification,
} from './verify-evidence.js'
export {
  UNPINNED_NOTE,
  runSigningRule,
  signingDecision,
  trustRootOf,
  type SigningDecision,
  type TrustRoot,
} from './trust.js'
export {writeFileAtomic} from './atomic-write.js'
export {noBundle, parseBundle, readCurrentBundle, requireCurrentBundle, type ReadBundle} from './current-bundle.js'
export {signBytes, statementFor, writePubkeyFile, writeSignedFile} from './sign.js'
export * from './bundle.js'
export {repositoryKey, writeSignedReport} from './signed-report.js'
export {scanJsonKeys, type JsonKeyAt} from './json-keys.js'
export {signerFailed} from './signer-failed.js'
