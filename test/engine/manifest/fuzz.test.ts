import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {it} from 'node:test'
import {parse as parseYaml} from 'yaml'
import {formatProblem, parseManifest} from '../../../src/engine/manifest/index.js'
import {projectRoot} from '../../helpers/cli.js'
import {FUZZ_COUNT, FUZZ_SEED, fixtureManifests, mutate, prng} from './mutations.js'

it(`${FUZZ_COUNT} seeded mutations of the fixture manifests: each validates or gives located problems`, async () => {
  const {Ajv2020} = (await import('ajv/dist/2020.js')) as unknown as {
    Ajv2020: new (o: object) => {compile(s: object): (d: unknown) => boolean}
  }
  // An independent validator of the generated JSON Schema, to cross-check the verdicts.
  const ajv = new Ajv2020({strict: false}).compile(
    JSON.parse(readFileSync(join(projectRoot, 'schemas', 'sei.schema.json'), 'utf8')),
  )
  const bases = fixtureManifests()
  const parsedBases = bases.map((b) => parseYaml(b))
  const rand = prng(FUZZ_SEED)
  const tally = {valid: 0, invalid: 0}
  for (let i = 0; i < FUZZ_COUNT; i++) {
    const m = mutate(bases[i % bases.length], rand, parsedBases[i % bases.length])
    const label = `mutation #${i} (${m.kind}${m.path ? ` at ${m.path.join('.')}` : ''})`
    const r = parseManifest(m.text, 'sei.yaml')
    const lineCount = m.text.split('\n').length
    if (r.problems.length === 0) {
      tally.valid++
      assert.ok(r.manifest, label)
      assert.equal(ajv(r.manifest), true, `${label}: accepted, but ajv rejects it against the JSON Schema`)
    } else {
      tally.invalid++
      assert.equal(r.manifest, undefined, label)
      for (const p of r.problems) {
        assert.match(formatProblem(p), /^sei\.yaml:\d+:\d+ \S[^\n]*: \S/, label)
        assert.ok(
          p.line >= 1 && p.line <= lineCount + 1 && p.col >= 1,
          `${label}: ${formatProblem(p)} is outside the text`,
        )
        assert.doesNotMatch(p.message, /undefined|\[object Object\]|NaN/, label)
      }
    }
    if (m.structural) {
      if (!ajv(m.value)) assert.ok(r.problems.length > 0, `${label}: ajv rejects it but the validator accepted it`)
      if (m.kind === 'duplicate-risk-id')
        assert.ok(
          r.problems.some((p) => p.path === `risk.risks[${m.path?.[2]}].id` && /duplicate risk id/.test(p.message)),
          label,
        )
    }
  }
  assert.ok(tally.valid > 50 && tally.invalid > 500, `a useful mix of outcomes: ${JSON.stringify(tally)}`)
})
