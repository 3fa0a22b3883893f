import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {describe, it} from 'node:test'
import {projectRoot, sei} from '../helpers/cli.js'
import {hasPythonEnv} from '../helpers/python.js'

type ExampleRepo = {
  materialise(name: string, options: {env: Record<string, string | undefined>}): string
  applyTreatment(name: string, dir: string, env: Record<string, string | undefined>): string
  toolEnv(extra?: Record<string, string>): Record<string, string | undefined>
}
const examples: ExampleRepo = await import(pathToFileURL(join(projectRoot, 'scripts', 'example-repo.js')).href)

type Arc = {kind: string; control_id: string; treatment_commits: string[]}

// Each example through its real pipeline tool: V1 red, the treatment commit, V2 green, the gate fresh,
// the signature valid and the FAIL→PASS arc tied to the treatment commit. The expected colours were
// checked by running each example's script directly (numbers in its README).
for (const [name, gate] of [
  ['loan', 'loan-dp-gender'],
  ['retinopathy', 'dr-recall'],
  ['medical', 'sepsis-system-recall'],
] as const) {
  describe(`examples/${name}`, {skip: !hasPythonEnv && 'no project Python env'}, () => {
    it('red → treatment commit → green; status fresh, signature valid, the arc found by reconstruct', () => {
      const env = examples.toolEnv({
        SEI_SIGNING_KEY: join(mkdtempSync(join(tmpdir(), 'sei-key-')), 'k.hex'),
        SEI_CACHE_DIR: mkdtempSync(join(tmpdir(), 'sei-cache-')),
        NO_COLOR: '1',
      })
      const dir = examples.materialise(name, {env})
      const git = (args: string[]) =>
        execFileSync('git', args, {cwd: dir, env: env as NodeJS.ProcessEnv, encoding: 'utf8'})
      const run = (args: string[]) => sei(args, {cwd: dir, env})
      assert.equal(run(['compile']).status, 0)
      git(['add', '-A'])
      git(['commit', '-q', '-m', 'compile'])

      let r = run(['run'])
      assert.equal(r.status, 1, `V1 must be red:\n${r.stdout}${r.stderr}`)
      assert.match(r.stdout, new RegExp(`${gate}\\s+\\S+\\s+\\S+ \\S+\\s+FAIL`))
      git(['add', '-A'])
      git(['commit', '-q', '-m', 'run: V1'])
      const treatment = examples.applyTreatment(name, dir, env)

      r = run(['run'])
      assert.equal(r.status, 0, `V2 must be green:\n${r.stdout}${r.stderr}`)
      assert.match(r.stdout, /risk gate: GREEN/)
      git(['add', '-A'])
      git(['commit', '-q', '-m', 'run: V2'])

      r = run(['status'])
      assert.equal(r.status, 0, r.stdout + r.stderr)
      assert.equal(run(['verify']).status, 0)
      r = run(['reconstruct', '--json'])
      assert.equal(r.status, 0, r.stderr)
      const arcs = (JSON.parse(r.stdout).result.payload.risks as {treatment: {arcs: Arc[]}}[]).flatMap(
        (x) => x.treatment.arcs,
      )
      assert.deepEqual(
        arcs.map((a) => [a.kind, a.control_id, a.treatment_commits]),
        [['Treatment', gate, [treatment]]],
      )
    })
  })
}

describe('npm run demo', {skip: !hasPythonEnv && 'no project Python env'}, () => {
  it('completes the loop and ends with a valid signature and the FAIL→PASS arc', () => {
    const out = execFileSync(process.execPath, [join(projectRoot, 'scripts', 'demo.js')], {
      encoding: 'utf8',
      env: {...process.env, NO_COLOR: '1'},
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 600_000,
    })
    assert.match(out, /\$ sei run\n[\s\S]*?risk gate: RED[\s\S]*?\(exit 1\)/)
    assert.match(out, /risk gate: GREEN[\s\S]*?\(exit 0\)/)
    assert.match(out, /loan-dp-gender FAIL→PASS: 0\.118 at \w{7} → 0\.015 at \w{7}; change \w{7}/)
    assert.match(out, /\$ sei verify --all\n[\s\S]*firma VÁLIDA[\s\S]*\(exit 0\)\n/)
    assert.match(out, /The repository is at \S+/)
    assert.doesNotMatch(out, /unexpected exit/)
  })
})
