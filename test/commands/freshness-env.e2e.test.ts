import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {sei} from '../helpers/cli.js'
import {git} from '../helpers/git-repo.js'
import {hasPythonEnv, pythonBin, testWheel, uvBin} from '../helpers/python.js'
import {twoStageRepo} from '../pipelines/dvc-multi.js'
import {explain, statusJson, toolEnv} from './run-gates.js'

/**
 * A venv of its own for the pipeline (PyYAML, which the stages import, and a probe distribution), first on
 * PATH: the `python` of the DVC stages, and the environment sei records as env inputs.
 */
function pipelineVenv(): {venv: string; dir: string; install(version: string): void} {
  const dir = mkdtempSync(join(tmpdir(), 'sei-env-venv-'))
  const venv = join(dir, 'venv')
  const python = join(venv, 'bin', 'python')
  execFileSync(uvBin, ['venv', '--quiet', '--python', join(pythonBin, 'python'), venv])
  execFileSync(uvBin, ['pip', 'install', '--quiet', '--offline', '--python', python, 'pyyaml'])
  const install = (version: string) => {
    execFileSync(uvBin, [
      'pip',
      'install',
      '--quiet',
      '--offline',
      '--python',
      python,
      testWheel(dir, 'sei-probe', version),
    ])
  }
  install('1.0.0')
  return {venv, dir, install}
}

describe("the pipeline's Python environment is an input of sei.lock (real venv, real dvc)", {
  skip: !hasPythonEnv && 'no project Python env',
}, () => {
  it('an unchanged environment is fresh; an upgrade between two statuses is Drift B naming both versions', () => {
    const {venv, install} = pipelineVenv()
    const base = toolEnv()
    const env = {...base, PATH: `${join(venv, 'bin')}:${base.PATH}`, VIRTUAL_ENV: venv}
    const dir = twoStageRepo({mitigate: true})
    const run = sei(['run'], {cwd: dir, env})
    assert.equal(run.status, 0, explain(run))
    const lock = JSON.parse(readFileSync(join(dir, 'sei.lock'), 'utf8')) as {
      sections: Record<string, {inputs?: Record<string, string>}>
    }
    // The lock keeps what uv installed, independently listed by uv itself.
    const listed = JSON.parse(
      execFileSync(uvBin, ['pip', 'list', '--python', join(venv, 'bin', 'python'), '--format', 'json'], {
        encoding: 'utf8',
      }),
    ) as {name: string; version: string}[]
    const recorded = Object.entries(lock.sections['measurement-model'].inputs ?? {}).filter(
      ([id]) => id.startsWith('env:') && id !== 'env:python',
    )
    assert.deepEqual(
      Object.fromEntries(recorded),
      Object.fromEntries(
        listed.map((p) => [`env:${p.name.toLowerCase().replace(/[-_.]+/g, '-')}`, `version:${p.version}`]),
      ),
    )
    git(dir, ['add', '-A'])
    git(dir, ['commit', '-q', '-m', 'run: evidence (gate GREEN)'])

    let s = statusJson(dir, env)
    assert.equal(s.status, 0, JSON.stringify(s.result.drift))
    assert.equal(s.result.fresh, true)

    install('2.0.0')
    s = statusJson(dir, env)
    assert.equal(s.status, 1)
    assert.equal(s.result.fresh, false)
    assert.deepEqual(
      s.result.drift.map((d) => [d.section, d.type, d.inputs]),
      [['measurement-model', 'B', ['sei-probe (env) 1.0.0 → 2.0.0']]],
    )
    const human = sei(['status'], {cwd: dir, env})
    assert.equal(human.status, 1, explain(human))
    assert.match(human.stdout, /sei-probe \(env\) 1\.0\.0 → 2\.0\.0/)

    // dvc does not track the environment: `sei run` forces the stages to run again in the new one.
    const metricsBefore = statSync(join(dir, 'metrics.json')).mtimeMs
    const rerun = sei(['run'], {cwd: dir, env})
    assert.equal(rerun.status, 0, explain(rerun))
    assert.match(rerun.stderr, /forced: dvc does not track the Python environment/)
    assert.notEqual(statSync(join(dir, 'metrics.json')).mtimeMs, metricsBefore, 'the stages ran again')
    git(dir, ['add', '-A'])
    git(dir, ['commit', '-q', '-m', 'run: evidence in the upgraded environment'])
    assert.equal(statusJson(dir, env).result.fresh, true)

    // A downgrade is named too (the fingerprint cache does not hide it).
    install('1.0.0')
    assert.deepEqual(
      statusJson(dir, env).result.drift.flatMap((d) => d.inputs ?? []),
      ['sei-probe (env) 2.0.0 → 1.0.0'],
    )
  })

  it('an environment status cannot find is said once as an advisory and does not fail the gate', () => {
    const {venv} = pipelineVenv()
    const base = toolEnv()
    const dir = twoStageRepo({mitigate: true})
    const run = sei(['run'], {cwd: dir, env: {...base, PATH: `${join(venv, 'bin')}:${base.PATH}`}})
    assert.equal(run.status, 0, explain(run))
    git(dir, ['add', '-A'])
    git(dir, ['commit', '-q', '-m', 'run: evidence (gate GREEN)'])
    // A PATH with git and nothing else: no python, python3, dvc.
    const bin = join(mkdtempSync(join(tmpdir(), 'sei-nopython-')), 'bin')
    mkdirSync(bin)
    symlinkSync(execFileSync('sh', ['-c', 'command -v git'], {encoding: 'utf8'}).trim(), join(bin, 'git'))
    const r = sei(['status'], {cwd: dir, env: {...base, PATH: bin}})
    assert.equal(r.status, 0, explain(r))
    const advisories = r.stderr.split('\n').filter((l) => /cannot tell which Python environment/.test(l))
    assert.equal(advisories.length, 1, r.stderr)
    assert.match(advisories[0], /^advisory: .*not compared this time/)
  })
})
