// The canonical bytes sei writes, hashes and signs: evidence JSON as Python dumps it, sorted compact JSON,
// UUIDv5. A leaf concern (it imports no other), so controls, evidence, lock, graph and oscal share it.
export {canonicalJson} from './canonical-json.js'
export {JsonFloat, asFloat, numberOf, parseEvidenceJson, pythonFloat, stableJson} from './stable-json.js'
export {URL_NAMESPACE, uuidV5} from './uuid.js'
