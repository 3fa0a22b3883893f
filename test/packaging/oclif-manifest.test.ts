import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import {cpSync, mkdtempSync, readFileSync, symlinkSync} from 'node:fs'
import {createRequire} from 'node:module'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {it} from 'node:test'
import {projectRoot} from '../helpers/cli.js'

// The oclif.manifest.json in the tree must be exactly what a fresh `oclif manifest` writes for the built
// commands (the build regenerates it; a stale one shows wrong flags). `oclif manifest` deletes and
// rewrites ./oclif.manifest.json, so it runs in a copy, never in the shared checkout.
it('oclif.manifest.json equals a fresh `oclif manifest` of the built commands', () => {
  const copy = mkdtempSync(join(tmpdir(), 'sei-manifest-'))
  cpSync(join(projectRoot, 'package.json'), join(copy, 'package.json'))
  cpSync(join(projectRoot, 'lib', 'src'), join(copy, 'lib', 'src'), {recursive: true})
  symlinkSync(join(projectRoot, 'node_modules'), join(copy, 'node_modules'))
  const oclif = join(dirname(createRequire(import.meta.url).resolve('oclif/package.json')), 'bin', 'run.js')
  execFileSync(process.execPath, [oclif, 'manifest'], {cwd: copy, stdio: 'ignore'})
  const fresh = JSON.parse(readFileSync(join(copy, 'oclif.manifest.json'), 'utf8'))
  const inTree = JSON.parse(readFileSync(join(projectRoot, 'oclif.manifest.json'), 'utf8'))
  assert.equal(Object.keys(fresh.commands).length, 16)
  assert.deepEqual(inTree, fresh)
})
