// Discovery of signers, reproducers and standards through sei's hook events (plugins/sdk).
export {runSeiHook, type HookAnswer, type HookFailure} from './run-sei-hook.js'
export {collect, findReproducer, findSigner, listStandards} from './find.js'
