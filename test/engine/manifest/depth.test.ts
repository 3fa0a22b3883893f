import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {tooDeepAt} from '../../../src/engine/manifest/depth.js'
import {parseManifest} from '../../../src/engine/manifest/index.js'
import {projectRoot} from '../../helpers/cli.js'
import {fixtureManifests} from './mutations.js'

describe('manifest depth bound (refused before YAML parses it)', () => {
  it('refuses block mappings, block sequences and flow collections nesting past 64, at the line where they do', () => {
    const block = `${Array.from({length: 1000}, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} x\n`
    const seq = `${Array.from({length: 1000}, (_, i) => `${' '.repeat(i * 2)}- `).join('\n')}x\n`
    const flow = `system: ${'['.repeat(10000)}${']'.repeat(10000)}\n`
    const dashes = `a:\n  - ${'- '.repeat(100)}x\n`
    for (const [text, line] of [
      [block, 65],
      [seq, 64],
      [flow, 1],
      [dashes, 2],
    ] as const) {
      assert.equal(tooDeepAt(text, 64), line)
      const r = parseManifest(text, 'sei.yaml')
      assert.equal(r.problems.length, 1)
      assert.match(r.problems[0].message, /nests deeper than 64 levels/)
      assert.equal(r.problems[0].line, line)
    }
  })
  // The estimate of a real manifest is 5 to 10 (measured): far below the bound.
  it('lets every real manifest through: the reference fixtures, the examples, block scalars, brackets in text', () => {
    const examples = ['loan', 'retinopathy', 'medical'].map((e) =>
      readFileSync(join(projectRoot, 'examples', e, 'sei.yaml'), 'utf8'),
    )
    for (const text of [...fixtureManifests(), ...examples])
      assert.equal(tooDeepAt(text, 12), undefined, text.slice(0, 80))
    const block = Array.from({length: 100}, (_, i) => `  ${' '.repeat(i)}line [ { ${i}`).join('\n')
    const scalar = `description: |\n${block}\nnext: "a [b" # [[[[\n`
    assert.equal(tooDeepAt(scalar, 8), undefined)
  })
})
