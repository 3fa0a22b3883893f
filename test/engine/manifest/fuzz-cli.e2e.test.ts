import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {it} from 'node:test'
import {parse as parseYaml} from 'yaml'
import {formatProblem, parseManifest} from '../../../src/engine/manifest/index.js'
import {isolatedEnv, sei} from '../../helpers/cli.js'
import {gitRepo} from '../../helpers/git-repo.js'
import {FUZZ_COUNT, FUZZ_SEED, fixtureManifests, mutate, prng} from './mutations.js'

// The same seeded stream as fuzz.test.ts; every 40th mutation goes through the real CLI
// (`sei status` loads the manifest first): never a stack trace; invalid → exit 2 with the located lines.
it('a sample of the fuzz mutations through the real CLI: located problems and exit 2, never a stack trace', () => {
  const bases = fixtureManifests()
  const parsed = bases.map((b) => parseYaml(b))
  const rand = prng(FUZZ_SEED)
  const env = isolatedEnv()
  const repo = gitRepo({'README.md': 'fuzz\n'})
  let sampled = 0
  for (let i = 0; i < FUZZ_COUNT; i++) {
    const m = mutate(bases[i % bases.length], rand, parsed[i % bases.length])
    if (i % 40 !== 0) continue
    sampled++
    writeFileSync(join(repo, 'sei.yaml'), m.text)
    const expected = parseManifest(m.text, 'sei.yaml').problems.map(formatProblem)
    const r = sei(['status', '--repo', repo, '--json'], {env})
    const label = `mutation #${i} (${m.kind})`
    assert.doesNotMatch(r.stderr, /^\s+at \S+ \(|node:internal/m, `${label}: stack trace\n${r.stderr}`)
    const out = JSON.parse(r.stdout)
    if (expected.length > 0) {
      assert.equal(r.status, 2, label)
      assert.equal(out.error.code, 'MANIFEST_INVALID', label)
      assert.deepEqual(out.error.problems, expected, label)
    } else {
      assert.notEqual(out.error?.code, 'MANIFEST_INVALID', label)
      assert.ok([0, 1, 2, 3].includes(r.status), `${label}: exit ${r.status}`)
      // Every rejection this manifest caused (the repository holds nothing else) says where in it.
      if (r.status === 2)
        assert.match(out.error.where ?? '(none)', /^sei\.yaml:\d+:\d+$/, `${label}: ${out.error.code} not located`)
    }
  }
  assert.equal(sampled, FUZZ_COUNT / 40)
})
