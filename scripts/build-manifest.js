// Regenerates oclif.manifest.json from the built commands, so it can never drift from them.
import {execFileSync} from 'node:child_process'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'

const require = createRequire(import.meta.url)
const oclifBin = join(dirname(require.resolve('oclif/package.json')), 'bin', 'run.js')
execFileSync(process.execPath, [oclifBin, 'manifest'], {stdio: ['ignore', 'ignore', 'inherit']})
