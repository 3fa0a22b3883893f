import {createRequire} from 'node:module'

let mod: typeof import('yaml') | undefined

/**
 * The yaml library, loaded on first use: importing it costs ≈ 25 ms of start-up, which a command
 * whose manifest is already validated (cache.ts) does not need. Same module instance as `import 'yaml'`
 * (its Node entry point is CommonJS).
 */
export function yaml(): typeof import('yaml') {
  mod ??= createRequire(import.meta.url)('yaml') as typeof import('yaml')
  return mod
}
