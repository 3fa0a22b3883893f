import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {join} from 'node:path'
import {describe, it} from 'node:test'

// The formatter and the linter (biome.jsonc) are part of the suite: a lint error or an unformatted file fails
// `npm test`.
const root = join(import.meta.dirname, '..', '..', '..')

describe('lint and format (biome)', () => {
  it('biome check finds no lint error and no unformatted file', () => {
    const r = spawnSync(
      join(root, 'node_modules', '.bin', 'biome'),
      ['check', '--colors=off', '--error-on-warnings', '.'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    )
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`)
  })
})
