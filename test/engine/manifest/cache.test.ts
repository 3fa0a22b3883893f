import assert from 'node:assert/strict'
import {mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {SeiError} from '../../../src/engine/errors.js'
import {loadManifest} from '../../../src/engine/manifest/index.js'
import {isolatedEnv, sei} from '../../helpers/cli.js'
import {gitRepo, testDir} from '../../helpers/git-repo.js'

// The validated-manifest cache (src/engine/manifest/cache.ts): a clean manifest is kept, as parsed
// JSON, in the CLI cache dir keyed by its bytes; any edit is validated again, with located errors.

const minimal = 'apiVersion: seigarrena.dev/v1alpha1\nkind: AISystem\nsystem:\n  name: demo\n'
const good = `${minimal}risk:
  appetite: {individual: MEDIUM}
  overall_residual_criterion: HIGH
  risks:
    - id: risk.a
      title: "A risk"
      impact: {individual: HIGH}
      likelihood: LIKELY
      treat:
        - method: REDUCE
          measures:
            - id: m-recall
              metric: recall_score
              constraint: "> 0.8"
              enforcement: gate
`
const entries = (cacheDir: string) => {
  try {
    return readdirSync(join(cacheDir, 'manifests')).filter((n) => n.endsWith('.json'))
  } catch {
    return []
  }
}

/** In-process loads with a cache dir of their own (never the developer's). */
async function withCacheDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const before = process.env.SEI_CACHE_DIR
  const dir = mkdtempSync(join(tmpdir(), 'sei-manifest-cache-'))
  process.env.SEI_CACHE_DIR = dir
  try {
    return await fn(dir)
  } finally {
    if (before === undefined) delete process.env.SEI_CACHE_DIR
    else process.env.SEI_CACHE_DIR = before
  }
}

describe('validated-manifest cache', () => {
  it('an error introduced after a cached good run is reported, located, by the CLI', () => {
    const repo = gitRepo({'sei.yaml': good})
    const env = isolatedEnv()
    const first = sei(['status', '--repo', repo], {env})
    assert.notEqual(first.status, 2, first.stderr)
    assert.equal(entries(env.SEI_CACHE_DIR!).length, 1, 'a clean manifest is cached')
    assert.deepEqual(readdirSync(repo).sort(), ['.git', 'sei.yaml'], 'nothing is written into the repository')

    // Hand-located: the misspelt key is on line 19 of `good` (4 lines of `minimal` + 15), indented 14 spaces.
    const broken = good.replace('              enforcement: gate', '              enforcment: gate')
    assert.equal(broken.split('\n')[18], '              enforcment: gate')
    writeFileSync(join(repo, 'sei.yaml'), broken)
    const r = sei(['status', '--repo', repo], {env})
    assert.equal(r.status, 2, r.stderr)
    assert.match(r.stderr, /^Error \(MANIFEST_INVALID\): sei\.yaml:19:15 /m)
    assert.match(
      r.stderr,
      new RegExp(
        String.raw`^ {2}sei\.yaml:19:15 risk\.risks\[0\]\.treat\[0\]\.measures\[0\]\.enforcment: ` +
          String.raw`unknown key "enforcment"; did you mean "enforcement"\?$`,
        'm',
      ),
    )
    assert.equal(entries(env.SEI_CACHE_DIR!).length, 1, 'a manifest with problems is never cached')

    // Back to the good text: same answer as the first run, from the cache.
    writeFileSync(join(repo, 'sei.yaml'), good)
    const again = sei(['status', '--repo', repo], {env})
    assert.equal(again.status, first.status)
    assert.equal(again.stdout, first.stdout)
  })

  it('a corrupt or foreign cache entry is ignored and rewritten', () => {
    const repo = gitRepo({'sei.yaml': good})
    const env = isolatedEnv()
    const first = sei(['status', '--repo', repo, '--json'], {env})
    const [entry] = entries(env.SEI_CACHE_DIR!)
    const path = join(env.SEI_CACHE_DIR!, 'manifests', entry)
    for (const junk of [
      '{not json',
      '[]',
      '{"format":1,"file":"froga.yaml","manifest":{}}',
      '{"format":99,"file":"sei.yaml","manifest":{}}',
      '{"format":1,"file":"sei.yaml","manifest":null}',
    ]) {
      writeFileSync(path, junk)
      const r = sei(['status', '--repo', repo, '--json'], {env})
      assert.equal(r.status, first.status, `${junk}: ${r.stderr}`)
      assert.equal(r.stdout, first.stdout, junk)
      assert.equal(
        JSON.parse(readFileSync(path, 'utf8')).manifest.system.name,
        'demo',
        `${junk}: rewritten by the full validation`,
      )
    }
  })

  it('is keyed by the exact bytes of the manifest', async () => {
    await withCacheDir(async (dir) => {
      const repo = gitRepo({'sei.yaml': good})
      assert.equal((await loadManifest(repo)).manifest.system.name, 'demo')
      const [entry] = entries(dir)
      const path = join(dir, 'manifests', entry)
      // Tampering with the entry shows the second load reads it (and not the YAML) …
      const cached = JSON.parse(readFileSync(path, 'utf8'))
      cached.manifest.system.name = 'from-the-cache'
      writeFileSync(path, JSON.stringify(cached))
      assert.equal((await loadManifest(repo)).manifest.system.name, 'from-the-cache')
      // … and one more byte in sei.yaml (a comment) is a new key: parsed and validated again.
      writeFileSync(join(repo, 'sei.yaml'), `${good}# reviewed\n`)
      assert.equal((await loadManifest(repo)).manifest.system.name, 'demo')
      assert.equal(entries(dir).length, 2)
    })
  })

  it('checks of the checkout still run on a cached manifest (a path that now leaves the repository)', async () => {
    await withCacheDir(async () => {
      const text = `${minimal}pipeline: {tool: dvc, metrics: out/metrics.json}\n`
      const repo = gitRepo({'sei.yaml': text, 'out/metrics.json': '{}'})
      assert.equal((await loadManifest(repo)).manifest.pipeline?.metrics, 'out/metrics.json')
      // Same manifest bytes, but out/ is now a symlink to a directory outside the repository.
      rmSync(join(repo, 'out'), {recursive: true})
      symlinkSync(testDir({'metrics.json': '{}'}), join(repo, 'out'))
      await assert.rejects(loadManifest(repo), (error: unknown) => {
        assert.ok(error instanceof SeiError)
        assert.equal(error.code, 'MANIFEST_INVALID')
        // line 5 holds `pipeline:`; the value out/metrics.json starts at column 32 (counted by hand)
        assert.equal(text.split('\n')[4].indexOf('out/metrics.json'), 31)
        assert.deepEqual(error.problems, [
          'sei.yaml:5:32 pipeline.metrics: path "out/metrics.json" leaves the repository (through a symlink); ' +
            'keep the file inside it',
        ])
        return true
      })
    })
  })
})
