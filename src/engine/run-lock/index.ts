// The run lock and the evidence write set: one `sei run` per repository, and the completion (or discard)
// of the write set a dead run left in the git dir. Its own concern, so that verify and status settle a
// pending write without loading the pipeline that writes.
export {acquireRunLock, tryRunLock} from './run-lock.js'
export {
  applyMoves,
  recoverPendingWrite,
  settlePendingWrite,
  stagingDir,
  type PendingOutcome,
  type Plan,
} from './recover.js'
