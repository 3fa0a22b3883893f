import assert from 'node:assert/strict'
import {createHash} from 'node:crypto'
import {existsSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {Ajv} from 'ajv'
import addFormatsModule from 'ajv-formats'
import {DockerfileParser} from 'dockerfile-ast'
import {validate as lintDockerfile} from 'dockerfile-utils'
import {parse} from 'yaml'
import {projectRoot} from '../helpers/cli.js'
import {run} from '../packaging/standalone.js'

// The CI files of issue 18 §2, judged by their platforms' own schemas (test/fixtures/ci-schemas, vendored
// from a registry package) and a Dockerfile parser and linter, and checked against the scripts they call.

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv
const fixture = (name: string) => join(projectRoot, 'test', 'fixtures', 'ci-schemas', name)
const read = (...p: string[]) => readFileSync(join(projectRoot, ...p), 'utf8')
type Doc = Record<string, unknown>

function validator(schema: string) {
  const ajv = new Ajv({strict: false, allErrors: true})
  addFormats(ajv)
  return ajv.compile(JSON.parse(readFileSync(fixture(schema), 'utf8')))
}

describe('vendored CI schemas', () => {
  it('are the bytes the README names (check-jsonschema 0.39.0 sha256 files)', () => {
    const readme = readFileSync(fixture('README.md'), 'utf8')
    for (const name of ['github-action.json', 'gitlab-ci.json']) {
      const hash = createHash('sha256')
        .update(readFileSync(fixture(name)))
        .digest('hex')
      assert.ok(readme.includes(`${name} \`${hash}\``), `${name} has sha256 ${hash}, not the one in the README`)
    }
  })
})

describe('action.yml', () => {
  const action = () => parse(read('action.yml')) as Doc & {inputs: Doc; runs: {steps: Doc[]}}
  const schema = validator('github-action.json')

  it("is valid GitHub Action metadata (SchemaStore's schema), and the schema does reject a broken one", () => {
    assert.ok(schema(action()), JSON.stringify(schema.errors, null, 1))
    const broken = action()
    // A composite run step without `shell` is refused by GitHub: the schema must see it too.
    delete broken.runs.steps.find((s) => 'run' in s)!.shell
    assert.equal(schema(broken), false)
  })

  it('declares every input its expressions use, and uses every input it declares', () => {
    const text = read('action.yml')
    const used = new Set([...text.matchAll(/inputs\.([a-z0-9-]+)/g)].map((m) => m[1]))
    assert.deepEqual([...used].sort(), Object.keys(action().inputs).sort())
  })

  it('calls scripts that exist in the repository, passing inputs through env (never inline in run)', () => {
    const runs = action().runs.steps.filter((s) => 'run' in s)
    const scripts = runs.flatMap((s) => [...String(s.run).matchAll(/\$GITHUB_ACTION_PATH\/(\S+?)"/g)].map((m) => m[1]))
    assert.deepEqual(scripts, ['scripts/ci/install.sh', 'scripts/ci/status.sh'])
    for (const s of scripts) assert.ok(statSync(join(projectRoot, s)).isFile(), s)
    for (const s of runs) assert.doesNotMatch(String(s.run), /\$\{\{/, `expression inside run: ${s.name}`)
  })
})

describe('ci/gitlab/sei.gitlab-ci.yml', () => {
  const template = () => parse(read('ci', 'gitlab', 'sei.gitlab-ci.yml')) as Record<string, Doc>
  const schema = validator('gitlab-ci.json')
  // GitLab's schema checks hidden jobs (.name) loosely: judge the job as `extends` resolves it as well.
  const resolved = (t: Record<string, Doc>) => {
    const {extends: base, ...own} = t['sei-status']
    return {'sei-status': {...t[base as string], ...own}}
  }

  it("is valid GitLab CI (GitLab's schema), as written and with extends resolved", () => {
    assert.ok(schema(template()), JSON.stringify(schema.errors, null, 1))
    assert.ok(schema(resolved(template())), JSON.stringify(schema.errors, null, 1))
    const broken = resolved(template()) as unknown as Record<string, {artifacts: Doc}>
    broken['sei-status'].artifacts.when = 'sometimes'
    assert.equal(schema(broken), false, 'the schema must reject an unknown artifacts:when')
  })

  it('reports the JUnit file sei writes and caches the directory sei caches in', () => {
    const job = template()['.sei-status'] as Doc & {
      script: string[]
      artifacts: {reports: {junit: string}}
      cache: {paths: string[]}
      variables: Record<string, string>
    }
    const script = job.script.join('\n')
    assert.ok(script.includes(`--format junit=${job.artifacts.reports.junit}`), script)
    assert.equal(job.variables.SEI_CACHE_DIR, `$CI_PROJECT_DIR/${job.cache.paths[0].replace(/\/$/, '')}`)
  })
})

describe('Dockerfile', () => {
  const text = read('Dockerfile')

  it('parses and lints clean (dockerfile-utils), and the linter does catch a broken one', () => {
    assert.deepEqual(lintDockerfile(text), [])
    assert.ok(lintDockerfile(`${text}\nCOPY\n`).length > 0, 'a COPY without arguments must be reported')
  })

  it('copies only what the build context (.dockerignore) lets in: the requirements and the packed tarball', () => {
    const allowed = read('.dockerignore')
      .split('\n')
      .filter((l) => l.startsWith('!'))
      .map((l) => l.slice(1))
    const sources = DockerfileParser.parse(text)
      .getInstructions()
      .filter((i) => i.getKeyword() === 'COPY')
      .flatMap((i) =>
        i
          .getArguments()
          .slice(0, -1)
          .map((a) => a.getValue()),
      )
    assert.deepEqual(sources.sort(), [...allowed].sort())
    for (const s of sources.filter((p) => !p.includes('*'))) assert.ok(existsSync(join(projectRoot, s)), s)
    // The tarball's glob is the name scripts/pack-tarball.sh gives it.
    assert.ok(read('scripts', 'pack-tarball.sh').includes('dist/sei-v*-"$target".tar.gz'))
    assert.ok(sources.includes('dist/sei-v*-linux-x64.tar.gz'))
  })
})

describe('scripts/ci/install.sh', () => {
  it('refuses a runner the standalone tarball is not built for, before fetching anything', () => {
    const env = {PATH: process.env.PATH ?? '', RUNNER_OS: 'macOS', RUNNER_ARCH: 'ARM64', SEI_TARBALL: '/nonexistent'}
    const r = run('bash', [join(projectRoot, 'scripts', 'ci', 'install.sh')], env)
    assert.equal(r.status, 3, r.stderr)
    assert.match(r.stderr, /no standalone tarball for macOS\/ARM64/)
  })
})
