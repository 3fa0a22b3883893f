import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {JsonFloat, asFloat, parseEvidenceJson, pythonFloat, stableJson} from '../../../src/engine/canonical/index.js'
import {fileVersions, fixtureNames} from '../../helpers/fixtures.js'
import {hasPythonEnv, pythonBin} from '../../helpers/python.js'

// What the reference engine wrote (a user's own JSON, e.g. a Croissant descriptor, is not ours to format).
const evidenceJson = (p: string) => /^\.(venth|froga)\/.*\.json$|^(venth|froga)\.lock$|(^|\/)metrics\.json$/.test(p)

describe('stable evidence JSON', () => {
  it('re-writes every historic JSON evidence file of the reference byte for byte', () => {
    let checked = 0
    const skipped: string[] = []
    for (const name of fixtureNames) {
      for (const v of fileVersions(name, evidenceJson)) {
        const text = v.content.toString('utf8')
        let parsed: unknown
        try {
          parsed = JSON.parse(text)
        } catch {
          continue // not JSON (e.g. a YAML .lock of another tool)
        }
        // A JS object orders integer-like keys first; such files cannot round-trip through an object.
        if (
          /"\d+":/.test(text) &&
          JSON.stringify(parsed) !==
            JSON.stringify(JSON.parse(text.replace(/"(\d+)":/g, '"k$1":'))).replace(/"k(\d+)":/g, '"$1":')
        ) {
          skipped.push(`${name}:${v.path}`)
          continue
        }
        assert.equal(stableJson(parseEvidenceJson(text)), text, `${name} ${v.commit.sha.slice(0, 7)} ${v.path}`)
        checked++
      }
    }
    // Every bundle, lock, conformance and reconstruct version round-trips; only a metrics.json with keys "1", "0"
    // cannot.
    assert.ok(checked >= 25, `only ${checked} files checked`)
    assert.deepEqual(skipped, ['novacredit:metrics.json'])
  })

  it('keeps integral floats as floats and integers as integers', () => {
    const v = parseEvidenceJson('{"a": 1.0, "b": 1, "c": [0.0, -2.50, 1e3]}') as {a: unknown; b: unknown; c: unknown[]}
    assert.ok(v.a instanceof JsonFloat)
    assert.equal(v.b, 1)
    assert.equal(stableJson(v), '{\n  "a": 1.0,\n  "b": 1,\n  "c": [\n    0.0,\n    -2.5,\n    1000.0\n  ]\n}')
    assert.equal(
      stableJson({x: asFloat(3), y: asFloat(0.25), e: [], o: {}, u: undefined}),
      '{\n  "x": 3.0,\n  "y": 0.25,\n  "e": [],\n  "o": {}\n}',
    )
    assert.equal(
      stableJson(
        new Map([
          ['1', 144],
          ['0', 56],
        ]),
      ),
      '{\n  "1": 144,\n  "0": 56\n}',
    )
    assert.throws(() => stableJson({n: Number.NaN}), /NaN/)
  })

  it('prints floats exactly as Python repr does', {skip: !hasPythonEnv && 'no project Python env'}, () => {
    const samples = [
      0.1,
      0.0001,
      0.00001,
      1.5e-7,
      123.456,
      1e15,
      1e16,
      1.2345678901234568e16,
      2 ** 60,
      -0.000123,
      5e-324,
      1.7976931348623157e308,
      0.1 + 0.2,
      100,
      -3,
      0.8849557522123894,
      1 / 3,
    ]
    const script = 'import json,sys\nfor x in json.load(sys.stdin): print(repr(float(x)))'
    const py = spawnSync(join(pythonBin, 'python'), ['-c', script], {input: JSON.stringify(samples), encoding: 'utf8'})
    assert.equal(py.status, 0, py.stderr)
    assert.deepEqual(
      samples.map((n) => pythonFloat(n)),
      py.stdout.trim().split('\n'),
    )
  })

  it('escapes strings as json.dumps(ensure_ascii=False) does', {skip: !hasPythonEnv && 'no project Python env'}, () => {
    const value = {s: 'Año "ß" \\ \n\t\u0001\u007f\u2028 €', k: ['ñ']}
    const py = spawnSync(
      join(pythonBin, 'python'),
      ['-c', 'import json,sys\nsys.stdout.write(json.dumps(json.load(sys.stdin), indent=2, ensure_ascii=False))'],
      {input: JSON.stringify(value), encoding: 'utf8'},
    )
    assert.equal(py.status, 0, py.stderr)
    assert.equal(stableJson(value), py.stdout)
  })
})
