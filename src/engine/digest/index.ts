// Streaming file/directory digests with a stat cache, Croissant datasets (DESIGN §6 P3).
export {sha256Hex, sha256FileHex, fileHex, type HashAlgorithm} from './hash.js'
export {dvcDirManifest} from './dvc-dir.js'
export {Digester, toRel} from './digester.js'
export {StatCache} from './stat-cache.js'
export {
  datasetId,
  readCroissant,
  type CroissantDescriptor,
  type CroissantDigest,
  type CroissantFile,
} from './croissant.js'
