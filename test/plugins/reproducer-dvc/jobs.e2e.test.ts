import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {hasPythonEnv, pythonBin} from '../../helpers/python.js'

// The README says the DVC reproducer offers no parallel-jobs option because `dvc repro` has none (DVC's
// `--jobs` are for data transfer and the experiment queue). If DVC gains one, this fails: pass it through.
describe('DVC parallel jobs', {skip: !hasPythonEnv && 'no project Python env'}, () => {
  it('dvc repro has no --jobs option to pass through; the experiment queue has its own', () => {
    const help = (args: string[]) =>
      execFileSync(join(pythonBin, 'dvc'), [...args, '--help'], {
        encoding: 'utf8',
        env: {...process.env, DVC_NO_ANALYTICS: '1'},
      })
    const repro = help(['repro'])
    assert.match(repro, /usage: dvc repro/)
    assert.doesNotMatch(repro, /--jobs|-j\b/)
    assert.match(help(['queue', 'start']), /-j <number>, --jobs <number>/)
  })
})
