// sei.lock: the freshness anchor, its sections and typed drift (DESIGN §6).
export {inputHash, uuidV5Url} from './canonical.js'
export {
  computeSections,
  type ComputedSections,
  type EdgeType,
  type Section,
  type SectionName,
  type Triple,
} from './sections.js'
export {LOCK_SCHEMA, readLock, serialiseLock, type LockFile} from './lock-file.js'
export {
  INPUT_GRAPH_VERSION,
  drift,
  environmentChanged,
  stalePlanDrift,
  type Drift,
  type DriftType,
  type InputChange,
} from './drift.js'
