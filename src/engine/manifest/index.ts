// The manifest concern: schema, loading with located errors, JSON Schema export.
// The typebox schema itself (schema.ts) is for the build only; at run time the validator reads the
// JSON Schema generated from it (json-schema.ts), so importing this index does not load typebox.
export * from './constants.js'
export type {
  Impact,
  Level,
  Likelihood,
  Manifest,
  Measure,
  Misuse,
  Risk,
  Treatment,
} from './schema.js'
export {FAMILIES, type Family} from './families.js'
export {findManifest, loadManifest, type LoadedManifest} from './load.js'
export {analyseManifest, formatProblem, MAX_ALIASES, parseManifest, type ManifestProblem} from './validate.js'
export {manifestJsonSchema, manifestSchemaPath} from './json-schema.js'
export {danglingMisuseReferences, isIsoDuration, measuresOf, parseConstraintText, pathEscape} from './semantics.js'
export {didYouMean, editDistance} from './did-you-mean.js'
export {formatPath, type ManifestPath} from './locate.js'
export {yaml} from './yaml-lazy.js'
export {locateField, locateManifestError} from './locate-error.js'
export {metricsFilesOf} from './metrics-files.js'
