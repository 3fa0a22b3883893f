// The init concern: the skeleton of a governed repository (`sei init`).
export {initRepository, starterManifest, type InitResult} from './init-repository.js'
