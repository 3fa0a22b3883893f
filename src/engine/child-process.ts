import {createRequire} from 'node:module'

// node:child_process brings net, dgram and the stream stack: about 3 ms of every start-up, while `sei status`
// on an unchanged repository starts no process at all. It is loaded on first use.
const load = createRequire(import.meta.url)
let loaded: typeof import('node:child_process') | undefined

/** node:child_process, loaded when a process is first started. */
export function childProcess(): typeof import('node:child_process') {
  loaded ??= load('node:child_process') as typeof import('node:child_process')
  return loaded
}
