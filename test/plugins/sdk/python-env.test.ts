import assert from 'node:assert/strict'
import {chmodSync, mkdtempSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {pythonEnvironmentOf, pythonOf, whichOnPath} from '@sei/sdk'
import {dagsterReproducer} from '@sei/reproducer-dagster'
import {dvcReproducer} from '@sei/reproducer-dvc'
import {mlflowReproducer} from '@sei/reproducer-mlflow'
import {hasPythonEnv, pythonBin, pythonToolEnv} from '../../helpers/python.js'

const script = (dir: string, name: string, text: string) => {
  writeFileSync(join(dir, name), text)
  chmodSync(join(dir, name), 0o755)
}

describe('pythonOf: the interpreter a command runs under (console scripts as pip and uv write them)', () => {
  const bin = mkdtempSync(join(tmpdir(), 'sei-bin-'))
  const other = mkdtempSync(join(tmpdir(), 'sei-py-'))
  script(other, 'python3.12', '#!/bin/sh\n')
  script(bin, 'direct', '#!/opt/venv/bin/python\nimport sys\n')
  script(bin, 'via-env', '#!/usr/bin/env python3.12\n')
  script(
    bin,
    'trampoline',
    `#!/bin/sh\n'''exec' "/long path/with spaces/venv/bin/python3" "$0" "$@"\n' '''\nimport sys\n`,
  )
  script(bin, 'shell', '#!/bin/sh\necho hi\n')
  writeFileSync(join(bin, 'not-executable'), '#!/opt/venv/bin/python\n')
  symlinkSync(join(other, 'python3.12'), join(bin, 'python3'))
  const env = {PATH: `${bin}:${other}`}
  it("reads a direct shebang, `env`, and pip's /bin/sh trampoline (paths with spaces)", () => {
    assert.equal(pythonOf('direct', env), '/opt/venv/bin/python')
    assert.equal(pythonOf('via-env', env), join(other, 'python3.12'))
    assert.equal(pythonOf('trampoline', env), '/long path/with spaces/venv/bin/python3')
  })
  it('a python on PATH is itself, by its PATH name (a venv is known by its path, not its target)', () => {
    assert.equal(pythonOf('python3', env), join(bin, 'python3'))
    assert.match(pythonEnvironmentOf('python3', env)!.description, /^the interpreter on PATH/)
    assert.match(
      pythonEnvironmentOf('direct', env)!.description,
      /^the interpreter `direct` on PATH runs in \(\/opt\/venv\/bin\/python\)/,
    )
  })
  it('nothing for a shell script, a missing or non-executable command', () => {
    assert.equal(pythonOf('shell', env), undefined)
    assert.equal(pythonOf('missing', env), undefined)
    assert.equal(whichOnPath('not-executable', env), undefined)
  })
})

describe('each bundled reproducer names the environment its pipeline runs in', {
  skip: !hasPythonEnv && 'no project Python env',
}, () => {
  const env = pythonToolEnv()
  const ctx = {root: tmpdir(), pipeline: {tool: 'x', metrics: 'metrics.json'}, env}
  for (const [r, how] of [
    [mlflowReproducer, 'mlflow'],
    [dagsterReproducer, 'dagster'],
    [dvcReproducer, 'python'],
  ] as const) {
    it(`${r.tool}: the project .venv (through ${how})`, async () => {
      const found = await r.environment!(ctx)
      assert.ok(found)
      assert.match(found.python, new RegExp(`^${pythonBin.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/python3?$`))
      assert.match(found.description, new RegExp(how === 'python' ? '^the interpreter on PATH' : `\`${how}\``))
    })
  }
})
