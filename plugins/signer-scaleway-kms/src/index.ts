export {kmsSigner} from './kms-signer.js'
export {KmsError} from './kms-error.js'
export {resolveSettings, scwConfigPath, type KmsSettings} from './settings.js'
export {derToRaw, pemToPoint, signatureCandidates} from './signature.js'
