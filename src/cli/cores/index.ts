// Every command of sei, by id: the oclif commands (src/commands) and the start-up path are adapters
// over these, and the equivalence test walks this list.
import assess from './assess.js'
import compile from './compile.js'
import conformance from './conformance.js'
import {approve, reject, request, retire, review} from './governance.js'
import impact from './impact.js'
import init from './init.js'
import pubkey from './pubkey.js'
import reconstruct from './reconstruct.js'
import run from './run.js'
import soa from './soa.js'
import status from './status.js'
import verify from './verify.js'

export const CORES = {
  approve,
  assess,
  compile,
  conformance,
  impact,
  init,
  pubkey,
  reconstruct,
  reject,
  request,
  retire,
  review,
  run,
  soa,
  status,
  verify,
} as const
