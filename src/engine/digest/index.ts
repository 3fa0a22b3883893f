// Streaming file/directory digests with a stat cache, Croissant datasets (DESIGN §6 P3).
export {sha256Hex, sha256FileHex} from './hash.js'
export {Digester, toRel} from './digester.js'
export {StatCache} from './stat-cache.js'
export {digestCroissant, type CroissantDigest} from './croissant.js'
