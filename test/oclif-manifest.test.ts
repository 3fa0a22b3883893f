import assert from 'node:assert/strict'
import {readFileSync, readdirSync} from 'node:fs'
import {join} from 'node:path'
import {it} from 'node:test'
import {projectRoot} from './helpers/cli.js'

// oclif.manifest.json is what `--help` and command lookup read at start-up; a stale one would show
// flags that the commands no longer take. The build regenerates it; this checks it matches the classes.
it('oclif.manifest.json lists exactly the built commands, with their flags, at the package version', async () => {
  const manifest = JSON.parse(readFileSync(join(projectRoot, 'oclif.manifest.json'), 'utf8'))
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8'))
  assert.equal(manifest.version, pkg.version)
  const dir = join(projectRoot, 'lib', 'src', 'commands')
  const ids = readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => f.slice(0, -3)).sort()
  assert.deepEqual(Object.keys(manifest.commands).sort(), ids)
  assert.equal(ids.length, 16)
  for (const id of ids) {
    const cls = (await import(join(dir, `${id}.js`))).default
    const flags = [...Object.keys({...cls.baseFlags, ...cls.flags}), ...(cls.enableJsonFlag ? ['json'] : [])].sort()
    assert.deepEqual(Object.keys(manifest.commands[id].flags).sort(), flags, id)
  }
})
