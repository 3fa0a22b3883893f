// The manifest concern: schema, loading with located errors, JSON Schema export.
export * from './schema.js'
export {FAMILIES, type Family} from './families.js'
export {findManifest, loadManifest, parseManifest, type LoadedManifest, type ManifestProblem} from './load.js'
