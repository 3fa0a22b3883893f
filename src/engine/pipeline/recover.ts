// Transitional: src/commands/verify.ts and src/fast-path.ts import settlePendingWrite from here until the
// command cores of issue 20 import it from '../run-lock/index.js'. Delete this file then.
export {settlePendingWrite} from '../run-lock/index.js'
