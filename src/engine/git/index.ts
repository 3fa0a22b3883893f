// The git concern: the one place sei starts git (argument arrays only) and maps its failures to SeiErrors.
export {git, gitAnswer, gitAsync, gitMissing, readBlobs} from './run.js'
export {gitFlag, gitIdentity} from './config.js'
export {gitOnPath} from './on-path.js'
